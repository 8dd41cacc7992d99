/**
 * `@sink(type='kafka', bootstrap.servers=..., topic=...)`: publishes and waits for the brokers'
 * acknowledgement (acks=all). `partition.no` and `key` pick the partition; `sequence.id` stamps messages
 * with `sequence.id`/`sequence.number` headers so a source with `seq.enabled` drops retried duplicates.
 */
import type { Producer } from 'kafkajs';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';
import { maskedMessage } from '../shared/mask-url.js';
import { payloadBuffer } from '../shared/payload-bytes.js';
import { kafkaClient, kafkaOptionSpecs } from './kafka-client.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'kafka',
  description: "Publishes every mapped message to a Kafka topic and waits for the brokers' acknowledgement.",
  parameters: [],
  options: [
    ...kafkaOptionSpecs,
    { name: 'topic', type: ['string'], optional: false, dynamic: true, description: 'The topic; may hold `{{attr}}`.' },
    {
      name: 'partition.no',
      type: ['int'],
      optional: true,
      dynamic: true,
      description: 'The partition; default: by key, else spread.',
    },
    {
      name: 'key',
      type: ['string'],
      optional: true,
      dynamic: true,
      description: 'Message key (same key, same partition).',
    },
    {
      name: 'sequence.id',
      type: ['string'],
      optional: true,
      description: 'Producer id stamped with a growing sequence number on every message.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='kafka', bootstrap.servers='localhost:9092', topic='totals', key='{{region}}', @map(type='json'))\ndefine stream Totals (region string, total double);",
      description: 'Publishes JSON totals keyed by region.',
    },
  ],
};

class KafkaSink implements Sink {
  private producer: Producer | undefined;
  private seq = 0;

  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    return `kafka://${this.ctx.options.getOr('bootstrap.servers', '')}/${this.ctx.options.getOr('topic', '')}`;
  }

  async connect(): Promise<void> {
    if (this.producer) return;
    const kafka = await kafkaClient(this.ctx.options, this.ctx.logger, `tributary-${this.ctx.appName}`);
    const producer = kafka.producer();
    try {
      await producer.connect();
    } catch (e) {
      throw new ConnectionUnavailableError(`Kafka producer: ${maskedMessage(e)}`);
    }
    this.producer = producer;
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const p = this.producer;
    if (!p) throw new ConnectionUnavailableError('Kafka producer is not connected');
    const partition = meta.option('partition.no');
    const key = meta.option('key');
    const seqId = this.ctx.options.get('sequence.id');
    const value = this.ctx.options.bool('is.binary.message', false)
      ? payloadBuffer(payload)
      : payloadBuffer(payload).toString('utf8');
    try {
      await p.send({
        topic: meta.option('topic') ?? '',
        acks: -1,
        messages: [
          {
            value,
            ...(key !== undefined ? { key } : {}),
            ...(partition !== undefined ? { partition: Number(partition) } : {}),
            ...(seqId !== undefined
              ? { headers: { 'sequence.id': seqId, 'sequence.number': String(this.seq++) } }
              : {}),
          },
        ],
      });
    } catch (e) {
      throw new ConnectionUnavailableError(`Kafka publish failed: ${maskedMessage(e)}`);
    }
  }

  async disconnect(): Promise<void> {
    const p = this.producer;
    this.producer = undefined;
    if (p) await p.disconnect().catch(() => undefined);
  }
}

export const kafkaSink: SinkFactory = { spec, create: (ctx) => new KafkaSink(ctx) };
