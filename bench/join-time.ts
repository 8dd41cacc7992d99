/**
 * npm run bench, or: node --expose-gc --import tsx bench/join-time.ts [--quick]
 * A two-stream join over `time` windows with an equality `on`, current events out
 * (`from L#window.time(100 ms) join R#window.time(100 ms) on L.k == R.k ... insert into O`), on the
 * virtual clock:
 * - steady: L and R alternating, keys random in 0..999, the clock 1 ms on every 100 events (each window
 *   holds about 5,000 events, about 5 of each key; the timers make 50 leave per side per ms), median of 5 runs, beside a
 *   hand-written loop making the same joined events (per key, a queue of values; a queue of keys and
 *   times per side);
 * - burst: BURST events into L at one instant, then the clock past the window: all of them leave at
 *   once (as after a pause). Reports the time that takes, and the heap it leaves in use.
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../src/engine/app/siddhi-app-runtime.js';

const quick = process.argv.includes('--quick');
const N = quick ? 200_000 : 2_000_000;
const WARMUP = N / 5;
const BURST = quick ? 100_000 : 1_000_000;
const RUNS = Number(process.env.RUNS ?? 5);
const KEYS = 1000;
const SPAN = 100;
const PER_MS = 100;
const T0 = 1577836800000;
const APP = `define stream L (k int, v int);
define stream R (k int, w int);
@info(name='q') from L#window.time(${SPAN} milliseconds) join R#window.time(${SPAN} milliseconds) on L.k == R.k
select L.k as k, v, w insert into O;`;

const collectGarbage = (globalThis as { gc?: () => void }).gc;

function keys(n: number): Int32Array {
  let seed = 42;
  const k = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    k[i] = (seed >>> 16) % KEYS;
  }
  return k;
}

function start(): { r: SiddhiAppRuntime; matches: () => number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  let matches = 0;
  r.addQueryCallback('q', (_ts, inEvents) => (matches += inEvents?.length ?? 0));
  r.start();
  return { r, matches: () => matches };
}

/** Sends events from..to (L on even, R on odd), the clock 1 ms on every PER_MS events. */
function sendRange(r: SiddhiAppRuntime, k: Int32Array, from: number, to: number): void {
  const l = r.getInputHandler('L');
  const rr = r.getInputHandler('R');
  const clock = r.manualClock!;
  for (let i = from; i < to; i++) {
    if (i % PER_MS === 0) clock.advanceBy(1);
    if (i % 2 === 0) l.send([k[i]!, i]);
    else rr.send([k[i]!, i]);
  }
}

function engineSteady(k: Int32Array): { rate: number; matches: number } {
  const { r, matches } = start();
  sendRange(r, k, 0, WARMUP);
  const m0 = matches();
  const t = performance.now();
  sendRange(r, k, WARMUP, WARMUP + N);
  const ms = performance.now() - t;
  void r.shutdown();
  return { rate: N / (ms / 1000), matches: matches() - m0 };
}

/** One side's window: the keys it holds, oldest first, with the time each arrived; per key, its values. */
class Side {
  keys = new Int32Array(1024);
  times = new Float64Array(1024);
  head = 0;
  tail = 0;
  readonly byKey = Array.from({ length: KEYS }, () => ({ values: [] as number[], head: 0 }));

  push(key: number, value: number, t: number): void {
    if (this.tail === this.keys.length) this.grow();
    this.keys[this.tail] = key;
    this.times[this.tail++] = t;
    this.byKey[key]!.values.push(value);
  }

  /** Lets every event that arrived SPAN ms before `now` or earlier leave. */
  expire(now: number): void {
    while (this.head < this.tail && this.times[this.head]! + SPAN <= now) {
      const q = this.byKey[this.keys[this.head++]!]!;
      if (++q.head >= 64 && q.head * 2 >= q.values.length) {
        q.values = q.values.slice(q.head);
        q.head = 0;
      }
    }
  }

  private grow(): void {
    const live = this.tail - this.head;
    const size = live * 2 > this.keys.length ? this.keys.length * 2 : this.keys.length;
    const keys = new Int32Array(size);
    const times = new Float64Array(size);
    keys.set(this.keys.subarray(this.head, this.tail));
    times.set(this.times.subarray(this.head, this.tail));
    this.keys = keys;
    this.times = times;
    this.head = 0;
    this.tail = live;
  }
}

function loopSteady(k: Int32Array): { rate: number; matches: number } {
  const left = new Side();
  const right = new Side();
  let now = T0;
  let matches = 0;
  let last: unknown[] = [];
  const run = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      if (i % PER_MS === 0) {
        now++;
        left.expire(now);
        right.expire(now);
      }
      const key = k[i]!;
      const isLeft = i % 2 === 0;
      (isLeft ? left : right).push(key, i, now);
      const q = (isLeft ? right : left).byKey[key]!;
      // The joined events [k, v, w]: L's value, then R's.
      for (let j = q.head; j < q.values.length; j++) last = isLeft ? [key, i, q.values[j]] : [key, q.values[j], i];
      matches += q.values.length - q.head;
    }
  };
  run(0, WARMUP);
  const m0 = matches;
  const t = performance.now();
  run(WARMUP, WARMUP + N);
  const ms = performance.now() - t;
  return { rate: N / (ms / 1000), matches: matches - m0 + (last.length > 3 ? 1 : 0) };
}

/** BURST events into L at one instant, then all of them leave at once. */
function engineBurst(k: Int32Array): { ms: number; heapMB: number } {
  const { r } = start();
  const l = r.getInputHandler('L');
  for (let i = 0; i < BURST; i++) l.send([k[i % k.length]!, i]);
  collectGarbage?.();
  const t = performance.now();
  r.manualClock!.advanceBy(SPAN);
  const ms = performance.now() - t;
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  void r.shutdown();
  return { ms, heapMB };
}

const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const k = keys(WARMUP + N);
const engine: number[] = [];
const loop: number[] = [];
const ratios: number[] = [];
for (let i = 0; i < RUNS; i++) {
  collectGarbage?.();
  const e = engineSteady(k);
  const b = loopSteady(k);
  if (e.matches !== b.matches) throw new Error(`matches differ: engine ${e.matches}, loop ${b.matches}`);
  engine.push(e.rate);
  loop.push(b.rate);
  ratios.push(e.rate / b.rate);
}
console.log(
  `join time(${SPAN} ms) x time(${SPAN} ms) on L.k == R.k, ${KEYS} keys, current events out: ${fmt(median(engine))} events/s (median of ${RUNS})`,
);
console.log(`hand-written loop (per-key queues of values, queues of keys and times): ${fmt(median(loop))} events/s`);
console.log(`ratio engine/loop: ${median(ratios).toFixed(3)}`);
const bursts: { ms: number; heapMB: number }[] = [];
for (let i = 0; i < 3; i++) {
  collectGarbage?.();
  bursts.push(engineBurst(k));
}
const burstMs = median(bursts.map((b) => b.ms));
console.log(
  `join time window, ${fmt(BURST)} events leaving at once: ${burstMs.toFixed(0)} ms (${fmt(BURST / (burstMs / 1000))} events/s), heap after ${median(bursts.map((b) => b.heapMB)).toFixed(0)} MB (median of 3)`,
);
