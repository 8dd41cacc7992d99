/**
 * `@sink(type='http-service-response', source.id='x', message.id='{{messageId}}', headers=..., @map(...))`:
 * answers a request held by the `http-service` source with the same `source.id`: status 200, the mapped
 * message as body, the content type of the `@map` type (a Content-Type in `headers` replaces it). An answer
 * for a request that no longer waits (answered, timed out, never received) is a publish error, handled by
 * the sink's `on.error` (logged by default).
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { bodyOf, contentTypeFor, parseHeaders } from './content-type.js';
import { findService } from './correlation-registry.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'http-service-response',
  description:
    'Answers the requests an `http-service` source (same `source.id`) holds: each message is the 200 response body of the request named by `message.id`.',
  parameters: [],
  options: [
    {
      name: 'source.id',
      type: ['string'],
      optional: false,
      description: 'The `source.id` of the `http-service` source whose requests this sink answers.',
    },
    {
      name: 'message.id',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: "The request to answer, usually `'{{messageId}}'` (the source's `trp:messageId` carried along).",
    },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: "Response headers as `'Name:value','Name2:value2'`.",
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='http-service-response', source.id='adder', message.id='{{messageId}}', headers=\"'X-Served-By:tributary'\", @map(type='json'))\ndefine stream ResultStream (messageId string, results long);",
      description: 'Each ResultStream event answers the request its messageId names.',
    },
  ],
};

class HttpServiceResponseSink implements Sink {
  private readonly sourceId: string;
  private readonly contentType: string;

  constructor(private readonly ctx: SinkContext) {
    this.sourceId = ctx.options.get('source.id') ?? '';
    this.contentType = contentTypeFor(ctx.mapType);
  }

  get endpoint(): string {
    return `http-service:${this.sourceId}`;
  }

  connect(): void {}

  publish(payload: unknown, meta: PublishMeta): void {
    const messageId = meta.option('message.id') ?? '';
    const service = findService(this.ctx.appName, this.sourceId);
    if (!service) {
      throw new Error(
        `no http-service source with source.id '${this.sourceId}' is running in app '${this.ctx.appName}'; the answer to request '${messageId}' was dropped`,
      );
    }
    const headers = new Map<string, string>([['content-type', this.contentType]]);
    for (const [k, v] of parseHeaders(meta.option('headers'))) headers.set(k.toLowerCase(), v);
    if (!service.respond(messageId, bodyOf(payload), [...headers])) {
      throw new Error(
        `no request with message.id '${messageId}' waits on http-service source '${this.sourceId}' (already answered, timed out after ${service.timeoutMs} ms, its client left, or never received); the answer was dropped`,
      );
    }
  }

  disconnect(): void {}
}

export const httpServiceResponseSink: SinkFactory = {
  spec,
  create: (ctx) => new HttpServiceResponseSink(ctx),
};
