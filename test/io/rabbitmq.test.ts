import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect as amqpConnect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import { connect as natsConnect, nanos } from 'nats';
import { ioCounters, memoryLogger, SiddhiManager } from '../../src/index.js';
import { startApp, waitFor, withTimeout } from './helpers.js';
import { startRabbit, stopRabbit } from './service-restart.js';

const URI = 'amqp://guest:guest@127.0.0.1:5672';
const suffix = (): string => randomBytes(4).toString('hex');

/** A test client that reconnects and retries until the broker confirms (so a broker restart loses nothing it sent). */
class Publisher {
  private conn: ChannelModel | undefined;
  private ch: ConfirmChannel | undefined;

  private async channel(): Promise<ConfirmChannel> {
    if (this.ch) return this.ch;
    const conn = await amqpConnect(URI);
    conn.on('error', () => undefined);
    conn.on('close', () => {
      if (this.conn === conn) this.conn = this.ch = undefined;
    });
    const ch = await conn.createConfirmChannel();
    ch.on('error', () => undefined);
    this.conn = conn;
    this.ch = ch;
    return ch;
  }

  async send(exchange: string, key: string, body: string, ms = 60000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        const ch = await this.channel();
        await new Promise<void>((resolve, reject) =>
          ch.publish(exchange, key, Buffer.from(body), { deliveryMode: 2 }, (err: unknown) =>
            err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
          ),
        );
        return;
      } catch (e) {
        this.conn = this.ch = undefined;
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async close(): Promise<void> {
    await this.conn?.close().catch(() => undefined);
  }
}

/** Collects the bodies arriving on a queue (declared and bound here). */
async function collector(
  exchange: string,
  type: string,
  key: string,
): Promise<{ got: string[]; close: () => Promise<void> }> {
  const conn = await amqpConnect(URI);
  const ch = await conn.createChannel();
  await ch.assertExchange(exchange, type, { durable: false, autoDelete: false });
  const q = await ch.assertQueue('', { exclusive: true });
  await ch.bindQueue(q.queue, exchange, key);
  const got: string[] = [];
  await ch.consume(q.queue, (m) => m && got.push(m.content.toString()), { noAck: true });
  return {
    got,
    close: async () => {
      await ch.deleteExchange(exchange).catch(() => undefined);
      await conn.close().catch(() => undefined);
    },
  };
}

describe('rabbitmq', () => {
  test('app creation rejects a missing exchange.name, an unknown exchange.type, a non-AMQP uri, bad headers', () => {
    const create = (opts: string, kind = 'source'): string => {
      try {
        new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(
          `@${kind}(type='rabbitmq', ${opts}, @map(type='json')) define stream S (a string);`,
        );
      } catch (e) {
        return (e as Error).message;
      }
      return 'created';
    };
    for (const kind of ['source', 'sink']) {
      assert.match(create(`uri='${URI}'`, kind), /needs option 'exchange.name'/);
      assert.match(create(`uri='${URI}', exchange.name='e', exchange.type='fanout'`, kind), /^created$/);
      assert.match(
        create(`uri='${URI}', exchange.name='e', exchange.type='broadcast'`, kind),
        /exchange.type 'broadcast' is not one of direct, fanout, topic, headers/,
      );
      assert.match(create(`uri='amqp://10.0.0.1^5672', exchange.name='e'`, kind), /is not a RabbitMQ URL/);
      assert.match(create(`uri='http://u:pw@10.0.0.1:5672', exchange.name='e'`, kind), /uri 'http:\/\/u:\*\*\*@/);
    }
    assert.match(
      create(`uri='${URI}', exchange.name='e', headers="'x-match:all','colour-red'"`),
      /header 'colour-red' is not name:value/,
    );
    assert.match(
      create(`uri='${URI}', exchange.name='e', timestamp='2020-01-31'`, 'sink'),
      /timestamp='2020-01-31' is not a date as dd\/MM\/yyyy/,
    );
  });

  test('the sink publishes to the exchange an event names, stamps a fixed day, drops a message with a bad header', async () => {
    const s = suffix();
    const red = await collector(`red-${s}`, 'direct', 'k');
    const blue = await collector(`blue-${s}`, 'direct', 'k');
    const app = await startApp(
      `@App:name('RmqDyn${s}')
      define stream In (colour string, n long, tag string);
      @sink(type='rabbitmq', uri='${URI}', exchange.name='{{colour}}-${s}', routing.key='k', timestamp='02/01/2020', headers="'{{tag}}'", @map(type='json'))
      define stream Out (colour string, n long, tag string);
      from In select * insert into Out;`,
    );
    try {
      const stamps: unknown[] = [];
      const conn = await amqpConnect(URI);
      const ch = await conn.createChannel();
      const q = await ch.assertQueue('', { exclusive: true });
      await ch.bindQueue(q.queue, `red-${s}`, 'k');
      await ch.consume(q.queue, (m) => m && stamps.push(m.properties.timestamp), { noAck: true });
      const input = app.runtime.getInputHandler('In');
      input.send(['red', 1, 'tag:a']);
      input.send(['blue', 2, 'tag:b']);
      input.send(['red', 3, 'no-colon-here']);
      input.send(['red', 4, 'tag:c']);
      await waitFor(() => red.got.length === 2 && blue.got.length === 1 && stamps.length === 2, 'three messages');
      assert.deepEqual(
        red.got.map((g) => JSON.parse(g) as unknown),
        [{ event: { colour: 'red', n: 1, tag: 'tag:a' } }, { event: { colour: 'red', n: 4, tag: 'tag:c' } }],
      );
      assert.deepEqual(
        blue.got.map((g) => JSON.parse(g) as unknown),
        [{ event: { colour: 'blue', n: 2, tag: 'tag:b' } }],
      );
      const day = new Date(2020, 0, 2).getTime() / 1000;
      assert.deepEqual(stamps, [day, day]);
      const dropped = app.lines.find((l) => l.level === 'error' && /dropped events/.test(l.msg));
      assert.match(String(dropped?.msg), /header 'no-colon-here' is not name:value/);
      await conn.close();
    } finally {
      await app.stop();
      await red.close();
      await blue.close();
    }
  });

  test('a topic exchange feeds the app (JSON); results go to an exchange a real consumer reads, with headers', async () => {
    const s = suffix();
    const out = await collector(`out-${s}`, 'topic', 'alerts.#');
    const pub = new Publisher();
    const app = await startApp(
      `@App:name('Rmq1${s}')
      @source(type='rabbitmq', uri='${URI}', exchange.name='in-${s}', exchange.type='topic', queue.name='q-${s}', queue.autodelete.enabled='true', routing.key='orders.*', @map(type='json'))
      define stream In (id string, amount double);
      @sink(type='rabbitmq', uri='${URI}', exchange.name='out-${s}', exchange.type='topic', routing.key='alerts.{{id}}', headers="'src:tributary'", message.id='{{id}}', @map(type='json'))
      define stream Out (id string, amount double);
      from In[amount > 100.0] select * insert into Out;`,
      ['In'],
    );
    try {
      await pub.send(`in-${s}`, 'orders.eu', '{"event":{"id":"a","amount":150.0}}');
      await pub.send(`in-${s}`, 'orders.us', '{"event":{"id":"b","amount":5.0}}');
      await pub.send(`in-${s}`, 'other.eu', '{"event":{"id":"c","amount":500.0}}');
      await pub.send(`in-${s}`, 'orders.eu', '{"event":{"id":"d","amount":101.5}}');
      await waitFor(() => out.got.length === 2, 'two alerts');
      assert.deepEqual(
        out.got.map((g) => JSON.parse(g) as unknown),
        [{ event: { id: 'a', amount: 150 } }, { event: { id: 'd', amount: 101.5 } }],
      );
      assert.equal(app.events.length, 3, 'other.eu is not bound');
    } finally {
      await app.stop();
      await pub.close();
      await out.close();
    }
  });

  test('a malformed message follows on.error, is counted and acknowledged (no redelivery loop)', async () => {
    const s = suffix();
    const pub = new Publisher();
    const app = await startApp(
      `@App:name('Rmq2${s}')
      @source(type='rabbitmq', uri='${URI}', exchange.name='', queue.name='bad-${s}', queue.autodelete.enabled='true', @map(type='json'))
      define stream In (id string, amount double);`,
      ['In'],
    );
    try {
      await pub.send('', `bad-${s}`, 'not json');
      await pub.send('', `bad-${s}`, '{"event":{"id":"ok","amount":1.5}}');
      await waitFor(() => app.events.length === 1, 'the good event');
      const c = ioCounters(`Rmq2${s}`).find((x) => x.kind === 'source')!;
      assert.deepEqual([c.messages, c.events, c.errors], [2, 1, 1]);
      assert.ok(app.lines.some((l) => l.level === 'error' && l.payload === 'not json'));
    } finally {
      await app.stop();
      await pub.close();
    }
  });

  test('a bad password is reported without the password', async () => {
    const s = suffix();
    const app = await startApp(
      `@App:name('Rmq3${s}')
      @source(type='rabbitmq', uri='amqp://guest:wr0ngpw@127.0.0.1:5672', exchange.name='', queue.name='x-${s}', retry.interval='100', @map(type='json'))
      define stream In (id string);`,
      ['In'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => app.lines.some((l) => l.level === 'error'), 'a connect failure', 10000);
      const text = JSON.stringify(app.lines);
      assert.ok(!text.includes('wr0ngpw'), text);
      assert.match(text, /guest:\*\*\*@/);
    } finally {
      await app.stop();
    }
  });

  test('RabbitMQ restarts mid-stream: both connectors reconnect; nothing lost, nothing twice in the de-duplicating sink', async () => {
    const s = suffix();
    const N = 300;
    const nc = await natsConnect({ servers: '127.0.0.1:4222' });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: `RMQOUT_${s}`, subjects: [`rmqout.${s}`], duplicate_window: nanos(120000) });
    const admin = await amqpConnect(URI);
    const ach = await admin.createChannel();
    await ach.assertQueue(`rin-${s}`, { durable: true });
    await ach.assertQueue(`rout-${s}`, { durable: true });
    await admin.close();
    const pub = new Publisher();
    const app = await startApp(
      `@App:name('Rmq4${s}')
      @source(type='rabbitmq', uri='${URI}', exchange.name='', queue.name='rin-${s}', queue.durable.enabled='true', prefetch.count='10', retry.interval='200', retry.interval.max='1000', @map(type='json'))
      define stream In (id string, n long);
      @sink(type='nats', jetstream='true', destination='rmqout.${s}', message.id='{{id}}', on.error='WAIT', retry.interval='200', bootstrap.servers='nats://127.0.0.1:4222', @map(type='json'))
      define stream Out (id string, n long);
      @sink(type='rabbitmq', uri='${URI}', exchange.name='', routing.key='rout-${s}', delivery.mode='2', on.error='WAIT', retry.interval='200', retry.interval.max='1000', @map(type='json'))
      define stream Copy (id string, n long);
      from In select * insert into Out;
      from In select * insert into Copy;`,
      ['In'],
    );
    let stopped = false;
    try {
      const publisher = (async () => {
        for (let i = 0; i < N; i++) await pub.send('', `rin-${s}`, JSON.stringify({ event: { id: `r${i}`, n: i } }));
      })();
      await waitFor(() => app.events.length >= N / 3, 'a third processed', 15000);
      stopped = true;
      await stopRabbit();
      await startRabbit();
      stopped = false;
      await withTimeout(publisher, 60000, 'the publisher');
      const outCount = async (): Promise<number> => (await jsm.streams.info(`RMQOUT_${s}`)).state.messages;
      const deadline = Date.now() + 60000;
      while ((await outCount()) < N) {
        if (Date.now() > deadline) throw new Error(`only ${await outCount()} of ${N} reached JetStream`);
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(await outCount(), N, 'JetStream holds each id once');
      // the RabbitMQ sink's queue has every id (at-least-once: a redelivered input may repeat one)
      const reader = await amqpConnect(URI);
      const rch = await reader.createChannel();
      const ids = new Set<string>();
      const copyDeadline = Date.now() + 60000;
      while (ids.size < N) {
        const m = await rch.get(`rout-${s}`, { noAck: true });
        if (m) ids.add((JSON.parse(m.content.toString()) as { event: { id: string } }).event.id);
        else if (Date.now() > copyDeadline) throw new Error(`only ${ids.size} of ${N} ids reached rout-${s}`);
        else await new Promise((r) => setTimeout(r, 50));
      }
      await rch.deleteQueue(`rin-${s}`);
      await rch.deleteQueue(`rout-${s}`);
      await reader.close();
      assert.ok(
        app.lines.some((l) => /lost its connection/.test(l.msg)),
        'the source noticed the restart and reconnected by itself',
      );
    } finally {
      if (stopped) await startRabbit().catch(() => undefined);
      await app.stop();
      await pub.close();
      await jsm.streams.delete(`RMQOUT_${s}`).catch(() => undefined);
      await nc.close();
    }
  });
});
