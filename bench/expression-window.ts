/**
 * npm run bench, or: node --import tsx bench/expression-window.ts [--quick]
 * `expression('count() <= HOLD')` with `sum(v)`, full (HOLD events held, each new event pushes the
 * oldest out), for HOLD = 1,000 and 100,000, and the same after `max(v) - min(v) >= 0 and` (true
 * always: the window tracks its extremes; first, since `and` does not evaluate its right side, nor
 * feed the aggregates there, when its left side is false): events/s over N events after the window
 * filled, median of 3 runs, beside a hand-written loop computing the same sums (a ring of the held
 * values).
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { fillThenTime } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 50_000 : 300_000;
const RUNS = 3;

function engineRun(hold: number, extremes: boolean): { rate: number; last: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream S (k int, v double);
@info(name='q') from S#window.expression('${extremes ? 'max(v) - min(v) >= 0 and ' : ''}count() <= ${hold}')
select sum(v) as s insert into O;`,
  );
  let last = 0;
  r.addQueryCallback('q', (_ts, inEvents) => {
    if (inEvents) last = inEvents[inEvents.length - 1]!.data[0] as number;
  });
  r.start();
  const rate = fillThenTime(r.getInputHandler('S'), hold, N, (i) => [i, i % 100]);
  void r.shutdown();
  return { rate, last };
}

function loopRun(hold: number): { rate: number; last: number } {
  const ring = new Float64Array(hold);
  let sum = 0;
  let last = 0;
  for (let i = 0; i < hold; i++) {
    ring[i] = i % 100;
    sum += i % 100;
  }
  const t = performance.now();
  for (let i = hold; i < hold + N; i++) {
    const slot = i % hold;
    sum -= ring[slot]!;
    ring[slot] = i % 100;
    sum += i % 100;
    last = sum;
  }
  const ms = performance.now() - t;
  return { rate: N / (ms / 1000), last };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
for (const [hold, extremes] of [
  [1_000, false],
  [100_000, false],
  [1_000, true],
  [100_000, true],
] as const) {
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const e = engineRun(hold, extremes);
    const l = loopRun(hold);
    if (e.last !== l.last) throw new Error(`sums differ: engine ${e.last}, loop ${l.last}`);
    engine.push(e.rate);
    loop.push(l.rate);
  }
  const condition = `${extremes ? 'max(v) - min(v) >= 0 and ' : ''}count() <= ${fmt(hold)}`;
  console.log(
    `expression('${condition}') sum, full: ${fmt(median(engine))} events/s (median of ${RUNS}) | hand-written loop ${fmt(median(loop))} events/s`,
  );
}
