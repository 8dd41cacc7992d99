/**
 * Connecting to RabbitMQ from Siddhi's option names (`uri`, `heartbeat`, `tls.*`), declaring the exchange
 * with its durable/auto-delete flags. URIs are masked wherever they are shown.
 */
import { readFileSync } from 'node:fs';
import type { Channel, ChannelModel } from 'amqplib';
import type { OptionSpec } from '../../../lang/catalog.js';
import { ConnectionUnavailableError, type OptionReader } from '../../framework/transport.js';
import { maskUrl, maskedMessage } from '../shared/mask-url.js';

export const connectionOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'uri',
    type: ['string'],
    optional: false,
    description:
      'The broker, e.g. amqp://user:password@localhost:5672/vhost (amqps:// for TLS); never logged unmasked.',
  },
  {
    name: 'heartbeat',
    type: ['int'],
    optional: true,
    defaultValue: '60',
    description: 'Heartbeat interval in seconds.',
  },
  {
    name: 'exchange.name',
    type: ['string'],
    optional: false,
    description:
      "The exchange, declared when it does not exist yet (an existing one is used as it is); '' is the default exchange.",
  },
  {
    name: 'exchange.type',
    type: ['string'],
    optional: true,
    defaultValue: 'direct',
    description: 'direct, topic, fanout or headers.',
  },
  {
    name: 'exchange.durable.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: 'The exchange survives broker restarts.',
  },
  {
    name: 'exchange.autodelete.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: 'The exchange is deleted when unused.',
  },
  {
    name: 'tls.enabled',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: 'Use TLS (also implied by amqps://).',
  },
  {
    name: 'tls.truststore.path',
    type: ['string'],
    optional: true,
    description: 'PEM file of the CA certificate(s) to trust.',
  },
  { name: 'tls.cert.path', type: ['string'], optional: true, description: 'PEM client certificate (mutual TLS).' },
  { name: 'tls.key.path', type: ['string'], optional: true, description: 'PEM client key (mutual TLS).' },
  {
    name: 'tls.verify',
    type: ['bool'],
    optional: true,
    defaultValue: 'true',
    description: 'Verify the server certificate.',
  },
];

export function rabbitEndpoint(options: OptionReader, what: string): string {
  return `${maskUrl(options.getOr('uri', ''))}#${what}`;
}

export async function connectRabbit(options: OptionReader): Promise<ChannelModel> {
  const uri = options.getOr('uri', 'amqp://localhost');
  const tls = options.bool('tls.enabled', false) || uri.startsWith('amqps:');
  const ca = options.get('tls.truststore.path');
  const cert = options.get('tls.cert.path');
  const key = options.get('tls.key.path');
  const heartbeat = options.number('heartbeat', 60);
  const url = new URL(uri);
  if (!url.searchParams.has('heartbeat')) url.searchParams.set('heartbeat', String(heartbeat));
  if (tls && url.protocol === 'amqp:') url.protocol = 'amqps:';
  const { connect } = await import('amqplib');
  try {
    return await connect(
      url.toString(),
      tls
        ? {
            ...(ca ? { ca: [readFileSync(ca)] } : {}),
            ...(cert ? { cert: readFileSync(cert) } : {}),
            ...(key ? { key: readFileSync(key) } : {}),
            rejectUnauthorized: options.bool('tls.verify', true),
          }
        : {},
    );
  } catch (e) {
    const pass = decodeURIComponent(url.password);
    let msg = maskedMessage(e);
    if (pass) msg = msg.split(pass).join('***');
    throw new ConnectionUnavailableError(`cannot connect to RabbitMQ ${maskUrl(uri)}: ${msg}`);
  }
}

const EXCHANGE_TYPES = ['direct', 'fanout', 'topic', 'headers'];

/**
 * App-creation checks shared by the source and the sink: a `uri` that is an amqp:// or amqps:// URL and an
 * `exchange.type` RabbitMQ has. Throws what to fix.
 */
export function checkRabbitOptions(options: OptionReader, what: string): void {
  const uri = options.getOr('uri', '');
  let url: URL | undefined;
  try {
    url = new URL(uri);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'amqp:' && url.protocol !== 'amqps:')) {
    throw new Error(
      `${what}: uri '${maskUrl(uri)}' is not a RabbitMQ URL; write it as amqp://user:password@host:5672/vhost`,
    );
  }
  const type = options.getOr('exchange.type', 'direct');
  if (!type.includes('{{') && !EXCHANGE_TYPES.includes(type)) {
    throw new Error(`${what}: exchange.type '${type}' is not one of ${EXCHANGE_TYPES.join(', ')}`);
  }
}

/**
 * Makes sure exchange `name` exists: one that exists already is used as it is (whatever its type and
 * flags), else it is declared with `exchange.type` and the durable/auto-delete flags. The default
 * exchange ('') always exists.
 */
export async function ensureExchange(
  conn: ChannelModel,
  ch: Channel,
  name: string,
  options: OptionReader,
): Promise<void> {
  if (name === '') return;
  // A passive check that fails closes its channel: it runs on a channel of its own.
  const probe = await conn.createChannel();
  probe.on('error', () => undefined);
  try {
    await probe.checkExchange(name);
    await probe.close().catch(() => undefined);
    return;
  } catch {
    // not there (the probe channel is closed by the broker): declare it
  }
  await ch.assertExchange(name, options.getOr('exchange.type', 'direct'), {
    durable: options.bool('exchange.durable.enabled', false),
    autoDelete: options.bool('exchange.autodelete.enabled', false),
  });
}

/** `headers="'a:1','b:2'"` as an AMQP header table. */
export function headerTable(list: readonly [string, string][]): Record<string, string> {
  const t: Record<string, string> = {};
  for (const [k, v] of list) t[k] = v;
  return t;
}
