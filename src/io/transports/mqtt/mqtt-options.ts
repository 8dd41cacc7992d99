/** MQTT connection options from Siddhi's MQTT extension names (`url`, `client.id`, `clean.session`, ...). */
import type { IClientOptions } from 'mqtt';
import type { OptionSpec } from '../../../lang/catalog.js';
import type { OptionReader } from '../../framework/transport.js';

export const mqttOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'url',
    type: ['string'],
    optional: false,
    description: 'The broker, e.g. tcp://localhost:1883 (ssl:// or mqtts:// for TLS).',
  },
  { name: 'username', type: ['string'], optional: true, description: 'User name.' },
  { name: 'password', type: ['string'], optional: true, description: 'Password (never logged).' },
  { name: 'client.id', type: ['string'], optional: true, description: 'Client id; default: generated.' },
  {
    name: 'quality.of.service',
    type: ['int'],
    optional: true,
    defaultValue: '1',
    description: '0 at most once, 1 at least once, 2 exactly once.',
  },
  {
    name: 'clean.session',
    type: ['bool'],
    optional: true,
    defaultValue: 'true',
    description: 'Start without the session state the broker kept.',
  },
  {
    name: 'keep.alive',
    type: ['int'],
    optional: true,
    defaultValue: '60',
    description: 'Keep-alive interval in seconds.',
  },
  {
    name: 'connection.timeout',
    type: ['int'],
    optional: true,
    defaultValue: '30',
    description: 'Connect timeout in seconds.',
  },
  {
    name: 'reconnect.period',
    type: ['int'],
    optional: true,
    defaultValue: '500',
    description: "Milliseconds the MQTT client waits before reconnecting after the broker's connection dropped.",
  },
];

/** tcp:// and ssl:// (Paho style, as in Siddhi) become mqtt:// and mqtts://. */
export function brokerUrl(options: OptionReader): string {
  return options.getOr('url', 'tcp://localhost:1883').replace(/^tcp:/i, 'mqtt:').replace(/^ssl:/i, 'mqtts:');
}

export function qosOf(options: OptionReader): 0 | 1 | 2 {
  const q = options.number('quality.of.service', 1);
  if (q !== 0 && q !== 1 && q !== 2) throw new Error(`quality.of.service must be 0, 1 or 2, not '${q}'`);
  return q;
}

export function clientOptions(options: OptionReader, defaultId: string): IClientOptions {
  const username = options.get('username');
  const password = options.get('password');
  return {
    clientId: options.getOr('client.id', defaultId),
    clean: options.bool('clean.session', true),
    keepalive: options.number('keep.alive', 60),
    connectTimeout: options.number('connection.timeout', 30) * 1000,
    reconnectPeriod: options.number('reconnect.period', 500),
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}
