import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, DeliverPolicy, AckPolicy, nanos, StringCodec, type NatsConnection } from 'nats';
import { spawn } from 'node:child_process';
import { ioCounters, ioHandles, memoryLogger, SiddhiManager } from '../../src/index.js';
import { startNats, stopNats } from './service-restart.js';
import { freePort, startApp, waitFor, withTimeout } from './helpers.js';

const sc = StringCodec();
const suffix = (): string => randomBytes(4).toString('hex');
const SERVERS = "bootstrap.servers='nats://127.0.0.1:4222'";

async function client(): Promise<NatsConnection> {
  return connect({ servers: '127.0.0.1:4222', reconnect: true, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
}

/** Every message currently in a JetStream stream, read through an ephemeral consumer. */
async function readStream(nc: NatsConnection, stream: string): Promise<string[]> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(stream);
  const total = info.state.messages;
  if (total === 0) return [];
  const ci = await jsm.consumers.add(stream, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.All,
    inactive_threshold: nanos(10000),
  });
  const c = await nc.jetstream().consumers.get(stream, ci.name);
  const out: string[] = [];
  const it = await c.fetch({ max_messages: total, expires: 5000 });
  for await (const m of it) out.push(sc.decode(m.data));
  return out;
}

describe('nats (core)', () => {
  const nc = client();
  after(async () => (await nc).close());

  test('wildcard subscription receives JSON messages; the sink publishes results a client receives', async () => {
    const s = suffix();
    const c = await nc;
    const got: string[] = [];
    const sub = c.subscribe(`out.${s}`, { callback: (_e, m) => got.push(sc.decode(m.data)) });
    await c.flush();
    const app = await startApp(
      `@App:name('NatsCore${s}')
      @source(type='nats', destination='in.${s}.*', ${SERVERS}, @map(type='json')) define stream In (symbol string, price double);
      @sink(type='nats', destination='out.${s}', ${SERVERS}, @map(type='json')) define stream Out (symbol string, price double);
      from In[price > 10] select symbol, price * 2 as price insert into Out;`,
      ['In'],
    );
    try {
      c.publish(`in.${s}.a`, sc.encode('{"event":{"symbol":"WSO2","price":55.5}}'));
      c.publish(`in.${s}.b`, sc.encode('{"event":{"symbol":"LOW","price":1.0}}'));
      c.publish(
        `in.${s}.c`,
        sc.encode('[{"event":{"symbol":"IBM","price":20.0}},{"event":{"symbol":"X","price":11.0}}]'),
      );
      c.publish(`other.${s}`, sc.encode('{"event":{"symbol":"NOPE","price":99.0}}'));
      await waitFor(() => got.length === 2, 'two output messages');
      assert.deepEqual(JSON.parse(got[0]!), { event: { symbol: 'WSO2', price: 111 } });
      assert.deepEqual(JSON.parse(got[1]!), [
        { event: { symbol: 'IBM', price: 40 } },
        { event: { symbol: 'X', price: 22 } },
      ]);
      await waitFor(() => app.events.length === 4, 'four input events');
    } finally {
      sub.unsubscribe();
      await app.stop();
    }
  });

  test('a malformed message follows on.error (logged with its content) and is counted', async () => {
    const s = suffix();
    const c = await nc;
    const app = await startApp(
      `@App:name('NatsBad${s}')
      @source(type='nats', destination='bad.${s}', ${SERVERS}, @map(type='json')) define stream In (symbol string, price double);`,
      ['In'],
    );
    try {
      c.publish(`bad.${s}`, sc.encode('{"event":{"symbol":'));
      c.publish(`bad.${s}`, sc.encode('{"event":{"symbol":"A","price":2.5}}'));
      await waitFor(() => app.events.length === 1, 'the good event');
      const counters = ioCounters(`NatsBad${s}`).find((x) => x.kind === 'source')!;
      assert.deepEqual([counters.messages, counters.events, counters.errors], [2, 1, 1]);
      const err = app.lines.find((l) => l.level === 'error' && l.payload === '{"event":{"symbol":');
      assert.ok(err, 'the malformed message is logged with its content');
    } finally {
      await app.stop();
    }
  });

  test('a queue group shares the messages between two apps (each message once)', async () => {
    const s = suffix();
    const c = await nc;
    const src = (n: number): string =>
      `@App:name('NatsQ${n}${s}')
      @source(type='nats', destination='q.${s}', queue.group.name='workers', client.id='w${n}', ${SERVERS}, @map(type='json')) define stream In (n long);`;
    const a = await startApp(src(1), ['In']);
    const b = await startApp(src(2), ['In']);
    try {
      for (let i = 0; i < 100; i++) c.publish(`q.${s}`, sc.encode(JSON.stringify({ event: { n: i } })));
      await waitFor(() => a.events.length + b.events.length === 100, '100 events across the group');
      const all = [...a.events, ...b.events].map((e) => e[0]).sort((x, y) => Number(x) - Number(y));
      assert.deepEqual(
        all,
        Array.from({ length: 100 }, (_, i) => i),
      );
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test("Siddhi's server.urls and auth.type: a token server is reached; bad urls and missing credentials fail creation", async () => {
    const s = suffix();
    const port = await freePort();
    const server = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '--auth', 't0ken'], {
      stdio: 'ignore',
    });
    const tokenClient = (): Promise<NatsConnection> =>
      connect({ servers: `127.0.0.1:${port}`, token: 't0ken', reconnect: false });
    try {
      let c: NatsConnection | undefined;
      for (let i = 0; i < 50 && c === undefined; i++) {
        c = await tokenClient().catch(() => undefined);
        if (c === undefined) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(c, 'the token server runs');
      const got: string[] = [];
      c.subscribe(`tok.${s}`, { callback: (_e, m) => got.push(sc.decode(m.data)) });
      await c.flush();
      const app = await startApp(
        `@App:name('NatsTok${s}')
        @sink(type='nats', destination='tok.${s}', server.urls='nats://127.0.0.1:${port}', auth.type='token', token='t0ken', @map(type='json'))
        define stream Out (n long);`,
      );
      try {
        await ioHandles(`NatsTok${s}`)!.sinks[0]!.whenConnected();
        app.runtime.getInputHandler('Out').send([5]);
        await waitFor(() => got.length === 1, 'the message');
        assert.deepEqual(got, ['{"event":{"n":5}}']);
      } finally {
        await app.stop();
        await c.close();
      }
    } finally {
      server.kill();
    }
    const create = (opts: string): string => {
      try {
        new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(
          `@source(type='nats', destination='x', ${opts}, @map(type='json')) define stream In (n long);`,
        );
      } catch (e) {
        return (e as Error).message;
      }
      return 'created';
    };
    assert.match(
      create(`server.urls='127.0.0.1:4222'`),
      /url '127.0.0.1:4222' is not of the form nats:\/\/<host>:<port>/,
    );
    assert.match(create(`server.urls='nats://127.0.0.1'`), /url 'nats:\/\/127.0.0.1' is not of the form/);
    assert.match(create(`auth.type='user', username='u'`), /auth.type='user' needs username='...' and password='...'/);
    assert.match(create(`auth.type='token'`), /auth.type='token' needs token='...'/);
  });

  test('credentials in bootstrap.servers never reach logs or endpoints', async () => {
    const s = suffix();
    const app = await startApp(
      `@App:name('NatsMask${s}')
      @source(type='nats', destination='m.${s}', bootstrap.servers='nats://bob:s3cr3t@127.0.0.1:1', retry.interval='50', @map(type='json')) define stream In (n long);`,
      ['In'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => app.lines.some((l) => l.level === 'error'), 'a connect failure');
      const text = JSON.stringify(app.lines);
      assert.ok(!text.includes('s3cr3t'), text);
      assert.match(text, /bob:\*\*\*@127\.0\.0\.1:1/);
    } finally {
      await app.stop();
    }
  });
});

describe('nats (JetStream)', () => {
  test('durable consumer + Nats-Msg-Id sink: NATS restarts mid-stream, nothing lost, nothing twice', async () => {
    const s = suffix();
    const nc = await client();
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream({ timeout: 2000 });
    await jsm.streams.add({ name: `IN_${s}`, subjects: [`jin.${s}`] });
    await jsm.streams.add({ name: `OUT_${s}`, subjects: [`jout.${s}`], duplicate_window: nanos(120000) });
    const N = 300;
    const publish = async (i: number): Promise<void> => {
      // the test's own client: retried until the restarted server stores it (id makes the retry idempotent)
      for (;;) {
        try {
          await js.publish(`jin.${s}`, sc.encode(JSON.stringify({ event: { id: `o${i}`, n: i } })), {
            msgID: `in${i}`,
          });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const app = await startApp(
      `@App:name('Js${s}')
      @source(type='nats', jetstream='true', destination='jin.${s}', stream.name='IN_${s}', durable.name='proc', ack.wait='2000', retry.interval='200', retry.interval.max='1000', ${SERVERS}, @map(type='json'))
      define stream In (id string, n long);
      @sink(type='nats', jetstream='true', destination='jout.${s}', message.id='{{id}}', publish.timeout='1000', on.error='WAIT', retry.interval='200', retry.interval.max='1000', ${SERVERS}, @map(type='json'))
      define stream Out (id string, n long);
      from In select id, n insert into Out;`,
      ['In'],
    );
    let restarted = false;
    try {
      // a steady publisher runs in the background; NATS restarts while it and the app are mid-stream
      const publisher = (async () => {
        for (let i = 0; i < N; i++) await publish(i);
      })();
      await waitFor(() => app.events.length >= N / 3, 'a third of the events processed', 10000);
      restarted = true;
      await stopNats();
      await startNats();
      await withTimeout(publisher, 30000, 'the publisher');
      const out = async (): Promise<number> => (await jsm.streams.info(`OUT_${s}`)).state.messages;
      const deadline = Date.now() + 30000;
      while ((await out()) < N) {
        if (Date.now() > deadline) throw new Error(`only ${await out()} of ${N} events reached the output stream`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const got = (await readStream(nc, `OUT_${s}`)).map((m) => (JSON.parse(m) as { event: { id: string } }).event.id);
      assert.equal(got.length, N, 'no duplicates in the output stream');
      assert.equal(new Set(got).size, N);
      for (let i = 0; i < N; i++) assert.ok(got.includes(`o${i}`), `o${i} arrived`);
      assert.ok(app.events.length >= N, 'every input processed at least once');
      // the durable consumer acknowledged everything it processed
      const ci = await withTimeout(jsm.consumers.info(`IN_${s}`, 'proc'), 5000, 'consumer info');
      assert.equal(ci.num_pending, 0);
    } finally {
      if (restarted) await startNats().catch(() => undefined);
      await app.stop();
      await jsm.streams.delete(`IN_${s}`).catch(() => undefined);
      await jsm.streams.delete(`OUT_${s}`).catch(() => undefined);
      await nc.close();
    }
  });

  test('a JetStream message the app has not processed is redelivered to the durable consumer after a crash', async () => {
    const s = suffix();
    const nc = await client();
    const jsm = await nc.jetstreamManager();
    const js = nc.jetstream();
    await jsm.streams.add({ name: `RD_${s}`, subjects: [`rd.${s}`] });
    const text = (n: number): string =>
      `@App:name('JsRd${n}${s}')
      @source(type='nats', jetstream='true', destination='rd.${s}', durable.name='rd', ack.wait='1000', ${SERVERS}, @map(type='json'))
      define stream In (n long);`;
    try {
      const first = await startApp(text(1), ['In']);
      await js.publish(`rd.${s}`, sc.encode('{"event":{"n":1}}'));
      await waitFor(() => first.events.length === 1, 'first delivery');
      // The app pauses before processing the next message (as under backpressure), then "crashes".
      const h = (await import('../../src/index.js')).ioHandles(`JsRd1${s}`)!;
      h.pause();
      await js.publish(`rd.${s}`, sc.encode('{"event":{"n":2}}'));
      await first.stop();
      const second = await startApp(text(2), ['In']);
      try {
        await waitFor(() => second.events.length === 1, 'the unprocessed message redelivered', 10000);
        assert.deepEqual(second.events, [[2]]);
      } finally {
        await second.stop();
      }
    } finally {
      await jsm.streams.delete(`RD_${s}`).catch(() => undefined);
      await nc.close();
    }
  });
});
