/**
 * `@sink(type='rabbitmq', uri=..., exchange.name=..., routing.key=...)`: publishes on a confirm channel and
 * waits for the broker's confirmation, so a message counts as published only once the broker has it.
 * `delivery.mode='2'` makes messages persistent. A closed connection is a `ConnectionUnavailableError`
 * (with `on.error='WAIT'` the framework queues and retries in order after reconnecting).
 */
import type { ChannelModel, ConfirmChannel, Options } from 'amqplib';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { malformedHeaders, parseHeaders } from '../shared/header-list.js';
import { maskedMessage } from '../shared/mask-url.js';
import { payloadBuffer } from '../shared/payload-bytes.js';
import {
  checkRabbitOptions,
  connectionOptionSpecs,
  connectRabbit,
  ensureExchange,
  headerTable,
  rabbitEndpoint,
} from './rabbitmq-connection.js';
import { messageTimestamp, type TimestampRule } from './rabbitmq-timestamp.js';

const dyn = (
  name: string,
  description: string,
): { name: string; type: ['string']; optional: true; dynamic: true; description: string } => ({
  name,
  type: ['string'],
  optional: true,
  dynamic: true,
  description,
});

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'rabbitmq',
  description:
    "Publishes every mapped message to a RabbitMQ exchange and waits for the broker's confirmation. Use `delivery.mode='2'` for persistent messages and `on.error='WAIT'` to hold and retry while the broker is away.",
  parameters: [],
  options: [
    ...connectionOptionSpecs.map((o) =>
      o.name === 'exchange.name' ? { ...o, dynamic: true, description: `${o.description} May hold \`{{attr}}\`.` } : o,
    ),
    dyn('routing.key', 'Routing key (for the default exchange: the queue name); may hold `{{attr}}`.'),
    dyn('headers', "Message headers as `'Name:value','Other:value'`."),
    {
      name: 'delivery.mode',
      type: ['int'],
      optional: true,
      defaultValue: '1',
      description: '1 non-persistent, 2 persistent.',
    },
    dyn('content.type', 'Content type property.'),
    dyn('content.encoding', 'Content encoding property.'),
    dyn('priority', 'Message priority (0-9).'),
    dyn('correlation.id', 'Correlation id property.'),
    dyn('reply.to', 'Reply-to property.'),
    dyn('expiration', 'Per-message TTL in milliseconds.'),
    dyn('message.id', 'Message id property.'),
    dyn('type', 'Type property.'),
    dyn('user.id', 'User id property (checked by the broker).'),
    dyn('app.id', 'Application id property.'),
    {
      name: 'timestamp',
      type: ['string'],
      optional: true,
      defaultValue: 'true',
      description:
        "The message's timestamp property: a date as dd/MM/yyyy stamps every message with that day; 'true' (default) stamps the publish time, 'false' sends none.",
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='rabbitmq', uri='amqp://guest:guest@localhost:5672', exchange.name='alerts', exchange.type='topic', routing.key='alerts.{{severity}}', delivery.mode='2', on.error='WAIT', @map(type='json'))\ndefine stream Alerts (severity string, text string);",
      description: 'Publishes persistent JSON messages routed by severity, retrying while the broker is away.',
    },
  ],
};

class RabbitMqSink implements Sink {
  private conn: ChannelModel | undefined;
  private ch: ConfirmChannel | undefined;
  /** Exchanges known to exist on the current connection (a dynamic exchange.name is checked on first use). */
  private readonly exchanges = new Set<string>();
  private readonly timestamp: TimestampRule;

  constructor(private readonly ctx: SinkContext) {
    checkRabbitOptions(ctx.options, "sink 'rabbitmq'");
    this.timestamp = messageTimestamp(ctx.options.get('timestamp'));
  }

  get endpoint(): string {
    return rabbitEndpoint(this.ctx.options, this.ctx.options.getOr('exchange.name', ''));
  }

