/**
 * The HTTP(S) client of the `http` and `http-call` sinks: keep-alive agents per scheme, the options both
 * share (headers, basic auth, OAuth 2.0, timeout, TLS), and the failures that count as a lost connection
 * (refused, reset, unreachable, no reply in time): those reject with `ConnectionUnavailableError`.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { OptionSpec } from '../../../lang/catalog.js';
import { ConnectionUnavailableError, type PublishMeta, type SinkContext } from '../../framework/transport.js';
import { basicAuth, bodyOf, contentTypeFor, parseHeaders } from './content-type.js';
import { OAUTH_OPTIONS, OAuthTokens, oauthSettings } from './oauth-tokens.js';
import { CLIENT_TLS_OPTIONS, clientTls } from './tls.js';

/** Options of every HTTP client sink. */
export const HTTP_CLIENT_OPTIONS: OptionSpec[] = [
  {
    name: 'publisher.url',
    type: ['string'],
    optional: false,
    dynamic: true,
    description: 'Where to send, e.g. http://localhost:8080/events or https://...; may hold `{{attr}}`.',
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
    description: "Extra headers as `'Name:value','Name2:value2'` (a Content-Type here replaces the mapper's).",
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
  ...OAUTH_OPTIONS,
  ...CLIENT_TLS_OPTIONS,
];

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export class HttpClient {
  private readonly http = new HttpAgent({ keepAlive: true });
  private readonly https: HttpsAgent;
  private readonly auth: string | undefined;
  private readonly contentType: string;
  private readonly timeout: number;
  private readonly oauth: OAuthTokens | undefined;

  constructor(
    private readonly ctx: SinkContext,
    what: string,
  ) {
    const user = ctx.options.get('basic.auth.username');
    const password = ctx.options.get('basic.auth.password');
    if ((user === undefined) !== (password === undefined)) {
      throw new Error(`${what} basic auth needs both basic.auth.username and basic.auth.password`);
    }
    if (user !== undefined && password !== undefined) this.auth = basicAuth(user, password);
    this.contentType = contentTypeFor(ctx.mapType);
    this.timeout = ctx.options.number('request.timeout', 30000);
    this.https = new HttpsAgent({ keepAlive: true, ...clientTls(ctx.options) });
    if (!ctx.dynamicOptions.has('publisher.url')) checkUrl(ctx.options.get('publisher.url') ?? '');
    const oauth = this.auth ? undefined : oauthSettings(ctx.options, what);
    this.oauth = oauth && new OAuthTokens(oauth, (url, headers, body) => this.request(url, 'POST', headers, body));
  }

  /**
   * Sends one message; resolves with the reply whatever its status, rejects when no reply came. With OAuth,
   * the request carries the latest access token (at first the `headers` one, else a new one); a 401 gets a
   * new token and the request is sent once more.
   */
  async send(payload: unknown, meta: PublishMeta): Promise<HttpReply> {
    const url = meta.option('publisher.url') ?? '';
    const method = (meta.option('method') ?? 'POST').toUpperCase();
    const headers: Record<string, string> = { 'content-type': this.contentType };
    for (const [k, v] of parseHeaders(meta.option('headers'))) headers[k.toLowerCase()] = v;
    if (this.auth) headers.authorization = this.auth;
    const body = method === 'GET' || method === 'HEAD' ? undefined : bodyOf(payload);
    if (!this.oauth) return this.request(url, method, headers, body);
    const refresh = meta.option('refresh.token');
    headers.authorization = this.oauth.current ?? headers.authorization ?? (await this.oauth.renew(refresh));
    const reply = await this.request(url, method, headers, body);
    if (reply.status !== 401) return reply;
    headers.authorization = await this.oauth.renew(refresh);
    const again = await this.request(url, method, headers, body);
    if (again.status === 401) {
      throw new Error(
        `${method} ${url} replied 401 with a new OAuth 2.0 access token too: check consumer.key, consumer.secret and token.url`,
      );
    }
    return again;
  }

  private request(
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<HttpReply> {
    let secure: boolean;
    try {
      secure = checkUrl(url);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const send = secure ? httpsRequest : httpRequest;
    const agent = secure ? this.https : this.http;
    return new Promise<HttpReply>((resolve, reject) => {
      const req = send(url, { method, headers, agent, timeout: this.timeout }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (e) => reject(new ConnectionUnavailableError(`${url}: ${e.message}`, { cause: e })));
      });
      req.on('timeout', () =>
        req.destroy(new ConnectionUnavailableError(`${url}: no reply within ${this.timeout} ms`)),
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (e instanceof ConnectionUnavailableError) reject(e);
        else if (e.code !== undefined && CONNECTION_CODES.has(e.code))
          reject(new ConnectionUnavailableError(`${method} ${url}: ${e.message}`, { cause: e }));
        else reject(new Error(`${method} ${url}: ${e.message}`, { cause: e }));
      });
      req.end(body);
    });
  }

  close(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

/** Whether the URL is https; throws for a URL that is not http(s). */
function checkUrl(text: string): boolean {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`publisher.url '${text}' is not a URL; write e.g. http://localhost:8080/path`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new Error(`publisher.url '${text}': the scheme must be http:// or https://`);
  }
  return u.protocol === 'https:';
}
