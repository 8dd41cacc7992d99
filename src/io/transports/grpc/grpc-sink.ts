/**
 * `@sink(type='grpc', publisher.url='grpc://host:port/org.wso2.grpc.EventService/consume', headers, metadata,
 * @map(...))`: sends each message as an Event to EventService's `consume` method. Siddhi streams every
 * message of a connection over one `consume` call; here each message is a call of its own (one Event, then
 * the end of the stream), answered with Empty once the server took it: a message the server refused or never
 * got is known and handled by `on.error`, and a server that ends the call after its first message (as
 * siddhi-io-grpc's own `grpc` source does) gets every message. A server that is down (UNAVAILABLE) or too
 * slow (`request.timeout`) is a lost connection: retried per `on.error`, with the sink's backoff.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { EventClient } from './event-client.js';
import { clientOptions } from './grpc-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'grpc',
  description:
    "Sends each message as an `Event` (its text as `payload`, the `headers` option as `headers`) to the `consume` method of siddhi-io-grpc's EventService on a gRPC server, and counts it sent once the server acknowledges it. A Tributary or Siddhi `grpc` source takes it when the headers name its stream (`'stream.id:<stream>'`); WSO2 Micro Integrator's gRPC inbound endpoint runs the sequence the URL names. Only the default EventService is supported, not generic services.",
  parameters: [],
  options: clientOptions('consume'),
  examples: [
    {
      syntax:
        "@sink(type='grpc', publisher.url='grpc://localhost:8888/org.wso2.grpc.EventService/consume', headers=\"'stream.id:StockStream'\", @map(type='json'))\ndefine stream StockOut (symbol string, price double);",
      description:
        'Sends `{"event":{"symbol":...,"price":...}}` to the `grpc` source of stream StockStream listening on port 8888.',
    },
    {
      syntax:
        "@sink(type='grpc', publisher.url='grpc://mi-host:8888/org.wso2.grpc.EventService/consume/inSeq', headers='{{headers}}', metadata=\"'tenant:acme'\", @map(type='json', @payload('{{message}}')))\ndefine stream ToMi (message string, headers string);",
      description:
        "Hands each message to the `inSeq` sequence of a Micro Integrator gRPC inbound endpoint (the `sequence` header), with the headers each event carries (e.g. \"'Name:John','Age:23'\") and a `tenant` metadata entry.",
    },
  ],
};

class GrpcSink implements Sink {
  private readonly client: EventClient;

  constructor(ctx: SinkContext) {
    this.client = new EventClient(ctx, 'consume', 'grpc');
  }

  get endpoint(): string {
    return this.client.url.text;
  }

  connect(): void {
    this.client.connect();
  }

  publish(payload: unknown, meta: PublishMeta): Promise<void> {
    return this.client.consume(this.client.event(payload, meta), meta);
  }

  disconnect(): void {
    this.client.close();
  }
}

export const grpcSink: SinkFactory = { spec, create: (ctx) => new GrpcSink(ctx) };