  /** Bumped by disconnect(), so a connect() in flight drops what it opened. */
  private generation = 0;

  async connect(): Promise<void> {
    if (this.ch) return;
    const generation = this.generation;
    const conn = await connectRabbit(this.ctx.options);
    try {
      const ch = await conn.createConfirmChannel();
      this.exchanges.clear();
      if (!this.ctx.dynamicOptions.has('exchange.name')) {
        const name = this.ctx.options.getOr('exchange.name', '');
        await ensureExchange(conn, ch, name, this.ctx.options);
        this.exchanges.add(name);
      }
      const forget = (): void => {
        if (this.conn === conn) {
          this.conn = undefined;
          this.ch = undefined;
        }
      };
      conn.on('close', forget);
      conn.on('error', () => undefined);
      ch.on('close', forget);
      ch.on('error', () => undefined);
      if (generation !== this.generation) {
        await conn.close().catch(() => undefined);
        return;
      }
      this.conn = conn;
      this.ch = ch;
    } catch (e) {
      await conn.close().catch(() => undefined);
      throw new ConnectionUnavailableError(`RabbitMQ sink setup failed: ${maskedMessage(e)}`);
    }
  }

  private properties(meta: PublishMeta): Options.Publish {
    const o = (n: string): string | undefined => meta.option(n);
    const bad = malformedHeaders(o('headers'));
    if (bad.length > 0) {
      throw new Error(
        `sink 'rabbitmq' of stream '${this.ctx.streamId}': header '${bad[0]}' is not name:value; write headers="'name1:value1','name2:value2'"`,
      );
    }
    const headers = parseHeaders(o('headers'));
    const p: Options.Publish = { deliveryMode: this.ctx.options.number('delivery.mode', 1) };
    if (headers.length > 0) p.headers = headerTable(headers);
    const set = <K extends keyof Options.Publish>(key: K, v: Options.Publish[K] | undefined): void => {
      if (v !== undefined) p[key] = v;
    };
    set('contentType', o('content.type'));
    set('contentEncoding', o('content.encoding'));
    const prio = o('priority');
    if (prio !== undefined) p.priority = Number(prio);
    set('correlationId', o('correlation.id'));
    set('replyTo', o('reply.to'));
    set('expiration', o('expiration'));
    set('messageId', o('message.id'));
    set('type', o('type'));
    set('userId', o('user.id'));
    set('appId', o('app.id'));
    const stamp = this.timestamp === 'now' ? Math.floor(Date.now() / 1000) : this.timestamp;
    if (stamp !== 'none') p.timestamp = stamp;
    return p;
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const ch = this.ch;
    const conn = this.conn;
    if (!ch || !conn) throw new ConnectionUnavailableError('RabbitMQ channel is closed');
    const key = meta.option('routing.key') ?? '';
    const exchange = meta.option('exchange.name') ?? '';
    const properties = this.properties(meta);
    if (!this.exchanges.has(exchange)) {
      try {
        await ensureExchange(conn, ch, exchange, this.ctx.options);
      } catch (e) {
        throw new ConnectionUnavailableError(`RabbitMQ exchange '${exchange}': ${maskedMessage(e)}`);
      }
      this.exchanges.add(exchange);
    }
    return new Promise((resolve, reject) => {
      try {
        ch.publish(exchange, key, payloadBuffer(payload), properties, (err: unknown) => {
          if (err) reject(new ConnectionUnavailableError(`RabbitMQ did not confirm: ${maskedMessage(err)}`));
          else resolve();
        });
      } catch (e) {
        reject(new ConnectionUnavailableError(`RabbitMQ publish failed: ${maskedMessage(e)}`));
      }
    });
  }

  async disconnect(): Promise<void> {
    this.generation++;
    const conn = this.conn;
    this.conn = undefined;
    this.ch = undefined;
    if (conn) await conn.close().catch(() => undefined);
  }
}

export const rabbitmqSink: SinkFactory = { spec, create: (ctx) => new RabbitMqSink(ctx) };
