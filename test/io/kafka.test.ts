import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { ioCounters } from '../../src/index.js';
import { startApp, waitFor } from './helpers.js';

const BROKERS = process.env.TRIBUTARY_KAFKA_BROKERS;
const skip = !BROKERS && 'no Kafka broker configured';
const suffix = (): string => randomBytes(4).toString('hex');

describe('kafka', () => {
  test(
    'a consumer group feeds the app (JSON, offsets committed after processing); the sink publishes what a real consumer reads',
    { skip },
    async () => {
      const s = suffix();
      const kafka = new Kafka({ brokers: (BROKERS ?? '').split(','), logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({
        topics: [{ topic: `in-${s}`, numPartitions: 2 }, { topic: `out-${s}` }],
        waitForLeaders: true,
      });
      const producer = kafka.producer();
      await producer.connect();
      const consumer = kafka.consumer({ groupId: `check-${s}` });
      const got: string[] = [];
      await consumer.connect();
      await consumer.subscribe({ topic: `out-${s}`, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void got.push(message.value?.toString() ?? '') });
      const app = await startApp(
        `@App:name('Kafka1${s}')
      @source(type='kafka', bootstrap.servers='${BROKERS}', topic.list='in-${s}', group.id='g-${s}', threading.option='partition.wise', from.beginning='true', @map(type='json'))
      define stream In (id string, amount double);
      @sink(type='kafka', bootstrap.servers='${BROKERS}', topic='out-${s}', key='{{id}}', sequence.id='app1', @map(type='json'))
      define stream Out (id string, amount double);
      from In[amount > 1.0] select * insert into Out;`,
        ['In'],
      );
      try {
        await producer.send({
          topic: `in-${s}`,
          messages: [
            { value: '{"event":{"id":"a","amount":5.0}}' },
            { value: 'not json' },
            { value: '{"event":{"id":"b","amount":0.5}}' },
          ],
        });
        await waitFor(() => app.events.length === 2 && got.length === 1, 'one output', 30000);
        assert.deepEqual(JSON.parse(got[0]!), { event: { id: 'a', amount: 5 } });
        const c = ioCounters(`Kafka1${s}`).find((x) => x.kind === 'source')!;
        assert.equal(c.errors, 1);
        const offsets = await admin.fetchOffsets({ groupId: `g-${s}`, topics: [`in-${s}`] });
        const committed = offsets[0]!.partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
        assert.equal(committed, 3, 'every processed message committed');
      } finally {
        await app.stop();
        await consumer.disconnect();
        await producer.disconnect();
        await admin.deleteTopics({ topics: [`in-${s}`, `out-${s}`] }).catch(() => undefined);
        await admin.disconnect();
      }
    },
  );
});
