/**
 * `@source(type='grpc-call-response', sink.id='y', @map(...))`: receives the payloads of the replies to the
 * calls of the `grpc-call` sink with the same `sink.id` (transport properties: see grpc-call-sink.ts).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { grpcCallResponses, type CallResponseReceiver } from './correlation.js';
import { checkTextMapper, sourcePayload } from './grpc-options.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'grpc-call-response',
  description:
    "Receives the replies to the calls of the `grpc-call` sink with the same `sink.id`: each reply Event's payload is mapped, with the request event's attributes as transport properties `trp:<attribute>` and the reply's headers as `trp:<header>`.",
  parameters: [],
  options: [
    {
      name: 'sink.id',
      type: ['string'],
      optional: false,
      description: 'The `sink.id` of the `grpc-call` sink whose replies this source receives.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='grpc-call-response', sink.id='mi', @map(type='json', @attributes(requestMessage='trp:message', reply='$.message')))\ndefine stream Replies (requestMessage string, reply string);",
      description:
        "Each reply to a call of the `mi` sink becomes an event holding the request's `message` attribute and the reply's `message` field.",
    },
  ],
};

class GrpcCallResponseSource implements Source, CallResponseReceiver {
  private readonly sinkId: string;
  private connected = false;

  constructor(private readonly ctx: SourceContext) {
    checkTextMapper(ctx.mapType);
    this.sinkId = ctx.options.get('sink.id') ?? '';
    if (this.sinkId.trim() === '') {
      throw new Error("grpc-call-response needs a non-empty sink.id, e.g. sink.id='lookup'");
    }
  }

  get endpoint(): string | undefined {
    return this.connected ? `grpc-call:${this.sinkId}` : undefined;
  }

  connect(): void {
    grpcCallResponses.add(this.ctx.appName, this.sinkId, this);
    this.connected = true;
  }

  disconnect(): void {
    grpcCallResponses.remove(this.ctx.appName, this.sinkId, this);
    this.connected = false;
  }

  receive(payload: string, trp: ReadonlyMap<string, unknown>): void {
    this.ctx.deliver(sourcePayload(this.ctx.mapType, payload), trp);
  }
}

export const grpcCallResponseSource: SourceFactory = {
  spec,
  create: (ctx) => new GrpcCallResponseSource(ctx),
};
