/**
 * node --import tsx bench/jetstream.ts [--count N]
 * NATS JetStream → filter app → JetStream, end to end (durable consumer acking after processing, acknowledged
 * publishes with message ids), beside the raw rate of the same client on the same machine: publish N
 * messages with acknowledgement, then consume them with a pull consumer and ack each. Prints both and the ratio.
 * Needs a NATS server with JetStream on 127.0.0.1:4222; skips (exit 0) when there is none.
 */
import { randomBytes } from 'node:crypto';
import { AckPolicy, DeliverPolicy, connect, type JetStreamClient, type NatsConnection } from 'nats';
import { SiddhiManager } from '../src/index.js';

const args = process.argv.slice(2);
const N = args.includes('--count') ? Number(args[args.indexOf('--count') + 1]) : 20000;
const enc = new TextEncoder();

async function publishAll(js: JetStreamClient, subject: string, n: number): Promise<void> {
  const window = 256;
  let inflight: Promise<unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const body = enc.encode(JSON.stringify({ event: { id: `m${i}`, price: i % 100, qty: i } }));
    inflight.push(js.publish(subject, body, { msgID: `m${i}` }));
    if (inflight.length >= window) {
      await Promise.all(inflight);
      inflight = [];
    }
  }
  await Promise.all(inflight);
}

async function raw(nc: NatsConnection, s: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  await jsm.streams.add({ name: `BRAW_${s}`, subjects: [`braw.${s}`] });
  try {
    const t0 = performance.now();
    await publishAll(js, `braw.${s}`, N);
    await jsm.consumers.add(`BRAW_${s}`, {
      durable_name: 'c',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const c = await js.consumers.get(`BRAW_${s}`, 'c');
    const it = await c.consume({ max_messages: 256 });
    let got = 0;
    for await (const m of it) {
      m.ack();
      if (++got === N) break;
    }
    return N / ((performance.now() - t0) / 1000);
  } finally {
    await jsm.streams.delete(`BRAW_${s}`).catch(() => undefined);
  }
}

async function endToEnd(nc: NatsConnection, s: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  const js = nc.jetstream();
  await jsm.streams.add({ name: `BIN_${s}`, subjects: [`bin.${s}`] });
  await jsm.streams.add({ name: `BOUT_${s}`, subjects: [`bout.${s}`] });
  const manager = new SiddhiManager();
  try {
    const expected = Math.ceil(N / 2); // price < 50 keeps half
    const t0 = performance.now();
    await publishAll(js, `bin.${s}`, N);
    const runtime = manager.createSiddhiAppRuntime(`@App:name('BenchJs${s}')
      @source(type='nats', jetstream='true', destination='bin.${s}', durable.name='app', batch.size='512', bootstrap.servers='nats://127.0.0.1:4222', @map(type='json'))
      define stream In (id string, price long, qty long);
      @sink(type='nats', jetstream='true', destination='bout.${s}', message.id='{{id}}', on.error='WAIT', bootstrap.servers='nats://127.0.0.1:4222', @map(type='json'))
      define stream Out (id string, price long, qty long);
      from In[price < 50] select * insert into Out;`);
    runtime.start();
    const deadline = Date.now() + 300000;
    for (;;) {
      const n = (await jsm.streams.info(`BOUT_${s}`)).state.messages;
      if (n >= expected) break;
      if (Date.now() > deadline) throw new Error(`only ${n} of ${expected} reached the output stream`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return N / ((performance.now() - t0) / 1000);
  } finally {
    await manager.shutdown();
    await jsm.streams.delete(`BIN_${s}`).catch(() => undefined);
    await jsm.streams.delete(`BOUT_${s}`).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  let nc: NatsConnection;
  try {
    nc = await connect({ servers: '127.0.0.1:4222', timeout: 2000 });
  } catch {
    console.log('jetstream: skipped (no NATS server on 127.0.0.1:4222)');
    return;
  }
  try {
    const s = randomBytes(4).toString('hex');
    const rawRate = await raw(nc, s);
    const e2e = await endToEnd(nc, s);
    const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
    console.log(`jetstream raw publish+consume (nats client): ${fmt(rawRate)} messages/s (${N} messages)`);
    console.log(`jetstream -> filter app -> jetstream: ${fmt(e2e)} events/s (${N} in, ${Math.ceil(N / 2)} out)`);
    console.log(`jetstream ratio end-to-end/raw: ${(e2e / rawRate).toFixed(2)}`);
  } finally {
    await nc.close();
  }
}

await main();
