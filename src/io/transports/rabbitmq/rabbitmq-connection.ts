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
    optional: true,
    description: "The exchange; '' (default) is the default exchange.",
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

/** Declares the exchange named by `exchange.name` (nothing for the default exchange). */
export async function assertExchange(ch: Channel, options: OptionReader): Promise<string> {
  const name = options.getOr('exchange.name', '');
  if (name === '') return '';
  await ch.assertExchange(name, options.getOr('exchange.type', 'direct'), {
    durable: options.bool('exchange.durable.enabled', false),
    autoDelete: options.bool('exchange.autodelete.enabled', false),
  });
  return name;
}

/** `headers="'a:1','b:2'"` as an AMQP header table. */
export function headerTable(list: readonly [string, string][]): Record<string, string> {
  const t: Record<string, string> = {};
  for (const [k, v] of list) t[k] = v;
  return t;
}
