/**
 * npm run bench, or: node --import tsx bench/partition.ts [--quick]
 * The `partition-length-avg` scenario: a value partition over 1,000 keys, each instance a
 * `length(10)` window with `avg(price)`, 3M events (after 1M warm-up), median of 5 runs, beside a
 * hand-written loop computing the same averages (a Map of per-key ring buffers).
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';

const quick = process.argv.includes('--quick');
const KEYS = 1000;
const EVENTS = quick ? 300_000 : 3_000_000;
const WARMUP = quick ? 100_000 : 1_000_000;
const RUNS = Number(process.env.RUNS ?? 5);
const APP = `define stream S (symbol string, price float, volume long);
partition with (symbol of S) begin
  @info(name='q1') from S#window.length(10) select symbol, avg(price) as ap insert into Out;
end;`;

/** The scenario's events: key i % 1000, price 75.6 + i % 1000 (as a 32-bit float), volume 100 + i % 1000. */
const pool: unknown[][] = [];
for (let i = 0; i < KEYS; i++) pool.push([`key${i}`, Math.fround(75.6 + i), 100 + i]);

function engineRun(): { rate: number; check: number } {
  const r = new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  let check = 0;
  r.addStreamCallback('Out', (events) => {
    for (const e of events) check += e.data[1] as number;
  });
  r.start();
  const h = r.getInputHandler('S');
  for (let i = 0; i < WARMUP; i++) h.send(pool[i % KEYS]!);
  check = 0;
  const t = process.hrtime.bigint();
  for (let i = WARMUP; i < WARMUP + EVENTS; i++) h.send(pool[i % KEYS]!);
  const ns = Number(process.hrtime.bigint() - t);
  void r.shutdown();
  return { rate: EVENTS / (ns / 1e9), check };
}

interface Ring {
  readonly values: Float64Array;
  next: number;
  count: number;
  sum: number;
}

/** By hand: per key a ring of the last 10 prices and their running sum; one output object per event. */
function loopRun(): { rate: number; check: number } {
  const rings = new Map<string, Ring>();
  let check = 0;
  const out: { symbol: string; ap: number }[] = [];
  const one = (d: unknown[]): void => {
    const key = d[0] as string;
    const price = d[1] as number;
    let ring = rings.get(key);
    if (!ring) rings.set(key, (ring = { values: new Float64Array(10), next: 0, count: 0, sum: 0 }));
    if (ring.count === 10) ring.sum -= ring.values[ring.next]!;
    else ring.count++;
    ring.values[ring.next] = price;
    ring.next = (ring.next + 1) % 10;
    ring.sum += price;
    out[0] = { symbol: key, ap: ring.sum / ring.count };
    check += out[0].ap;
  };
  for (let i = 0; i < WARMUP; i++) one(pool[i % KEYS]!);
  check = 0;
  const t = process.hrtime.bigint();
  for (let i = WARMUP; i < WARMUP + EVENTS; i++) one(pool[i % KEYS]!);
  const ns = Number(process.hrtime.bigint() - t);
  return { rate: EVENTS / (ns / 1e9), check };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const engine: number[] = [];
const loop: number[] = [];
let checks = '';
for (let r = 0; r < RUNS; r++) {
  const e = engineRun();
  const l = loopRun();
  engine.push(e.rate);
  loop.push(l.rate);
  if (Math.abs(e.check - l.check) > 1e-6 * Math.abs(l.check))
    checks = ` (MISMATCH: engine ${e.check}, loop ${l.check})`;
}
const er = median(engine);
const lr = median(loop);
console.log(
  `partition (1,000 keys, length(10) avg): ${fmt(er)} events/s (median of ${RUNS}) | hand-written loop ${fmt(lr)} events/s, ratio ${(er / lr).toFixed(2)}${checks}`,
);

/**
 * Memory per key: MANY keys, 12 events each (the windows full), then the heap in use (after a
 * collection, with --expose-gc as `npm run bench` runs it) less what it was before the app was built;
 * beside the hand-written loop's Map of rings, kept the same way.
 */
const MANY = quick ? 10_000 : 100_000;
const collectGarbage = (globalThis as { gc?: () => void }).gc;
function heapUsed(): number {
  collectGarbage?.();
  return process.memoryUsage().heapUsed;
}
function perKey(fill: () => unknown): number {
  const before = heapUsed();
  const kept = fill();
  const bytes = (heapUsed() - before) / MANY;
  return kept === undefined ? NaN : bytes;
}
const manyKeys = Array.from({ length: MANY }, (_, i) => `key${i}`);
const engineBytes = perKey(() => {
  const r = new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  r.addStreamCallback('Out', () => {});
  r.start();
  const h = r.getInputHandler('S');
  for (let j = 0; j < 12; j++) for (let i = 0; i < MANY; i++) h.send([manyKeys[i]!, 75.6 + ((i + j) % 1000), 100]);
  return r;
});
const loopBytes = perKey(() => {
  const rings = new Map<string, Ring>();
  for (let j = 0; j < 12; j++)
    for (let i = 0; i < MANY; i++) {
      const key = manyKeys[i]!;
      let ring = rings.get(key);
      if (!ring) rings.set(key, (ring = { values: new Float64Array(10), next: 0, count: 0, sum: 0 }));
      ring.values[ring.next] = 75.6 + ((i + j) % 1000);
      ring.next = (ring.next + 1) % 10;
    }
  return rings;
});
console.log(
  `partition memory (${fmt(MANY)} keys, length(10) avg, windows full): ${fmt(engineBytes)} bytes of heap per key | hand-written loop ${fmt(loopBytes)} bytes per key`,
);
