/**
 * `@sink(type='http', publisher.url='http://host:port/path', method='POST', headers="'K:V'", @map(...))`:
 * sends each message as an HTTP(S) request body. A refused or broken connection (or a 503) is a lost
 * connection (handled per `on.error`); other 4xx/5xx replies are publish errors.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { HTTP_CLIENT_OPTIONS, HttpClient } from './http-client.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'http',
  description:
    'Publishes each message as the body of an HTTP or HTTPS request (POST by default) to `publisher.url`, with the content type of the `@map` type.',
  parameters: [],
  options: HTTP_CLIENT_OPTIONS,
  examples: [
    {
      syntax:
        "@sink(type='http', publisher.url='http://localhost:8080/sweets', method='POST', headers=\"'X-Source:factory'\", @map(type='json'))\ndefine stream OutStream (name string, amount double);",
      description: 'POSTs `{"event":{"name":...,"amount":...}}` per event.',
    },
  ],
};

class HttpSink implements Sink {
  private readonly client: HttpClient;

  constructor(private readonly ctx: SinkContext) {
    this.client = new HttpClient(ctx, 'http sink');
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('publisher.url');
  }

  connect(): void {}

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const reply = await this.client.send(payload, meta);
    const status = reply.status;
    if (status >= 200 && status < 300) return;
    const url = meta.option('publisher.url') ?? '';
    if (status === 503) throw new ConnectionUnavailableError(`${url} replied 503`);
    throw new Error(`${(meta.option('method') ?? 'POST').toUpperCase()} ${url} replied ${status}`);
  }

  disconnect(): void {
    this.client.close();
  }
}

export const httpSink: SinkFactory = { spec, create: (ctx) => new HttpSink(ctx) };
