/**
 * npm run bench, or: node --import tsx bench/unique-window.ts [--quick]
 * `unique:length(k, 1000)` and `unique:ever(k)` with `count()` and `sum(v)`, keys cycling over KEYS
 * values (each event replaces its key's held event; for length, KEYS > 1,000 also pushes the oldest
 * out): events/s over N events after a warm-up fill, median of 3 runs, beside a hand-written loop
 * computing the same count and sum with a Map (delete + set keeps the arrival order, the oldest first).
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { fillThenTime } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 50_000 : 300_000;
const FILL = 5_000;
const RUNS = 3;
const LENGTH = 1_000;

const eventOf = (keys: number) => (i: number) => [`k${i % keys}`, i % 100];

function engineRun(window: string, keys: number): { rate: number; last: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream S (k string, v int);
@info(name='q') from S#window.${window} select count() as n, sum(v) as s insert into O;`,
  );
  let last = 0;
  r.addQueryCallback('q', (_ts, inEvents) => {
    if (inEvents) last = inEvents[inEvents.length - 1]!.data[1] as number;
  });
  r.start();
  const rate = fillThenTime(r.getInputHandler('S'), FILL, N, eventOf(keys));
  void r.shutdown();
  return { rate, last };
}

/** The same count and sum with a Map: `length` is the limit on keys held (Infinity for ever). */
function loopRun(length: number, keys: number): { rate: number; last: number } {
  const held = new Map<string, number>();
  let sum = 0;
  let last = 0;
  const of = eventOf(keys);
  const step = (i: number): void => {
    const [k, v] = of(i) as [string, number];
    const old = held.get(k);
    if (old !== undefined) {
      held.delete(k);
      sum -= old;
    } else if (held.size === length) {
      const [ok, ov] = held.entries().next().value!;
      held.delete(ok);
      sum -= ov;
    }
    held.set(k, v);
    sum += v;
    last = sum;
  };
  for (let i = 0; i < FILL; i++) step(i);
  const t = performance.now();
  for (let i = FILL; i < FILL + N; i++) step(i);
  const ms = performance.now() - t;
  return { rate: N / (ms / 1000), last };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
for (const [window, length, keys] of [
  [`unique:length(k, ${LENGTH})`, LENGTH, 500],
  [`unique:length(k, ${LENGTH})`, LENGTH, 10_000],
  ['unique:ever(k)', Infinity, 500],
  ['unique:ever(k)', Infinity, 10_000],
] as const) {
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const e = engineRun(window, keys);
    const l = loopRun(length, keys);
    if (e.last !== l.last) throw new Error(`sums differ: engine ${e.last}, loop ${l.last}`);
    engine.push(e.rate);
    loop.push(l.rate);
  }
  console.log(
    `${window} sum, ${fmt(keys)} keys: ${fmt(median(engine))} events/s (median of ${RUNS}) | hand-written loop ${fmt(median(loop))} events/s`,
  );
}
