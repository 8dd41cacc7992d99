/**
 * The runner the function benches share: the events/s of an app's query `q` fed through stream `S`, beside
 * the events/s of a hand-written JavaScript baseline doing the same work, each the median of 5 runs.
 */
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { sendRate } from './scenarios.js';

export interface FunctionBench {
  /** What the printed line starts with. */
  readonly label: string;
  /** The app: a stream `S` and a query named `q`. */
  readonly app: string;
  /** The events sent, cycled through. */
  readonly events: readonly unknown[][];
  /** How many outputs `q` gives for `n` timed events (sendRate sends n / 10 untimed warm-up events first). */
  readonly expectedOutputs: (n: number) => number;
  /** The hand-written baseline: the same work for `n` events (timed by the runner), checking its own result. */
  readonly baseline: (n: number) => void;
}

/** Runs a function bench: 100,000 events a run with `--quick` on the command line, else 1,000,000. */
export function runFunctionBench(bench: FunctionBench): void {
  const n = process.argv.includes('--quick') ? 100_000 : 1_000_000;
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < 5; r++) {
    engine.push(engineRun(bench, n));
    loop.push(baselineRun(bench, n));
  }
  const e = median(engine);
  const l = median(loop);
  const f = (x: number): string => Math.round(x).toLocaleString('en-US');
  console.log(
    `${bench.label}: ${f(e)} events/s (median of 5, ${f(Math.min(...engine))}..${f(Math.max(...engine))}) | plain JS ${f(l)} events/s, ratio ${(e / l).toFixed(2)}`,
  );
}

function engineRun(bench: FunctionBench, n: number): number {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const r = m.createSiddhiAppRuntime(bench.app);
  let outputs = 0;
  r.addQueryCallback('q', (_t, i) => (outputs += i ? i.length : 0));
  r.start();
  const rate = sendRate(r.getInputHandler('S'), bench.events, n);
  const expected = bench.expectedOutputs(n);
  if (outputs !== expected) throw new Error(`expected ${expected} outputs, got ${outputs}`);
  void r.shutdown();
  return rate;
}

function baselineRun(bench: FunctionBench, n: number): number {
  const t0 = performance.now();
  bench.baseline(n);
  return n / ((performance.now() - t0) / 1000);
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
