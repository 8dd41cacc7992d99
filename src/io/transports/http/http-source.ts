/**
 * `@source(type='http', receiver.url='http://0.0.0.0:8006/path', basic.auth.enabled='false', @map(...))`:
 * receives events as HTTP POST bodies. Sources on the same host and port share one server. A JSON array
 * body is many events. Replies 200 when the message was taken, 400 when nothing in it could be mapped,
 * 401 on failed basic auth, 405 for other methods, 415 for a content type the mapper cannot read.
 * An `https://` receiver.url serves TLS with the `tls.key` / `tls.cert` files (see tls.ts).
 * Transport properties (`trp:`): every request header (lower-case name), `method`, `path`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtensionSpec, OptionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { acceptsContentType, basicAuth, bodyPayload } from './content-type.js';
import { addRoute, removeRoute, type Listener } from './server-pool.js';
import { SERVER_TLS_OPTIONS, serverTls, type ServerTls } from './tls.js';

/** The options of the `http` source (`http-service` adds its own). */
export const HTTP_SOURCE_OPTIONS: OptionSpec[] = [
  {
    name: 'receiver.url',
    type: ['string'],
    optional: true,
    defaultValue: 'http://0.0.0.0:9763/<app name>/<stream id>',
    description:
      'Where to listen: scheme (http, or https with `tls.key` and `tls.cert`), host, port and path. Port 0 picks a free port.',
  },
  {
    name: 'basic.auth.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description:
      'When true, requests must carry `Authorization: Basic` with `basic.auth.username` / `basic.auth.password`.',
  },
  { name: 'basic.auth.username', type: ['string'], optional: true, description: 'The user basic auth accepts.' },
  { name: 'basic.auth.password', type: ['string'], optional: true, description: 'The password basic auth accepts.' },
  {
    name: 'max.body.size',
    type: ['long'],
    optional: true,
    defaultValue: '16777216',
    description: 'Largest accepted body in bytes; larger ones get 413.',
  },
  ...SERVER_TLS_OPTIONS,
];

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'http',
  description:
    'Receives events over HTTP or HTTPS: each POST body is one message for the `@map` mapper (a JSON array body carries many events). Sources on the same host and port share one server, each on its own path.',
  parameters: [],
  options: HTTP_SOURCE_OPTIONS,
  examples: [
    {
      syntax:
        "@source(type='http', receiver.url='http://0.0.0.0:8006/productionStream', @map(type='json'))\ndefine stream SweetProductionStream (name string, amount double);",
      description:
        'POST `{"event":{"name":"toffee","amount":12.5}}` (or an array of such) to http://host:8006/productionStream.',
    },
  ],
};

interface Parsed {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  readonly path: string;
}

export function parseReceiverUrl(text: string): Parsed {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`receiver.url '${text}' is not a URL; write e.g. http://0.0.0.0:8006/path`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`receiver.url '${text}': the scheme must be http:// or https://`);
  }
  const scheme = u.protocol === 'https:' ? 'https' : 'http';
  const port = u.port === '' ? (scheme === 'https' ? 443 : 80) : Number(u.port);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return { scheme, host, port, path: u.pathname.replace(/\/+$/, '') || '/' };
}

export class HttpSource implements Source {
  private listener: Listener | undefined;
  private readonly url: Parsed;
  private readonly tls: ServerTls | undefined;
  private readonly auth: string | undefined;
  private readonly maxBody: number;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(protected readonly ctx: SourceContext) {
    const o = ctx.options;
    const url = o.get('receiver.url') ?? `http://0.0.0.0:9763/${ctx.appName}/${ctx.streamId}`;
    this.url = parseReceiverUrl(url);
    this.tls = serverTls(o, this.url.scheme, url);
    if (o.bool('basic.auth.enabled', false)) {
      const user = o.get('basic.auth.username');
      const password = o.get('basic.auth.password');
      if (user === undefined || password === undefined) {
        throw new Error("basic.auth.enabled='true' needs basic.auth.username and basic.auth.password");
      }
      this.auth = basicAuth(user, password);
    }
    this.maxBody = o.number('max.body.size', 16 * 1024 * 1024);
  }

  get endpoint(): string | undefined {
    if (!this.listener) return undefined;
    const host = this.url.host.includes(':') ? `[${this.url.host}]` : this.url.host;
    return `${this.url.scheme}://${host}:${this.listener.port}${this.url.path}`;
  }

  async connect(): Promise<void> {
    if (this.listener) return;
    this.listener = await addRoute(
      this.url.host,
      this.url.port,
      this.url.path,
      (req, res) => void this.handle(req, res),
      this.tls,
    );
  }

  async disconnect(): Promise<void> {
    this.resume();
    const l = this.listener;
    this.listener = undefined;
    if (l) await removeRoute(l, this.url.path);
  }

  pause(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  resume(): void {
    this.openGate?.();
    this.gate = undefined;
    this.openGate = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('only POST is accepted\n');
      req.resume();
      return;
    }
    if (this.auth !== undefined && req.headers.authorization !== this.auth) {
      res
        .writeHead(401, { 'www-authenticate': 'Basic realm="tributary"', 'content-type': 'text/plain' })
        .end('unauthorized\n');
      req.resume();
      return;
    }
    const contentType = req.headers['content-type'];
    if (!acceptsContentType(this.ctx.mapType, contentType)) {
      res
        .writeHead(415, { 'content-type': 'text/plain' })
        .end(`content type '${contentType}' does not suit @map(type='${this.ctx.mapType}')\n`);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const c of req) {
        size += (c as Buffer).length;
        if (size > this.maxBody) {
          res.writeHead(413, { 'content-type': 'text/plain', connection: 'close' }).end('body too large\n');
          this.ctx.reportError(`a request body over ${this.maxBody} bytes was refused`);
          req.destroy();
          return;
        }
        chunks.push(c as Buffer);
      }
    } catch (e) {
      this.ctx.reportError(`reading a request failed: ${(e as Error).message}`);
      return;
    }
    // Backpressure: while paused, requests wait (the client sees a slow response, not a failure).
    while (this.gate) await this.gate;
    const payload = bodyPayload(this.ctx.mapType, Buffer.concat(chunks));
    const trp = new Map<string, unknown>();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') trp.set(k, v);
    trp.set('method', req.method);
    trp.set('path', req.url);
    this.accept(res, payload, trp);
  }

  /** Hands a read request to the stream and replies (200, or 400 when nothing in it could be mapped). */
  protected accept(res: ServerResponse, payload: unknown, trp: Map<string, unknown>): void {
    const result = this.ctx.deliver(payload, trp);
    if (result.events === 0 && result.errors.length > 0) {
      refuse(res, result.errors.map((e) => e.message).join('\n'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end();
  }
}

/** 400 with the mapper's reasons. */
export function refuse(res: ServerResponse, reasons: string): void {
  res.writeHead(400, { 'content-type': 'text/plain' }).end(reasons + '\n');
}

export const httpSource: SourceFactory = { spec, create: (ctx) => new HttpSource(ctx) };
