/**
 * npm run bench, or: node --import tsx bench/snapshot-output.ts [--quick]
 * `from S#window.length(HOLD) select k, v output snapshot every 10 sec insert all events`, full (each
 * new event pushes the oldest out, which the snapshot limiter lets go of too), for HOLD = 1,000 and
 * 100,000: events/s over N events after the window filled, then one snapshot; median of 3 runs,
 * beside a hand-written loop keeping the same window (a ring of the last HOLD events).
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { fillThenTime } from './scenarios.js';

const quick = process.argv.includes('--quick');
const N = quick ? 50_000 : 300_000;
const RUNS = 3;

function engineRun(hold: number): { rate: number; first: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream S (k int, v double);
@info(name='q') from S#window.length(${hold}) select k, v output snapshot every 10 sec insert all events into O;`,
  );
  let first = -1;
  r.addQueryCallback('q', (_ts, inEvents) => {
    if (inEvents && first < 0) first = inEvents[0]!.data[0] as number;
  });
  r.start();
  const rate = fillThenTime(r.getInputHandler('S'), hold, N, (i) => [i, i % 100]);
  r.advanceTime(10_000);
  void r.shutdown();
  return { rate, first };
}

function loopRun(hold: number): { rate: number; first: number } {
  const ring: unknown[][] = new Array<unknown[]>(hold);
  for (let i = 0; i < hold; i++) ring[i] = [i, i % 100];
  const t = performance.now();
  for (let i = hold; i < hold + N; i++) ring[i % hold] = [i, i % 100];
  const ms = performance.now() - t;
  return { rate: N / (ms / 1000), first: ring[(hold + N) % hold]![0] as number };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
for (const hold of [1_000, 100_000]) {
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const e = engineRun(hold);
    const l = loopRun(hold);
    if (e.first !== l.first) throw new Error(`snapshots differ: engine's starts at ${e.first}, loop's at ${l.first}`);
    engine.push(e.rate);
    loop.push(l.rate);
  }
  console.log(
    `length(${fmt(hold)}) output snapshot every 10 sec: ${fmt(median(engine))} events/s (median of ${RUNS}) | hand-written loop ${fmt(median(loop))} events/s`,
  );
}
