/**
 * HTTP ingest benchmark: a load generator POSTs JSON events in batches of 100 over loopback (keep-alive,
 * a few requests in flight) into an app with an http source and a filter query. Prints events/s through
 * the source and the p50/p99 request latency (the source maps and runs the query before it replies, so a
 * reply means the batch went through the app). Sends a bounded number of requests and stops by itself.
 * Run: node --import tsx bench/http-ingest.ts [--quick] [--requests N] [--concurrency C]
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SiddhiManager, ioHandles, memoryLogger } from '../src/index.js';

const args = process.argv.slice(2);
const arg = (name: string, d: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : d;
};
const quick = args.includes('--quick');
const REQUESTS = arg('--requests', quick ? 300 : 3000);
const CONCURRENCY = arg('--concurrency', 8);
const BATCH = 100;

const manager = new SiddhiManager({ logger: memoryLogger() });
const runtime = manager.createSiddhiAppRuntime(`
  @App:name('HttpIngestBench')
  @source(type='http', receiver.url='http://127.0.0.1:0/ingest', @map(type='json'))
  define stream Trades (symbol string, price double, volume long);
  from Trades[price > 50.0] select symbol, price, volume insert into Expensive;`);
let out = 0;
runtime.addStreamCallback('Expensive', (events) => (out += events.length));
runtime.start();
const source = ioHandles('HttpIngestBench')!.sources[0]!;
await source.whenConnected();
const url = new URL(source.endpoint!);

const symbols = ['WSO2', 'IBM', 'ORCL', 'MSFT', 'GOOG'];
const bodies = Array.from({ length: 16 }, (_, b) =>
  JSON.stringify(
    Array.from({ length: BATCH }, (_, i) => ({
      event: { symbol: symbols[(b + i) % symbols.length], price: ((b * BATCH + i) % 100) + 0.5, volume: i },
    })),
  ),
);
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(body: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

// Warm up the JIT and the connections, then measure.
await Promise.all(Array.from({ length: CONCURRENCY * 4 }, (_, i) => post(bodies[i % bodies.length]!)));
const inBefore = source.counters.events;
const outBefore = out;
const latencies: number[] = [];
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < REQUESTS) {
      const i = next++;
      latencies.push(await post(bodies[i % bodies.length]!));
    }
  }),
);
const seconds = (performance.now() - t0) / 1000;
const events = source.counters.events - inBefore;
if (events !== REQUESTS * BATCH) throw new Error(`expected ${REQUESTS * BATCH} events, the source took ${events}`);
latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
console.log(
  `http ingest: ${REQUESTS} requests x ${BATCH} events, ${CONCURRENCY} in flight: ${Math.round(events / seconds).toLocaleString('en-US')} events/s, ` +
    `p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms per request; ${out - outBefore} events passed the filter`,
);
agent.destroy();
await manager.shutdown();
