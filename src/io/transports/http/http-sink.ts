/**
 * `@sink(type='http', publisher.url='http://host:port/path', method='POST', headers="'K:V'", @map(...))`:
 * sends each message as an HTTP request body. A refused or broken connection (or a 503) is a lost
 * connection (handled per `on.error`); other 4xx/5xx replies are publish errors.
 */
import { Agent, request } from 'node:http';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { basicAuth, contentTypeFor, parseHeaders } from './content-type.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'http',
  description:
    'Publishes each message as the body of an HTTP request (POST by default) to `publisher.url`, with the content type of the `@map` type.',
  parameters: [],
  options: [
    {
      name: 'publisher.url',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: 'Where to send, e.g. http://localhost:8080/events; may hold `{{attr}}`.',
    },
    {
      name: 'method',
      type: ['string'],
      optional: true,
      defaultValue: 'POST',
      dynamic: true,
      description: 'HTTP method.',
    },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: "Extra headers as `'Name:value','Name2:value2'`.",
    },
    { name: 'basic.auth.username', type: ['string'], optional: true, description: 'User for basic auth.' },
    { name: 'basic.auth.password', type: ['string'], optional: true, description: 'Password for basic auth.' },
    {
      name: 'request.timeout',
      type: ['long'],
      optional: true,
      defaultValue: '30000',
      description: 'Milliseconds to wait for a reply before the request counts as lost.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='http', publisher.url='http://localhost:8080/sweets', method='POST', headers=\"'X-Source:factory'\", @map(type='json'))\ndefine stream OutStream (name string, amount double);",
      description: 'POSTs `{"event":{"name":...,"amount":...}}` per event.',
    },
  ],
};

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

class HttpSink implements Sink {
  private readonly agent = new Agent({ keepAlive: true });
  private readonly auth: string | undefined;
  private readonly contentType: string;
  private readonly timeout: number;

  constructor(private readonly ctx: SinkContext) {
    const user = ctx.options.get('basic.auth.username');
    const password = ctx.options.get('basic.auth.password');
    if ((user === undefined) !== (password === undefined)) {
      throw new Error('http sink basic auth needs both basic.auth.username and basic.auth.password');
    }
    if (user !== undefined && password !== undefined) this.auth = basicAuth(user, password);
    this.contentType = contentTypeFor(ctx.mapType);
    this.timeout = ctx.options.number('request.timeout', 30000);
    if (!ctx.dynamicOptions.has('publisher.url')) {
      const u = new URL(ctx.options.get('publisher.url') ?? '');
      if (u.protocol !== 'http:') throw new Error(`publisher.url '${u.href}': only http:// is supported`);
    }
  }

  get endpoint(): string | undefined {
    return this.ctx.options.get('publisher.url');
  }

  connect(): void {}

  publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const url = meta.option('publisher.url') ?? '';
    const method = (meta.option('method') ?? 'POST').toUpperCase();
    const body =
      typeof payload === 'string'
        ? payload
        : payload instanceof Uint8Array
          ? Buffer.from(payload)
          : JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': this.contentType };
    for (const [k, v] of parseHeaders(meta.option('headers'))) headers[k.toLowerCase()] = v;
    if (this.auth) headers.authorization = this.auth;
    return new Promise<void>((resolve, reject) => {
      const req = request(url, { method, headers, agent: this.agent, timeout: this.timeout }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else if (status === 503) reject(new ConnectionUnavailableError(`${url} replied 503`));
          else reject(new Error(`${method} ${url} replied ${status}`));
        });
        res.on('error', (e) => reject(new ConnectionUnavailableError(`${url}: ${e.message}`, { cause: e })));
      });
      req.on('timeout', () =>
        req.destroy(new ConnectionUnavailableError(`${url}: no reply within ${this.timeout} ms`)),
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof ConnectionUnavailableError) reject(e);
        else if (e.code !== undefined && CONNECTION_CODES.has(e.code))
          reject(new ConnectionUnavailableError(`${url}: ${e.message}`, { cause: e }));
        else reject(e);
      });
      req.end(body);
    });
  }

  disconnect(): void {
    this.agent.destroy();
  }
}

export const httpSink: SinkFactory = { spec, create: (ctx) => new HttpSink(ctx) };
