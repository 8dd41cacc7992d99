/** A kafkajs client from Siddhi's Kafka options (`bootstrap.servers`, SASL/TLS extras), logging through the app's logger. */
import type { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import type { OptionSpec } from '../../../lang/catalog.js';
import type { Logger } from '../../../engine/runtime/logger.js';
import type { OptionReader } from '../../framework/transport.js';
import { maskedMessage, redact } from '../shared/mask-url.js';

export const kafkaOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'bootstrap.servers',
    type: ['string'],
    optional: false,
    description: 'Comma-separated brokers, e.g. localhost:9092.',
  },
  { name: 'client.id', type: ['string'], optional: true, description: 'Client id shown to the brokers.' },
  { name: 'sasl.mechanism', type: ['string'], optional: true, description: 'plain, scram-sha-256 or scram-sha-512.' },
  { name: 'sasl.username', type: ['string'], optional: true, description: 'SASL user.' },
  { name: 'sasl.password', type: ['string'], optional: true, description: 'SASL password (never logged).' },
  { name: 'ssl.enabled', type: ['bool'], optional: true, defaultValue: 'false', description: 'Connect over TLS.' },
  {
    name: 'is.binary.message',
    type: ['bool'],
    optional: true,
    defaultValue: 'false',
    description: 'Messages are bytes (not UTF-8 text).',
  },
];

export function brokersOf(options: OptionReader): string[] {
  return options
    .getOr('bootstrap.servers', 'localhost:9092')
    .split(',')
    .map((b) => b.trim().replace(/^[a-z]+:\/\//i, ''))
    .filter((b) => b !== '');
}

function saslOf(options: OptionReader): SASLOptions | undefined {
  const mechanism = options.get('sasl.mechanism')?.toLowerCase();
  if (!mechanism) return undefined;
  const username = options.getOr('sasl.username', '');
  const password = options.getOr('sasl.password', '');
  if (mechanism === 'plain') return { mechanism: 'plain', username, password };
  if (mechanism === 'scram-sha-256') return { mechanism: 'scram-sha-256', username, password };
  if (mechanism === 'scram-sha-512') return { mechanism: 'scram-sha-512', username, password };
  throw new Error(`sasl.mechanism '${mechanism}' is not one of plain, scram-sha-256, scram-sha-512`);
}

/** A client (imports kafkajs on first use). */
export async function kafkaClient(options: OptionReader, logger: Logger, defaultId: string): Promise<Kafka> {
  const sasl = saslOf(options);
  const { Kafka: KafkaClient, logLevel } = await import('kafkajs');
  const secret = options.get('sasl.password');
  const config: KafkaConfig = {
    clientId: options.getOr('client.id', defaultId),
    brokers: brokersOf(options),
    ssl: options.bool('ssl.enabled', false),
    ...(sasl ? { sasl } : {}),
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }) => {
        const text = redact(maskedMessage(log.message), [secret]);
        if (level <= logLevel.ERROR) logger.error(`kafka: ${text}`);
        else logger.warn(`kafka: ${text}`);
      },
  };
  return new KafkaClient(config);
}
