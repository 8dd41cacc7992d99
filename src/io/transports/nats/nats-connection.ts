/**
 * Connecting to NATS from the options Siddhi's NATS extension uses (`bootstrap.servers`, `client.id`) plus
 * `username`/`password`/`token` and TLS. The client reconnects by itself forever (buffering publishes
 * meanwhile); a first connection that fails is a `ConnectionUnavailableError`, retried by the framework.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions, NatsConnection } from 'nats';
import type { OptionSpec } from '../../../lang/catalog.js';
import { ConnectionUnavailableError, type OptionReader } from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';

export const DEFAULT_SERVERS = 'nats://localhost:4222';

export const connectionOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'server.urls',
    type: ['string'],
    optional: true,
    defaultValue: DEFAULT_SERVERS,
    description: 'Comma-separated NATS server URLs, each nats://host:port (credentials in a URL are never logged).',
  },
  {
    name: 'bootstrap.servers',
    type: ['string'],
    optional: true,
    description: 'Older name of server.urls; wins when both are given.',
  },
  {
    name: 'auth.type',
    type: ['string'],
    optional: true,
    description:
      'user (needs username and password), token (needs token) or tls; without it, whichever of username/password or token is given is used.',
  },
  { name: 'client.id', type: ['string'], optional: true, description: 'The connection name the server shows.' },
  { name: 'username', type: ['string'], optional: true, description: 'User name for user/password authentication.' },
  { name: 'password', type: ['string'], optional: true, description: 'Password for user/password authentication.' },
  { name: 'token', type: ['string'], optional: true, description: 'Token for token authentication.' },
  { name: 'tls.enabled', type: ['bool'], optional: true, defaultValue: 'false', description: 'Connect over TLS.' },
  { name: 'tls.ca.file', type: ['string'], optional: true, description: 'PEM file of the CA certificate(s) to trust.' },
  { name: 'tls.cert.file', type: ['string'], optional: true, description: 'PEM client certificate (mutual TLS).' },
  { name: 'tls.key.file', type: ['string'], optional: true, description: 'PEM client key (mutual TLS).' },
  {
    name: 'reconnect.wait',
    type: ['int'],
    optional: true,
    defaultValue: '250',
    description: "Milliseconds between the client's own reconnect attempts after a connection drops.",
  },
];

export function serversOf(options: OptionReader): string[] {
  return (options.get('bootstrap.servers') ?? options.getOr('server.urls', DEFAULT_SERVERS))
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function natsEndpoint(options: OptionReader, subject: string): string {
  return `${maskUrl(serversOf(options).join(','))}/${subject}`;
}

/**
 * App-creation checks of the connection options, as Siddhi's NATS extension makes them: every server URL is
 * nats://host:port, and auth.type 'user' or 'token' comes with its credentials. An unknown auth.type is
 * warned about (the connection goes without authentication).
 */
export function checkNatsOptions(options: OptionReader, what: string, warn: (message: string) => void): void {
  for (const url of serversOf(options)) {
    let u: URL | undefined;
    try {
      u = new URL(url);
    } catch {
      u = undefined;
    }
    if (u === undefined || u.protocol !== 'nats:' || u.hostname === '' || u.port === '') {
      throw new Error(`${what}: NATS server url '${maskUrl(url)}' is not of the form nats://<host>:<port>`);
    }
  }
  const auth = authTypeOf(options);
  if (auth === 'user' && (options.get('username') === undefined || options.get('password') === undefined)) {
    throw new Error(`${what}: auth.type='user' needs username='...' and password='...'`);
  }
  if (auth === 'token' && options.get('token') === undefined) {
    throw new Error(`${what}: auth.type='token' needs token='...'`);
  }
  if (auth !== undefined && auth !== 'user' && auth !== 'token' && auth !== 'tls') {
    warn(`${what}: auth.type '${auth}' is not one of user, token, tls; connecting without authentication`);
  }
}

function authTypeOf(options: OptionReader): string | undefined {
  return options.get('auth.type')?.trim().toLowerCase();
}

function tlsOf(options: OptionReader): ConnectionOptions['tls'] {
  if (!options.bool('tls.enabled', false) && authTypeOf(options) !== 'tls') return undefined;
  const ca = options.get('tls.ca.file');
  const cert = options.get('tls.cert.file');
  const key = options.get('tls.key.file');
  return {
    ...(ca ? { ca: readFileSync(ca, 'utf8') } : {}),
    ...(cert ? { cert: readFileSync(cert, 'utf8') } : {}),
    ...(key ? { key: readFileSync(key, 'utf8') } : {}),
  };
}

export async function connectNats(options: OptionReader, defaultName: string): Promise<NatsConnection> {
  // With auth.type, only the credentials of that type are sent (as Siddhi does); without it, those given.
  const auth = authTypeOf(options);
  const user = auth === undefined || auth === 'user' ? options.get('username') : undefined;
  const pass = auth === undefined || auth === 'user' ? options.get('password') : undefined;
  const token = auth === undefined || auth === 'token' ? options.get('token') : undefined;
  const tls = tlsOf(options);
  const { connect } = await import('nats');
  try {
    return await connect({
      servers: serversOf(options),
      name: options.getOr('client.id', defaultName),
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: options.number('reconnect.wait', 250),
      pingInterval: 5000,
      ...(user !== undefined ? { user } : {}),
      ...(pass !== undefined ? { pass } : {}),
      ...(token !== undefined ? { token } : {}),
      ...(tls ? { tls } : {}),
    });
  } catch (e) {
    throw new ConnectionUnavailableError(
      `cannot connect to NATS ${maskUrl(serversOf(options).join(','))}: ${redact(maskedMessage(e), [pass, token])}`,
    );
  }
}

/** Watches a connection: calls `lost` when it closes for good without us closing it. */
export function watchClosed(nc: NatsConnection, isClosing: () => boolean, lost: (e: unknown) => void): void {
  void nc.closed().then((err) => {
    if (!isClosing()) lost(err ?? new Error('NATS connection closed'));
  });
}

/** Transport properties of a NATS message: `subject`, `reply`, and each header as `header.<name>`. */
export function natsProperties(
  subject: string,
  headers: { keys(): string[]; get(k: string): string } | undefined,
  extra: Record<string, unknown> = {},
): Map<string, unknown> {
  const trp = new Map<string, unknown>([['subject', subject]]);
  for (const [k, v] of Object.entries(extra)) trp.set(k, v);
  if (headers) for (const k of headers.keys()) trp.set(`header.${k}`, headers.get(k));
  return trp;
}
