/**
 * `@sink(type='grpc-call', publisher.url='grpc://host:port/org.wso2.grpc.EventService/process[/<sequence>]',
 * sink.id='y', headers, metadata, @map(...))`: calls EventService's `process` with each message and hands the
 * reply Event to the `grpc-call-response` sources with the same `sink.id`. Their transport properties: the
 * request event's attributes by name (of the first event of a grouped message), overlaid by the reply's
 * headers. Without such a source the message is not sent (an error handled by `on.error`). A server that is
 * down (UNAVAILABLE) or too slow (`request.timeout`) is a lost connection; any other failed call is an error
 * of that message.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { grpcCallResponses } from './correlation.js';
import { EventClient } from './event-client.js';
import { CALL_OPTIONS, clientOptions } from './grpc-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'grpc-call',
  description:
    "Calls the `process` method of siddhi-io-grpc's EventService with each message (an `Event`: the text as `payload`, the `headers` option as `headers`) and passes the reply to the `grpc-call-response` sources with the same `sink.id`. This is how WSO2 Streaming Integrator runs a WSO2 Micro Integrator sequence and takes its answer. Only the default EventService is supported, not generic services.",
  parameters: [],
  options: [
    ...clientOptions('process'),
    {
      name: 'sink.id',
      type: ['string'],
      optional: false,
      description: 'Ties the sink to the `grpc-call-response` sources (same `sink.id`) that receive its replies.',
    },
    ...CALL_OPTIONS,
  ],
  examples: [
    {
      syntax:
        "@sink(type='grpc-call', publisher.url='grpc://localhost:8888/org.wso2.grpc.EventService/process/inSeq', sink.id='mi', headers='{{headers}}', @map(type='json'))\ndefine stream FooStream (message string, headers string);\n@source(type='grpc-call-response', sink.id='mi', @map(type='json'))\ndefine stream BarStream (message string, headers string);",
      description:
        'Sends each FooStream event to the `inSeq` sequence of a Micro Integrator gRPC inbound endpoint on port 8888; its JSON answers become BarStream events (the WSO2 sample HelloMi).',
    },
    {
      syntax:
        "@sink(type='grpc-call', publisher.url='grpc://localhost:8888/org.wso2.grpc.EventService/process', sink.id='enrich', metadata=\"'authorization:Bearer {{token}}'\", @map(type='json', @payload(\"\"\"{\"id\":\"{{id}}\"}\"\"\")))\ndefine stream Lookup (id string, token string);\n@source(type='grpc-call-response', sink.id='enrich', @map(type='json', @attributes(id='trp:id', name='$.name')))\ndefine stream Found (id string, name string);",
      description:
        'Looks each id up with a bearer token in the call metadata; the reply keeps the request id through the transport property `trp:id`.',
    },
  ],
};

class GrpcCallSink implements Sink {
  private readonly client: EventClient;
  private readonly sinkId: string;

  constructor(private readonly ctx: SinkContext) {
    this.client = new EventClient(ctx, 'process', 'grpc-call');
    this.sinkId = ctx.options.get('sink.id') ?? '';
    if (this.sinkId.trim() === '') throw new Error("grpc-call needs a non-empty sink.id, e.g. sink.id='lookup'");
  }

  get endpoint(): string {
    return this.client.url.text;
  }

  connect(): void {
    this.client.connect();
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    if (grpcCallResponses.all(this.ctx.appName, this.sinkId).length === 0) {
      throw new Error(
        `no grpc-call-response source with sink.id '${this.sinkId}' runs in app '${this.ctx.appName}' to receive the reply; the message was not sent`,
      );
    }
    const reply = await this.client.process(this.client.event(payload, meta), meta);
    const trp = new Map<string, unknown>();
    const event = meta.events[0];
    if (event) {
      this.ctx.attributes.forEach((a, i) => {
        const v = event.data[i];
        if (v !== null && v !== undefined) trp.set(a.name, typeof v === 'object' ? v : String(v));
      });
    }
    for (const [k, v] of Object.entries(reply.headers)) trp.set(k, v);
    for (const r of grpcCallResponses.all(this.ctx.appName, this.sinkId)) r.receive(reply.payload, trp);
  }

  disconnect(): void {
    this.client.close();
  }
}

export const grpcCallSink: SinkFactory = { spec, create: (ctx) => new GrpcCallSink(ctx) };
