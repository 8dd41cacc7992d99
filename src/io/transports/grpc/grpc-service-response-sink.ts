/**
 * `@sink(type='grpc-service-response', source.id='x', message.id='{{messageId}}', @map(...))`: answers a call
 * held by the `grpc-service` source with the same `source.id`: the reply Event's payload is the mapped message.
 * An answer for a call that no longer waits (answered, timed out, cancelled, never received) is a publish
 * error, handled by the sink's `on.error` (logged by default; Siddhi drops it silently).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { grpcServices } from './correlation.js';
import { checkTextMapper, payloadText } from './grpc-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'grpc-service-response',
  description:
    'Answers the `process` calls a `grpc-service` source (same `source.id`) holds: each message becomes the payload of the reply Event of the call named by `message.id`.',
  parameters: [],
  options: [
    {
      name: 'source.id',
      type: ['string'],
      optional: false,
      description: 'The `source.id` of the `grpc-service` source whose calls this sink answers.',
    },
    {
      name: 'message.id',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: "The call to answer, usually `'{{messageId}}'` (the source's `trp:message.id` carried along).",
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='grpc-service-response', source.id='echo', message.id='{{messageId}}', @map(type='json'))\ndefine stream BarStream (messageId string, message string);",
      description: 'Each BarStream event answers the call its messageId names, with its JSON as the reply payload.',
    },
  ],
};

class GrpcServiceResponseSink implements Sink {
  private readonly sourceId: string;

  constructor(private readonly ctx: SinkContext) {
    checkTextMapper(ctx.mapType);
    this.sourceId = ctx.options.get('source.id') ?? '';
    if (this.sourceId.trim() === '') {
      throw new Error("grpc-service-response needs a non-empty source.id, e.g. source.id='echo'");
    }
  }

  get endpoint(): string {
    return `grpc-service:${this.sourceId}`;
  }

  connect(): void {}

  publish(payload: unknown, meta: PublishMeta): void {
    const messageId = meta.option('message.id') ?? '';
    const service = grpcServices.find(this.ctx.appName, this.sourceId);
    if (!service) {
      throw new Error(
        `no grpc-service source with source.id '${this.sourceId}' is running in app '${this.ctx.appName}'; the answer to call '${messageId}' was dropped`,
      );
    }
    if (!service.respond(messageId, payloadText(payload))) {
      throw new Error(
        `no call with message.id '${messageId}' waits on grpc-service source '${this.sourceId}' (already answered, timed out after ${service.timeoutMs} ms, cancelled by its client, or never received); the answer was dropped`,
      );
    }
  }

  disconnect(): void {}
}

export const grpcServiceResponseSink: SinkFactory = {
  spec,
  create: (ctx) => new GrpcServiceResponseSink(ctx),
};
