/**
 * `@source(type='rabbitmq', uri=..., exchange.name=..., queue.name=..., routing.key=...)`: consumes a queue
 * bound to an exchange. Each message is acknowledged only after the app processed it and its sinks and
 * stores settled (at-least-once:
 * unacknowledged messages return to the queue when the connection drops). Pause stops the consumer
 * (messages stay in the queue). On a lost connection the framework reconnects with backoff.
 */
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorMessage, type Source, type SourceContext, type SourceFactory } from '../../framework/transport.js';
import { malformedHeaders, parseHeaders } from '../shared/header-list.js';
import { maskedMessage } from '../shared/mask-url.js';
import {
  checkRabbitOptions,
  connectionOptionSpecs,
  ensureExchange,
  connectRabbit,
  headerTable,
  rabbitEndpoint,
} from './rabbitmq-connection.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'rabbitmq',
  description:
    'Consumes a RabbitMQ queue (declared and bound to the exchange when given). Messages are acknowledged only after the app processed them, so a crash or a dropped connection returns them to the queue (at-least-once); the source reconnects with backoff.',
  parameters: [],
  options: [
    ...connectionOptionSpecs,
    {
      name: 'queue.name',
      type: ['string'],
      optional: true,
      description: 'The queue; default: a server-named exclusive queue.',
    },
    {
      name: 'queue.durable.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'The queue survives broker restarts.',
    },
    {
      name: 'queue.exclusive.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Only this connection may use the queue.',
    },
    {
      name: 'queue.autodelete.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'The queue is deleted when its last consumer leaves.',
    },
    {
      name: 'routing.key',
      type: ['string'],
      optional: true,
      description: 'Binding key of the queue to the exchange (topic patterns allowed).',
    },
    { name: 'binding.key', type: ['string'], optional: true, description: 'Alias of routing.key for the binding.' },
    {
      name: 'headers',
      type: ['string'],
      optional: true,
      description: "Headers exchange binding as `'x-match:all','a:1'`.",
    },
    {
      name: 'prefetch.count',
      type: ['int'],
      optional: true,
      defaultValue: '100',
      description: 'Unacknowledged messages the broker sends ahead.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='rabbitmq', uri='amqp://guest:guest@localhost:5672', exchange.name='orders', exchange.type='topic', queue.name='billing', queue.durable.enabled='true', routing.key='orders.#', @map(type='json'))\ndefine stream Orders (id string, amount double);",
      description: 'Consumes durable queue billing bound to topic exchange orders with orders.#.',
    },
  ],
};

class RabbitMqSource implements Source {
  private conn: ChannelModel | undefined;
  private ch: Channel | undefined;
  private queue = '';
  private consumerTag: string | undefined;
  private closing = false;
  private paused = false;

  constructor(private readonly ctx: SourceContext) {
    checkRabbitOptions(ctx.options, "source 'rabbitmq'");
    const bad = malformedHeaders(ctx.options.get('headers'));
    if (bad.length > 0) {
      throw new Error(
        `source 'rabbitmq': header '${bad[0]}' is not name:value; write headers="'x-match:all','name1:value1'"`,
      );
    }
  }

  get endpoint(): string {
    return rabbitEndpoint(this.ctx.options, this.queue || this.ctx.options.getOr('queue.name', ''));
  }

  /** Bumped by disconnect(), so a connect() in flight drops what it opened. */
  private generation = 0;

  async connect(): Promise<void> {
    this.closing = false;
    const generation = this.generation;
    const o = this.ctx.options;
    const conn = await connectRabbit(o);
    try {
      const ch = await conn.createChannel();
      await ch.prefetch(o.number('prefetch.count', 100));
      const exchange = o.getOr('exchange.name', '');
      await ensureExchange(conn, ch, exchange, o);
      this.queue = await ensureQueue(conn, ch, o);
      if (exchange !== '') {
        const key = o.get('binding.key') ?? o.getOr('routing.key', '');
        const headers = parseHeaders(o.get('headers'));
        await ch.bindQueue(this.queue, exchange, key, headers.length > 0 ? headerTable(headers) : undefined);
      }
      if (generation !== this.generation) {
        // disconnect() ran while this connection was being set up: do not keep it.
        await conn.close().catch(() => undefined);
        return;
      }
      this.conn = conn;
      this.ch = ch;
    } catch (e) {
      await conn.close().catch(() => undefined);
      throw new Error(`RabbitMQ source setup failed: ${maskedMessage(e)}`);
    }
    const lost = (e?: Error): void => {
      if (!this.closing && this.conn === conn)
        this.ctx.connectionLost(new Error(maskedMessage(e ?? 'connection closed')));
    };
    conn.on('close', lost);
    conn.on('error', () => undefined); // 'close' follows
    this.ch.on('error', () => undefined);
    if (!this.paused) await this.startConsuming();
  }

