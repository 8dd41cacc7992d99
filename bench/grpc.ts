/**
 * gRPC benchmark, all on loopback in one process:
 * - throughput: N events through a `grpc` sink (one app) to a `grpc` source (another app), from the first
 *   send until the receiving stream has them all; beside it, a plain @grpc/grpc-js client sending the same
 *   JSON payloads to a plain server, once as one `consume` call per payload (what the sink does) and once
 *   as a single streamed call (gRPC's best case);
 * - latency: M sequential `grpc-call` round trips (sink -> a plain grpc-js `process` server -> the
 *   `grpc-call-response` source), median and p99, beside the same unary call made by a plain client.
 * Bounded in count; stops by itself.
 * Run: node --import tsx bench/grpc.ts [--quick] [--events N] [--calls M]
 */
import { performance } from 'node:perf_hooks';
import * as grpc from '@grpc/grpc-js';
import { SiddhiManager, ioHandles, memoryLogger } from '../src/index.js';
import { eventService, type WireEvent } from '../src/io/transports/grpc/event-service.js';

const args = process.argv.slice(2);
const arg = (name: string, d: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const quick = args.includes('--quick');
const EVENTS = arg('--events', quick ? 5000 : 50000);
const CALLS = arg('--calls', quick ? 300 : 3000);

const { Client, service } = eventService();
const symbols = ['WSO2', 'IBM', 'ORCL', 'MSFT', 'GOOG'];
const rows = Array.from({ length: EVENTS }, (_, i): [string, number, number] => [
  symbols[i % symbols.length]!,
  (i % 100) + 0.5,
  i,
]);
const rate = (n: number, ms: number): string => `${Math.round((n * 1000) / ms).toLocaleString('en-US')} events/s`;

async function until(cond: () => boolean, what: string, ms = 120000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** A plain grpc-js EventService server: counts consumed Events, echoes `process`. */
async function plainServer(): Promise<{ server: grpc.Server; port: number; consumed: () => number }> {
  let consumed = 0;
  const server = new grpc.Server();
  server.addService(service, {
    consume: (call: grpc.ServerReadableStream<WireEvent, unknown>, done: grpc.sendUnaryData<unknown>) => {
      call.on('data', () => consumed++);
      call.on('end', () => done(null, {}));
    },
    process: (call: grpc.ServerUnaryCall<WireEvent, WireEvent>, reply: grpc.sendUnaryData<WireEvent>) =>
      reply(null, { payload: call.request.payload, headers: {} }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { server, port, consumed: () => consumed };
}

const consumeDef = service['consume']!;
const processDef = service['process']!;

function consumeCall(c: grpc.Client, events: readonly WireEvent[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const call = c.makeClientStreamRequest(
      consumeDef.path,
      consumeDef.requestSerialize,
      consumeDef.responseDeserialize,
      (e) => (e ? reject(e) : resolve()),
    );
    for (const e of events) call.write(e);
    call.end();
  });
}

function processCall(c: grpc.Client, event: WireEvent): Promise<void> {
  return new Promise((resolve, reject) =>
    c.makeUnaryRequest(processDef.path, processDef.requestSerialize, processDef.responseDeserialize, event, (e) =>
      e ? reject(e) : resolve(),
    ),
  );
}

// --- Throughput: Tributary grpc sink -> grpc source.
const manager = new SiddhiManager({ logger: memoryLogger() });
const receiver = manager.createSiddhiAppRuntime(`@App:name('GrpcBenchIn')
  @source(type='grpc', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/consume', @map(type='json'))
  define stream Trades (symbol string, price double, volume long);`);
let received = 0;
receiver.addStreamCallback('Trades', (events) => (received += events.length));
receiver.start();
const source = ioHandles('GrpcBenchIn')!.sources[0]!;
await source.whenConnected();
const port = Number(/:(\d+)\//.exec(source.endpoint!)![1]);
const sender = manager.createSiddhiAppRuntime(`@App:name('GrpcBenchOut')
  @sink(type='grpc', publisher.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/consume',
        headers="'stream.id:Trades'", @map(type='json'))
  define stream Trades (symbol string, price double, volume long);`);
sender.start();
const input = sender.getInputHandler('Trades');

async function tributaryRun(n: number): Promise<number> {
  const before = received;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) input.send(rows[i % rows.length]!);
  await until(() => received - before === n, `${n} events at the grpc source`);
  return performance.now() - t0;
}

await tributaryRun(Math.min(2000, EVENTS)); // warm-up
const tributaryMs = await tributaryRun(EVENTS);
const sinkErrors = ioHandles('GrpcBenchOut')!.sinks[0]!.counters.errors;

// --- The same payloads from a plain grpc-js client to a plain server.
const payloads: WireEvent[] = rows.map(([symbol, price, volume]) => ({
  payload: JSON.stringify({ event: { symbol, price, volume } }),
  headers: { 'stream.id': 'Trades' },
}));
const plain = await plainServer();
const plainClient = new Client(`127.0.0.1:${plain.port}`, grpc.credentials.createInsecure());

async function plainPerCall(n: number): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => consumeCall(plainClient, [payloads[i % payloads.length]!])));
  return performance.now() - t0;
}

async function plainStreamed(n: number): Promise<number> {
  const before = plain.consumed();
  const t0 = performance.now();
  await consumeCall(plainClient, n === payloads.length ? payloads : payloads.slice(0, n));
  if (plain.consumed() - before !== n) throw new Error('the plain server missed Events');
  return performance.now() - t0;
}

await plainPerCall(Math.min(2000, EVENTS));
const plainCallMs = await plainPerCall(EVENTS);
await plainStreamed(Math.min(2000, EVENTS));
const plainStreamMs = await plainStreamed(EVENTS);

console.log(`grpc throughput, ${EVENTS.toLocaleString('en-US')} JSON events over loopback:`);
console.log(`  Tributary grpc sink -> grpc source (one acknowledged call per event): ${rate(EVENTS, tributaryMs)}`);
console.log(`  plain grpc-js, one consume call per payload:                        ${rate(EVENTS, plainCallMs)}`);
console.log(`  plain grpc-js, all payloads streamed in one consume call:          ${rate(EVENTS, plainStreamMs)}`);
if (sinkErrors > 0) console.log(`  (the sink counted ${sinkErrors} errors)`);

// --- Latency: grpc-call round trips, one at a time.
const caller = manager.createSiddhiAppRuntime(`@App:name('GrpcBenchCall')
  @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${plain.port}/org.wso2.grpc.EventService/process', sink.id='b', @map(type='json'))
  define stream Ask (symbol string, price double, volume long);
  @source(type='grpc-call-response', sink.id='b', @map(type='json'))
  define stream Answer (symbol string, price double, volume long);`);
let answers = 0;
caller.addStreamCallback('Answer', (events) => (answers += events.length));
caller.start();
const ask = caller.getInputHandler('Ask');

async function tributaryLatencies(m: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    const before = answers;
    const t0 = performance.now();
    ask.send(rows[i % rows.length]!);
    await until(() => answers > before, 'a reply');
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function plainLatencies(m: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    const t0 = performance.now();
    await processCall(plainClient, payloads[i % payloads.length]!);
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

await tributaryLatencies(Math.min(200, CALLS));
const callLat = await tributaryLatencies(CALLS);
await plainLatencies(Math.min(200, CALLS));
const plainLat = await plainLatencies(CALLS);
const ms = (v: number): string => `${v.toFixed(3)} ms`;
console.log(`grpc-call round trips, ${CALLS} one after another:`);
console.log(
  `  Tributary grpc-call -> grpc-js server -> grpc-call-response: median ${ms(percentile(callLat, 50))}, p99 ${ms(percentile(callLat, 99))}`,
);
console.log(
  `  plain grpc-js unary process call:                            median ${ms(percentile(plainLat, 50))}, p99 ${ms(percentile(plainLat, 99))}`,
);

plainClient.close();
await manager.shutdown();
plain.server.forceShutdown();
