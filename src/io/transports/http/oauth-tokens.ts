/**
 * OAuth 2.0 access tokens for the HTTP client sinks, got as siddhi-io-http gets them: a POST of a form to
 * `token.url` with `Authorization: Basic base64(consumer.key:consumer.secret)`, using the refresh-token
 * grant when a refresh token is known (falling back when it is refused), else the password grant with
 * `oauth.username` / `oauth.password`, else the client-credentials grant. The token is kept and sent as
 * `Authorization: Bearer ...` until the endpoint answers 401.
 */
import type { OptionSpec } from '../../../lang/catalog.js';
import { ConnectionUnavailableError, errorMessage, type OptionReader } from '../../framework/transport.js';

export const OAUTH_OPTIONS: OptionSpec[] = [
  {
    name: 'consumer.key',
    type: ['string'],
    optional: true,
    description: 'OAuth 2.0 client id, sent to token.url in a Basic authorization header.',
  },
  { name: 'consumer.secret', type: ['string'], optional: true, description: 'OAuth 2.0 client secret.' },
  {
    name: 'body.consumer.key',
    type: ['string'],
    optional: true,
    description:
      'OAuth 2.0 client id for token endpoints that take it in the body (client_id), with the password grant.',
  },
  {
    name: 'body.consumer.secret',
    type: ['string'],
    optional: true,
    description: 'OAuth 2.0 client secret sent in the body (client_secret), with body.consumer.key.',
  },
  {
    name: 'token.url',
    type: ['string'],
    optional: true,
    description: 'The OAuth 2.0 token endpoint, where new access tokens are got.',
  },
  {
    name: 'oauth.username',
    type: ['string'],
    optional: true,
    description: 'Resource owner for the password grant (with oauth.password).',
  },
  { name: 'oauth.password', type: ['string'], optional: true, description: 'Password for the password grant.' },
  {
    name: 'refresh.token',
    type: ['string'],
    optional: true,
    dynamic: true,
    description: 'A refresh token: new access tokens come from the refresh-token grant; may hold `{{attr}}`.',
  },
  {
    name: 'oauth.scope',
    type: ['string'],
    optional: true,
    description: 'The OAuth 2.0 scope parameter, sent with the password grant.',
  },
];

interface TokenReply {
  readonly status: number;
  readonly body: string;
}

/** Sends a POST (the sink's HTTP client): resolves with the reply whatever its status. */
export type PostRequest = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ readonly status: number; readonly body: Buffer }>;

/** The OAuth settings of a sink, or undefined when it does not use OAuth. */
export function oauthSettings(o: OptionReader, what: string): OAuthSettings | undefined {
  const key = o.get('consumer.key') ?? '';
  const secret = o.get('consumer.secret') ?? '';
  const bodyKey = o.get('body.consumer.key') ?? '';
  const bodySecret = o.get('body.consumer.secret') ?? '';
  const user = o.get('oauth.username') ?? '';
  const password = o.get('oauth.password') ?? '';
  // As siddhi-io-http: a key and secret pair, or a user and password, turn OAuth on.
  if (!((key && secret) || (bodyKey && bodySecret) || (user && password))) return undefined;
  const tokenUrl = o.get('token.url');
  if (!tokenUrl) throw new Error(`${what} uses OAuth 2.0 (consumer.key, oauth.username) and needs token.url`);
  try {
    const u = new URL(tokenUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('the scheme must be http:// or https://');
  } catch (e) {
    throw new Error(`token.url '${tokenUrl}' is not an http(s) URL: ${errorMessage(e)}`);
  }
  const basic = key && secret ? `${key}:${secret}` : `${bodyKey}:${bodySecret}`;
  return {
    tokenUrl,
    authorization: `Basic ${Buffer.from(basic, 'utf8').toString('base64')}`,
    bodyClient: bodyKey && bodySecret ? { id: bodyKey, secret: bodySecret } : undefined,
    user: user && password ? { name: user, password } : undefined,
    scope: o.get('oauth.scope'),
  };
}

export interface OAuthSettings {
  readonly tokenUrl: string;
  /** `Basic ...` of the consumer key and secret. */
  readonly authorization: string;
  readonly bodyClient: { readonly id: string; readonly secret: string } | undefined;
  readonly user: { readonly name: string; readonly password: string } | undefined;
  readonly scope: string | undefined;
}

/** The access and refresh tokens of one sink. */
export class OAuthTokens {
  /** `Bearer ...`, once one was got. */
  private access: string | undefined;
  private refresh: string | undefined;

  constructor(
    private readonly s: OAuthSettings,
    private readonly send: PostRequest,
  ) {}

  /** The `Authorization` value of the latest token got, if any. */
  get current(): string | undefined {
    return this.access;
  }

  /** Gets a new access token; `refreshToken`: the sink's refresh.token for this message, if set. */
  async renew(refreshToken: string | undefined): Promise<string> {
    const refresh = this.refresh ?? (refreshToken || undefined);
    if (refresh !== undefined) {
      const r = await this.post({ grant_type: 'refresh_token', refresh_token: refresh });
      if (r.status === 200) return this.take(r);
      // A refused refresh token falls back to the other grants.
      if (r.status !== 401 && r.status !== 403) throw this.failure(r);
      this.refresh = undefined;
    }
    const form: Record<string, string> = this.s.user
      ? { grant_type: 'password', username: this.s.user.name, password: this.s.user.password }
      : { grant_type: 'client_credentials' };
    if (this.s.user && this.s.scope) form.scope = this.s.scope;
    if (this.s.user && this.s.bodyClient) {
      form.client_id = this.s.bodyClient.id;
      form.client_secret = this.s.bodyClient.secret;
    }
    const r = await this.post(form);
    if (r.status === 200) return this.take(r);
    throw this.failure(r);
  }

  private take(r: TokenReply): string {
    let json: { access_token?: unknown; refresh_token?: unknown };
    try {
      json = JSON.parse(r.body) as typeof json;
    } catch {
      throw new Error(`token.url ${this.s.tokenUrl} replied 200 with a body that is not JSON: ${r.body.slice(0, 200)}`);
    }
    if (typeof json.access_token !== 'string')
      throw new Error(`token.url ${this.s.tokenUrl} replied 200 without an access_token`);
    this.access = `Bearer ${json.access_token}`;
    if (typeof json.refresh_token === 'string') this.refresh = json.refresh_token;
    return this.access;
  }

  private failure(r: TokenReply): Error {
    const why =
      r.status === 401
        ? 'Authentication Failure: check consumer.key, consumer.secret (and oauth.username, oauth.password) and token.url'
        : r.body.slice(0, 200);
    const message = `could not get an OAuth 2.0 access token: ${this.s.tokenUrl} replied ${r.status} (${why})`;
    return r.status >= 500 ? new ConnectionUnavailableError(message) : new Error(message);
  }

  /** POSTs the form to token.url; any failure to get a reply counts as a lost connection. */
  private async post(form: Record<string, string>): Promise<TokenReply> {
    const url = this.s.tokenUrl;
    const headers = { authorization: this.s.authorization, 'content-type': 'application/x-www-form-urlencoded' };
    try {
      const r = await this.send(url, headers, new URLSearchParams(form).toString());
      return { status: r.status, body: r.body.toString('utf8') };
    } catch (e) {
      throw new ConnectionUnavailableError(`token.url: ${errorMessage(e)}`, { cause: e });
    }
  }
}
