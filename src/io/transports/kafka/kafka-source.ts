/**
 * `@source(type='kafka', bootstrap.servers=..., topic.list=..., group.id=...)`: a consumer-group member.
 * Offsets are committed only after the app processed a message (auto-commit off): a crash re-reads from
 * the last processed offset (at-least-once). `threading.option` sets how many partitions are processed
 * concurrently (single.thread: one; topic.wise: one per topic; partition.wise: every partition).
 * `seq.enabled='true'` drops a message whose `sequence.id`/`sequence.number` headers (set by a kafka sink
 * with `sequence.id`) are not newer than the last seen from that producer.
 */
import type { Consumer, KafkaMessage } from 'kafkajs';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { maskedMessage } from '../shared/mask-url.js';
import { kafkaClient, kafkaOptionSpecs } from './kafka-client.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'kafka',
  description:
    'Consumes Kafka topics as a member of a consumer group; commits each offset only after the app processed the message (at-least-once).',
  parameters: [],
  options: [
    ...kafkaOptionSpecs,
    { name: 'topic.list', type: ['string'], optional: false, description: 'Comma-separated topics.' },
    { name: 'group.id', type: ['string'], optional: false, description: 'Consumer group.' },
    {
      name: 'threading.option',
      type: ['string'],
      optional: false,
      description: 'single.thread, topic.wise or partition.wise: how many partitions are processed concurrently.',
    },
    {
      name: 'seq.enabled',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'Drop out-of-sequence duplicates by their sequence headers.',
    },
    {
      name: 'from.beginning',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'A new group starts at the earliest offset.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='kafka', bootstrap.servers='localhost:9092', topic.list='orders', group.id='billing', threading.option='single.thread', @map(type='json'))\ndefine stream Orders (id string, amount double);",
      description: 'Reads JSON orders as group billing.',
    },
  ],
};

class KafkaSource implements Source {
  private consumer: Consumer | undefined;
  private readonly topics: string[];
  private readonly lastSeq = new Map<string, number>();

  constructor(private readonly ctx: SourceContext) {
    this.topics = ctx.options
      .getOr('topic.list', '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (this.topics.length === 0) throw new Error("kafka source needs topic.list='<topic>[,<topic>...]'");
  }

  get endpoint(): string {
    return `kafka://${this.ctx.options.getOr('bootstrap.servers', '')}/${this.topics.join(',')}`;
  }

  private concurrency(): number {
    const t = this.ctx.options.getOr('threading.option', 'single.thread').toLowerCase();
    if (t === 'topic.wise') return this.topics.length;
    if (t === 'partition.wise') return 64;
    return 1;
  }

  private duplicate(m: KafkaMessage): boolean {
    if (!this.ctx.options.bool('seq.enabled', false)) return false;
    const id = m.headers?.['sequence.id']?.toString();
    const n = Number(m.headers?.['sequence.number']?.toString());
    if (id === undefined || !Number.isFinite(n)) return false;
    const last = this.lastSeq.get(id);
    if (last !== undefined && n <= last) return true;
    this.lastSeq.set(id, n);
    return false;
  }

  async connect(): Promise<void> {
    const o = this.ctx.options;
    const kafka = await kafkaClient(o, this.ctx.logger, `tributary-${this.ctx.appName}`);
    const consumer = kafka.consumer({ groupId: o.getOr('group.id', '') });
    const binary = o.bool('is.binary.message', false);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: this.topics, fromBeginning: o.bool('from.beginning', false) });
      consumer.on(consumer.events.CRASH, (e) => {
        if (!e.payload.restart) this.ctx.connectionLost(new Error(maskedMessage(e.payload.error)));
      });
      await consumer.run({
        autoCommit: false,
        partitionsConsumedConcurrently: this.concurrency(),
        eachMessage: async ({ topic, partition, message }) => {
          if (!this.duplicate(message)) {
            const trp = new Map<string, unknown>([
              ['topic', topic],
              ['partition', partition],
              ['offset', message.offset],
              ['key', message.key?.toString()],
            ]);
            const payload = binary ? message.value : message.value?.toString('utf8');
            try {
              // Committed only once its sinks published and its stores wrote.
              await this.ctx.deliver(payload ?? '', trp).settled;
            } catch (e) {
              this.ctx.reportError(`processing ${topic}[${partition}]@${message.offset} failed: ${errorMessage(e)}`);
              throw e; // not committed: kafkajs retries from this offset
            }
          }
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
        },
      });
    } catch (e) {
      await consumer.disconnect().catch(() => undefined);
      throw new ConnectionUnavailableError(`Kafka consumer: ${maskedMessage(e)}`);
    }
    this.consumer = consumer;
  }

  pause(): void {
    this.consumer?.pause(this.topics.map((topic) => ({ topic })));
  }

  resume(): void {
    this.consumer?.resume(this.topics.map((topic) => ({ topic })));
  }

  async disconnect(): Promise<void> {
    const c = this.consumer;
    this.consumer = undefined;
    if (c) await c.disconnect().catch(() => undefined);
  }
}

export const kafkaSource: SourceFactory = { spec, create: (ctx) => new KafkaSource(ctx) };
