/**
 * npm run bench, or: node --import tsx bench/reorder.ts [--quick]
 * `#reorder:kslack(t)` on a slightly shuffled stream (event times 10 apart, each moved by up to ±50, so
 * an event is at most ~10 places out of order): events/s over N events after a warm-up fill, median of
 * 3 runs, beside a hand-written loop doing the same K-slack with a binary heap of (time, arrival)
 * pairs. Both hash the released times in release order, and the hashes must agree.
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { fillThenTime } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 50_000 : 300_000;
const FILL = 5_000;
const RUNS = 3;
const JITTER = 50;

const timeOf = (i: number): number => 1_000 + i * 10 + ((i * 7919) % (2 * JITTER + 1)) - JITTER;
const eventOf = (i: number): unknown[] => [timeOf(i), i];
const mix = (h: number, t: number): number => (h * 31 + t) % 1_000_000_007;

function engineRun(): { rate: number; hash: number; released: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream S (t long, v int);
@info(name='q') from S#reorder:kslack(t) select t, v insert into O;`,
  );
  let hash = 0;
  let released = 0;
  r.addQueryCallback('q', (_ts, inEvents) => {
    for (const e of inEvents ?? []) {
      hash = mix(hash, e.data[0] as number);
      released++;
    }
  });
  r.start();
  const rate = fillThenTime(r.getInputHandler('S'), FILL, N, eventOf);
  void r.shutdown();
  return { rate, hash, released };
}

/**
 * K-slack by hand: one heap holds every waiting event (events that arrive below the greatest time
 * only wait, so nothing is released between two new greatest times and one heap is enough).
 */
function loopRun(): { rate: number; hash: number; released: number } {
  const times: number[] = [];
  const seqs: number[] = [];
  const less = (a: number, b: number): boolean =>
    times[a]! < times[b]! || (times[a] === times[b] && seqs[a]! < seqs[b]!);
  const swap = (a: number, b: number): void => {
    [times[a], times[b]] = [times[b]!, times[a]!];
    [seqs[a], seqs[b]] = [seqs[b]!, seqs[a]!];
  };
  const push = (t: number, s: number): void => {
    let i = times.length;
    times.push(t);
    seqs.push(s);
    while (i > 0 && less(i, (i - 1) >> 1)) {
      swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  };
  const pop = (): void => {
    const last = times.length - 1;
    swap(0, last);
    times.pop();
    seqs.pop();
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= times.length) break;
      const c = l + 1 < times.length && less(l + 1, l) ? l + 1 : l;
      if (!less(c, i)) break;
      swap(c, i);
      i = c;
    }
  };
  let greatest = 0;
  let k = 0;
  let sinceMin = Infinity;
  let hash = 0;
  let released = 0;
  const step = (i: number): void => {
    const [t] = eventOf(i) as [number, number];
    push(t, i);
    if (t < sinceMin) sinceMin = t;
    if (t > greatest) {
      greatest = t;
      if (t - sinceMin > k) k = t - sinceMin;
      sinceMin = Infinity;
      while (times.length > 0 && times[0]! + k <= greatest) {
        hash = mix(hash, times[0]!);
        released++;
        pop();
      }
    }
  };
  for (let i = 0; i < FILL; i++) step(i);
  const t = performance.now();
  for (let i = FILL; i < FILL + N; i++) step(i);
  const ms = performance.now() - t;
  return { rate: N / (ms / 1000), hash, released };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const engine: number[] = [];
const loop: number[] = [];
let released = 0;
for (let r = 0; r < RUNS; r++) {
  const e = engineRun();
  const l = loopRun();
  if (e.hash !== l.hash || e.released !== l.released) {
    throw new Error(
      `outputs differ: engine ${e.released} events (hash ${e.hash}), loop ${l.released} (hash ${l.hash})`,
    );
  }
  released = e.released;
  engine.push(e.rate);
  loop.push(l.rate);
}
console.log(
  `reorder:kslack(t), times shuffled by ±${JITTER}: ${fmt(median(engine))} events/s (median of ${RUNS}; ${fmt(released)} of ${fmt(FILL + N)} released) | hand-written heap loop ${fmt(median(loop))} events/s`,
);