  private async startConsuming(): Promise<void> {
    const ch = this.ch;
    if (!ch || this.consumerTag !== undefined) return;
    const r = await ch.consume(this.queue, (m) => this.onMessage(ch, m), { noAck: false });
    this.consumerTag = r.consumerTag;
  }

  private onMessage(ch: Channel, m: ConsumeMessage | null): void {
    if (m === null) {
      if (!this.closing) this.ctx.connectionLost(new Error(`queue '${this.queue}' consumer was cancelled`));
      return;
    }
    const trp = new Map<string, unknown>([
      ['exchange', m.fields.exchange],
      ['routing.key', m.fields.routingKey],
      ['redelivered', m.fields.redelivered],
    ]);
    if (m.properties.messageId !== undefined) trp.set('message.id', m.properties.messageId);
    if (m.properties.correlationId !== undefined) trp.set('correlation.id', m.properties.correlationId);
    for (const [k, v] of Object.entries((m.properties.headers ?? {}) as Record<string, unknown>))
      trp.set(`header.${k}`, v);
    let settled: Promise<void> | undefined;
    try {
      settled = this.ctx.deliver(m.content, trp).settled;
    } catch (e) {
      ch.nack(m, false, true);
      this.ctx.reportError(`processing a message of queue '${this.queue}' failed: ${errorMessage(e)}`);
      return;
    }
    if (settled === undefined) ch.ack(m);
    // Acknowledged once its sinks published and its stores wrote; abandoned at shutdown, it returns to the
    // queue when the channel closes.
    else
      settled.then(
        () => ackQuietly(ch, m),
        () => undefined,
      );
  }

  pause(): void {
    this.paused = true;
    const ch = this.ch;
    const tag = this.consumerTag;
    this.consumerTag = undefined;
    // messages already prefetched are still processed and acknowledged; the broker sends no more
    if (ch && tag !== undefined) void ch.cancel(tag).catch(() => undefined);
  }

  resume(): void {
    this.paused = false;
    void this.startConsuming().catch((e: unknown) => this.ctx.connectionLost(e));
  }

  async disconnect(): Promise<void> {
    this.closing = true;
    this.generation++;
    const conn = this.conn;
    this.conn = undefined;
    this.ch = undefined;
    this.consumerTag = undefined;
    if (conn) await conn.close().catch(() => undefined);
  }
}

export const rabbitmqSource: SourceFactory = { spec, create: (ctx) => new RabbitMqSource(ctx) };

/**
 * The queue to consume: `queue.name` as it is when it exists already (whatever its flags), else declared
 * with the queue flags; without a name, a server-named exclusive queue.
 */
async function ensureQueue(conn: ChannelModel, ch: Channel, o: SourceContext['options']): Promise<string> {
  const name = o.get('queue.name');
  if (name !== undefined && name !== '') {
    const probe = await conn.createChannel();
    probe.on('error', () => undefined);
    try {
      await probe.checkQueue(name);
      await probe.close().catch(() => undefined);
      return name;
    } catch {
      // not there (the broker closed the probe channel): declare it
    }
  }
  const q = await ch.assertQueue(name ?? '', {
    durable: o.bool('queue.durable.enabled', false),
    exclusive: o.bool('queue.exclusive.enabled', false) || name === undefined || name === '',
    autoDelete: o.bool('queue.autodelete.enabled', false),
  });
  return q.queue;
}

/** Acknowledges unless the channel closed meanwhile (then the broker requeues the message by itself). */
function ackQuietly(ch: Channel, m: ConsumeMessage): void {
  try {
    ch.ack(m);
  } catch {
    // channel closed: the unacknowledged message is redelivered
  }
}
