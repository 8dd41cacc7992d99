/**
 * `@source(type='grpc', receiver.url='grpc://host:port/org.wso2.grpc.EventService/consume', @map(...))`: serves
 * EventService's `consume` method and maps each Event whose `stream.id` header names this source's stream.
 * Transport properties: the Event's headers, overlaid by the call's metadata (names lower-cased). A call is
 * answered (Empty) when its client ends the stream, so a client may stream any number of Events in one call.
 * While the app is paused, the server stops reading the calls of this stream (gRPC flow control holds the
 * client).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { SourceContext, SourceFactory } from '../../framework/transport.js';
import type { ConsumeSubscriber } from './event-server.js';
import { serverOptions, sourcePayload } from './grpc-options.js';
import { ServerSource } from './server-source.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'grpc',
  description:
    "Runs a gRPC server for the `consume` method of siddhi-io-grpc's EventService and maps the payload of every `Event` whose `stream.id` header names this source's stream (a `grpc` sink sends it with `headers=\"'stream.id:<stream>'\"`); other Events end their call with DATA_LOSS. The Event's headers and the call's metadata are transport properties `trp:<name>`. Only the default EventService is supported, not generic services.",
  parameters: [],
  options: serverOptions('consume'),
  examples: [
    {
      syntax:
        "@source(type='grpc', receiver.url='grpc://0.0.0.0:8888/org.wso2.grpc.EventService/consume', @map(type='json'))\ndefine stream StockStream (symbol string, price double);",
      description:
        'Listens on port 8888; a client\'s Event with the header `stream.id` = \'StockStream\' and the payload `{"event":{"symbol":"WSO2","price":55.6}}` becomes one StockStream event.',
    },
    {
      syntax:
        "@source(type='grpc', receiver.url='grpc://localhost:8888/org.wso2.grpc.EventService/consume', @map(type='json', @attributes(name='trp:name', age='trp:age', message='message')))\ndefine stream BarStream (message string, name string, age int);",
      description:
        "Takes `name` and `age` from the Event's headers or the call's metadata, and `message` from the JSON payload.",
    },
  ],
};

class GrpcSource extends ServerSource implements ConsumeSubscriber {
  protected readonly subscriber: ConsumeSubscriber = this;
  private resumeHooks: (() => void)[] = [];
  private isPaused = false;

  constructor(ctx: SourceContext) {
    super(ctx, 'consume', 'grpc');
  }

  get paused(): boolean {
    return this.isPaused;
  }

  consume(payload: string, trp: Map<string, unknown>): void {
    this.ctx.deliver(sourcePayload(this.ctx.mapType, payload), trp);
  }

  whenResumed(f: () => void): void {
    if (this.isPaused) this.resumeHooks.push(f);
    else f();
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
    const hooks = this.resumeHooks;
    this.resumeHooks = [];
    for (const f of hooks) f();
  }

  override async disconnect(): Promise<void> {
    this.resume();
    await super.disconnect();
  }
}

export const grpcSource: SourceFactory = { spec, create: (ctx) => new GrpcSource(ctx) };
