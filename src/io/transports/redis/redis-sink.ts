/** `@sink(type='redis', channel='...')`: PUBLISHes every mapped message to a Redis channel. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage } from '../shared/mask-url.js';
import { payloadBuffer } from '../shared/payload-bytes.js';
import { connectRedis, redisOptionSpecs, redisUrl, type RedisClient } from './redis-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'redis',
  description: 'Publishes every mapped message to a Redis pub/sub channel (PUBLISH).',
  parameters: [],
  options: [
    ...redisOptionSpecs,
    {
      name: 'channel',
      type: ['string'],
      optional: false,
      dynamic: true,
      description: 'The channel; may hold `{{attr}}`.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='redis', channel='alerts:{{severity}}', @map(type='json'))\ndefine stream Alerts (severity string, text string);",
      description: 'Publishes JSON alerts to a channel per severity.',
    },
  ],
};

class RedisSink implements Sink {
  private client: RedisClient | undefined;

  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    return `${maskUrl(redisUrl(this.ctx.options))}#${this.ctx.options.getOr('channel', '')}`;
  }

  async connect(): Promise<void> {
    if (this.client) return;
    this.client = await connectRedis(this.ctx.options, (m) => this.ctx.logger.warn(`Redis: ${m}`));
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const c = this.client;
    if (!c || !c.isReady) throw new ConnectionUnavailableError('Redis client is not connected');
    try {
      await c.publish(meta.option('channel') ?? '', payloadBuffer(payload));
    } catch (e) {
      throw new ConnectionUnavailableError(`Redis publish failed: ${maskedMessage(e)}`);
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.close().catch(() => c.destroy());
  }
}

export const redisSink: SinkFactory = { spec, create: (ctx) => new RedisSink(ctx) };
