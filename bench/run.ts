/**
 * npm run bench [-- --json FILE] [--quick] [--only NAME] [--untuned]
 * Runs every standard scenario of ../shared/bench/scenarios.json (median of 5 runs) beside a
 * hand-written JavaScript loop where one exists (a loop run after each engine run; the ratio is the
 * median of the five pairs' ratios), then the project's own benchmark scripts.
 * Prints `NAME: N events/s (median of 5, min..max)` per scenario.
 * Everything runs with V8 tuned as `tributary run` and `serve` run it (`tuneV8`), the loops too;
 * `--untuned` keeps V8's defaults, as a library embedding the engine has them unless it tunes.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tuneV8, V8_TUNING_FLAGS } from '../src/engine/runtime/v8-tuning.js';
import { hasBaseline, runBaselineOnce } from './baselines.js';
import { loadScenarios, runScenarioOnce } from './scenarios.js';

const args = process.argv.slice(2);
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const RUNS = 5;
const scale = quick ? 0.1 : 1;
// Before any scenario runs: V8 reads its inlining budgets when it optimizes a function.
const tuned = !args.includes('--untuned') && tuneV8();
console.log(
  tuned
    ? `V8 tuned as tributary run and serve run it: ${V8_TUNING_FLAGS.join(' ')} (--untuned for V8's defaults)`
    : "V8's default inlining budgets (untuned)",
);

/** The collector, when node runs with --expose-gc (as `npm run bench` does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Result {
  name: string;
  eventsPerSecond: number;
  min: number;
  max: number;
  runs: number;
  baseline?: number;
  /** The median of the runs' ratios, each engine run to the loop run right after it. */
  ratio?: number;
  heapMB?: number;
}
const results: Result[] = [];

for (const s of loadScenarios()) {
  if (only && s.name !== only) continue;
  const rates: number[] = [];
  // Each engine run is followed by a run of the loop, so that each ratio compares runs seconds apart:
  // the machine's speed drifts more over a scenario's ten runs than between two neighbours.
  const base: number[] = [];
  let heapMB = 0;
  try {
    for (let r = 0; r < RUNS; r++) {
      // What the run before left (the loop's arrays) is collected first, out of this run's time and heap.
      collectGarbage?.();
      const run = runScenarioOnce(s, scale);
      await run.stopped;
      rates.push(run.eventsPerSecond);
      heapMB = Math.max(heapMB, run.heapMB);
      if (hasBaseline(s.name)) base.push(runBaselineOnce(s, scale));
    }
  } catch (e) {
    console.log(`${s.name}: not runnable yet (${(e as Error).message.split('\n')[0]})`);
    continue;
  }
  const res: Result = {
    name: s.name,
    eventsPerSecond: median(rates),
    min: Math.min(...rates),
    max: Math.max(...rates),
    runs: RUNS,
    heapMB,
  };
  let line = `${s.name}: ${fmt(res.eventsPerSecond)} events/s (median of ${RUNS}, ${fmt(res.min)}..${fmt(res.max)})`;
  if (base.length > 0) {
    const ratios = rates.map((rate, r) => rate / base[r]!);
    res.baseline = median(base);
    res.ratio = median(ratios);
    line +=
      ` | hand-written loop ${fmt(res.baseline)} events/s, ratio ${res.ratio.toFixed(2)}` +
      ` (median of ${RUNS} paired runs, ${Math.min(...ratios).toFixed(2)}..${Math.max(...ratios).toFixed(2)})`;
  }
  line += ` | heap ${heapMB.toFixed(0)} MB`;
  console.log(line);
  results.push(res);
}

// The project's own benchmark scripts: every bench/ script other than this runner and its helpers.
if (!only) {
  const dir = fileURLToPath(new URL('.', import.meta.url));
  // Compiled (npm run bench) the scripts are .js; run from source with tsx they are .ts.
  const ext = import.meta.url.endsWith('.js') ? '.js' : '.ts';
  const own = readdirSync(dir).filter(
    (f) => f.endsWith(ext) && !f.startsWith('.') && !['run', 'scenarios', 'baselines'].includes(f.slice(0, -3)),
  );
  for (const f of own.sort()) {
    const loader = ext === '.ts' ? ['--import', 'tsx'] : [];
    const v8 = tuned ? V8_TUNING_FLAGS : [];
    // --expose-gc: scripts that report heap in use collect first (bench/partition.ts, bench/join-time.ts).
    const r = spawnSync(
      process.execPath,
      ['--expose-gc', ...v8, ...loader, `${dir}${f}`, ...(quick ? ['--quick'] : [])],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    process.stdout.write(r.stdout);
  }
}

if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 1));
