/**
 * `@source(type='redis', channel='...')`: Redis pub/sub subscriber (at-most-once, as Redis pub/sub is).
 * Channels are comma-separated; a channel with `*`, `?` or `[` is a pattern (PSUBSCRIBE). The client
 * reconnects and resubscribes by itself.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { Source, SourceContext, SourceFactory } from '../../framework/transport.js';
import { maskUrl } from '../shared/mask-url.js';
import { connectRedis, redisOptionSpecs, redisUrl, type RedisClient } from './redis-options.js';
import { Fifo } from '../../../engine/runtime/fifo.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'redis',
  description:
    'Subscribes to Redis pub/sub channels (patterns with `*`, `?`, `[...]` use PSUBSCRIBE). Redis pub/sub keeps nothing for absent subscribers: at-most-once.',
  parameters: [],
  options: [
    ...redisOptionSpecs,
    {
      name: 'channel',
      type: ['string'],
      optional: false,
      description: 'Comma-separated channels or patterns, e.g. orders,alerts:*.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='redis', url='redis://localhost:6379', channel='orders:*', @map(type='json'))\ndefine stream Orders (id string, amount double);",
      description: 'Receives the JSON messages published to any channel starting with orders:.',
    },
  ],
};

const isPattern = (c: string): boolean => /[*?[]/.test(c);

class RedisSource implements Source {
  private client: RedisClient | undefined;
  private paused = false;
  private readonly held = new Fifo<{ payload: string; trp: Map<string, unknown> }>();

  constructor(private readonly ctx: SourceContext) {}

  get endpoint(): string {
    return `${maskUrl(redisUrl(this.ctx.options))}#${this.ctx.options.getOr('channel', '')}`;
  }

  async connect(): Promise<void> {
    const client = await connectRedis(this.ctx.options, (m) => this.ctx.reportError(`Redis: ${m}`));
    const channels = this.ctx.options
      .getOr('channel', '')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== '');
    const listener = (message: string, channel: string): void => {
      const trp = new Map<string, unknown>([['channel', channel]]);
      if (this.paused) this.held.push({ payload: message, trp });
      else this.ctx.deliver(message, trp);
    };
    const exact = channels.filter((c) => !isPattern(c));
    const patterns = channels.filter(isPattern);
    if (exact.length > 0) await client.subscribe(exact, listener);
    if (patterns.length > 0) await client.pSubscribe(patterns, listener);
    this.client = client;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    while (!this.paused && this.held.size > 0) {
      const m = this.held.shift()!;
      this.ctx.deliver(m.payload, m.trp);
    }
  }

  async disconnect(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) await c.close().catch(() => c.destroy());
  }
}

export const redisSource: SourceFactory = { spec, create: (ctx) => new RedisSource(ctx) };
