/** Redis connection options for the pub/sub source and sink. */
import type { OptionSpec } from '../../../lang/catalog.js';
import { ConnectionUnavailableError, type OptionReader } from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';

export const redisOptionSpecs: readonly OptionSpec[] = [
  {
    name: 'url',
    type: ['string'],
    optional: true,
    defaultValue: 'redis://localhost:6379',
    description: 'The server, e.g. redis://user:password@localhost:6379/0 (rediss:// for TLS); never logged unmasked.',
  },
  { name: 'password', type: ['string'], optional: true, description: 'Password (AUTH), if not in the url.' },
];

export function redisUrl(options: OptionReader): string {
  return options.getOr('url', 'redis://localhost:6379');
}

function makeClient(redis: typeof import('redis'), url: string, password: string | undefined) {
  return redis.createClient({
    url,
    ...(password !== undefined ? { password } : {}),
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 },
  });
}

export type RedisClient = ReturnType<typeof makeClient>;

export async function connectRedis(options: OptionReader, onError: (message: string) => void): Promise<RedisClient> {
  const url = redisUrl(options);
  const password = options.get('password');
  const client = makeClient(await import('redis'), url, password);
  const secret = [
    password,
    (() => {
      try {
        return decodeURIComponent(new URL(url).password);
      } catch {
        return undefined;
      }
    })(),
  ];
  client.on('error', (e: unknown) => onError(redact(maskedMessage(e), secret)));
  try {
    await client.connect();
  } catch (e) {
    client.destroy();
    throw new ConnectionUnavailableError(
      `cannot connect to Redis ${maskUrl(url)}: ${redact(maskedMessage(e), secret)}`,
    );
  }
  return client;
}
