/**
 * examples/pipeline-orders.siddhi end to end against the machine's services: orders published to RabbitMQ,
 * enriched from a PostgreSQL table, totalled per region over a minute of the app's (virtual) clock, and
 * written to NATS JetStream with message ids, read back by a JetStream consumer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { connect as amqpConnect } from 'amqplib';
import { AckPolicy, connect as natsConnect, DeliverPolicy, nanos, StringCodec } from 'nats';
import pg from 'pg';
import { SiddhiManager, ioHandles, memoryLogger, type LogLine } from '../../src/index.js';
import { waitFor, withTimeout } from './helpers.js';

const sc = StringCodec();

test('examples/pipeline-orders.siddhi: RabbitMQ orders, enriched from PostgreSQL, per-minute totals to JetStream', async () => {
  const text = await readFile(new URL('../../examples/pipeline-orders.siddhi', import.meta.url), 'utf8');
  const db = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await db.connect();
  const nc = await natsConnect({ servers: '127.0.0.1:4222' });
  const jsm = await nc.jetstreamManager();
  const amqp = await amqpConnect('amqp://guest:guest@127.0.0.1:5672');
  const ch = await amqp.createConfirmChannel();
  const lines: LogLine[] = [];
  const manager = new SiddhiManager({ clock: 'virtual', startTime: 1_700_000_040_000, logger: memoryLogger(lines) });
  try {
    await db.query('DROP TABLE IF EXISTS customers');
    await db.query(
      'CREATE TABLE customers ("customerId" VARCHAR(254) PRIMARY KEY, region VARCHAR(254), tier VARCHAR(254))',
    );
    await db.query(
      `INSERT INTO customers VALUES ('c1', 'emea', 'gold'), ('c2', 'apac', 'silver'), ('c3', 'emea', 'bronze')`,
    );
    await jsm.streams.delete('ORDER_TOTALS').catch(() => undefined);
    // Leftovers of an earlier run must not count.
    await ch.assertExchange('orders', 'topic', { durable: true });
    await ch.assertQueue('orders-pipeline', { durable: true });
    await ch.purgeQueue('orders-pipeline');

    const runtime = manager.createSiddhiAppRuntime(text);
    const enriched: unknown[][] = [];
    runtime.addStreamCallback('EnrichedOrders', (events) => enriched.push(...events.map((e) => e.data)));
    await runtime.startAsync();
    const io = ioHandles('OrdersPipeline')!;
    for (const s of io.sources) await withTimeout(s.whenConnected(), 10000, 'RabbitMQ source');
    for (const s of io.sinks) await s.whenConnected(10000);

    const orders = [
      { orderId: 'o1', customerId: 'c1', amount: 10.5 },
      { orderId: 'o2', customerId: 'c2', amount: 7.25 },
      { orderId: 'o3', customerId: 'c3', amount: 4.5 },
      { orderId: 'o4', customerId: 'nobody', amount: 99.5 },
      { orderId: 'o5', customerId: 'c1', amount: 1.5 },
    ];
    for (const o of orders) {
      ch.publish('orders', 'orders.eu', Buffer.from(JSON.stringify({ event: o })), { deliveryMode: 2 });
    }
    await ch.waitForConfirms();
    await waitFor(() => enriched.length === 4, 'four orders enriched (the unknown customer has no match)', 10000);
    assert.deepEqual(enriched.map((e) => e[0]).sort(), ['o1', 'o2', 'o3', 'o5']);

    runtime.advanceTime(60_000); // the minute's batch closes
    const consumer = await jsm.consumers.add('ORDER_TOTALS', {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      inactive_threshold: nanos(10000),
    });
    let info = await jsm.streams.info('ORDER_TOTALS');
    const deadline = Date.now() + 10000;
    while (info.state.messages < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      info = await jsm.streams.info('ORDER_TOTALS');
    }
    const c = await nc.jetstream().consumers.get('ORDER_TOTALS', consumer.name);
    const got: { subject: string; id: string | undefined; body: unknown }[] = [];
    for await (const m of await c.fetch({ max_messages: info.state.messages, expires: 5000 })) {
      got.push({ subject: m.subject, id: m.headers?.get('Nats-Msg-Id'), body: JSON.parse(sc.decode(m.data)) });
    }
    // currentTimeMillis() when the batch closes (start + 1 min), minus the minute
    const minuteStart = 1_700_000_040_000;
    assert.deepEqual(
      got.sort((a, b) => a.subject.localeCompare(b.subject)),
      [
        {
          subject: 'orders.totals.apac',
          id: `apac-${minuteStart}`,
          // the minute's totals leave as one batch; each region's message holds its part (Siddhi's json mapper)
          body: [{ event: { region: 'apac', minuteStart, orders: 1, total: 7.25 } }],
        },
        {
          subject: 'orders.totals.emea',
          id: `emea-${minuteStart}`,
          body: [{ event: { region: 'emea', minuteStart, orders: 3, total: 16.5 } }],
        },
      ],
    );
    assert.deepEqual(
      lines.filter((l) => l.level === 'error'),
      [],
    );
  } finally {
    await manager.shutdown();
    await jsm.streams.delete('ORDER_TOTALS').catch(() => undefined);
    await ch.close().catch(() => undefined);
    await amqp.close().catch(() => undefined);
    await nc.close();
    await db.query('DROP TABLE IF EXISTS customers');
    await db.end();
  }
});
