/**
 * node --import tsx bench/aggregation.ts
 * Incremental aggregation ingest: a day of per-second events (86,400 seconds x GROUPS symbols,
 * `aggregate by ts every sec ... year` with sum, avg, count, min, max and a latest value), sent in
 * chunks of 100; prints events/s (median of RUNS), then the time of an on-demand
 * `within '2020-01-01 **:**:**' per 'hours'` read over that day, and of the same `per 'seconds'`.
 * Then the same with `@store(type='rdbms')` on a SQLite file (buckets written to the
 * `A_SECONDS` ... `A_YEARS` tables as they complete; reads are SQL range queries).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../src/engine/app/siddhi-app-runtime.js';
import '../src/stores/install.js';

const GROUPS = Number(process.env.GROUPS ?? 4);
const RUNS = Number(process.env.RUNS ?? 3);
const CHUNK = 100;
const T0 = 1577836800000;
const SECONDS = 86_400;
const STREAM = `define stream Trades (symbol string, price double, volume int, ts long);`;
const AGGREGATION = `define aggregation A from Trades
select symbol, sum(price) as total, avg(price) as avgPrice, count() as n, min(price) as low, max(price) as high,
       price * volume as lastValue
group by symbol aggregate by ts every sec ... year;`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

async function load(app: string): Promise<{ runtime: SiddhiAppRuntime; ms: number }> {
  const runtime = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
    app,
  );
  await runtime.startAsync();
  const h = runtime.getInputHandler('Trades');
  const symbols = Array.from({ length: GROUPS }, (_, i) => `S${i}`);
  const chunk: { timestamp: number; data: unknown[] }[] = [];
  const began = performance.now();
  for (let s = 0; s < SECONDS; s++) {
    for (let g = 0; g < GROUPS; g++) {
      chunk.push({ timestamp: T0, data: [symbols[g], 100 + ((s * 7 + g) % 13), 1 + (s % 5), T0 + s * 1000 + g] });
      if (chunk.length === CHUNK) h.send(chunk.splice(0));
    }
  }
  if (chunk.length > 0) h.send(chunk.splice(0));
  await runtime.flush();
  return { runtime, ms: performance.now() - began };
}

const events = SECONDS * GROUPS;

async function bench(label: string, app: () => string): Promise<void> {
  const times: number[] = [];
  let last: SiddhiAppRuntime | undefined;
  for (let i = 0; i < RUNS; i++) {
    await last?.shutdown();
    const { runtime, ms } = await load(app());
    times.push(ms);
    last = runtime;
  }
  const ms = median(times);
  console.log(
    `${label} ingest: ${events} events (${GROUPS} groups, 6 granularities) in ${ms.toFixed(0)} ms: ${Math.round(events / (ms / 1000))} events/s`,
  );
  for (const per of ['hours', 'seconds']) {
    const q = `from A within '2020-01-01 **:**:**' per '${per}' select AGG_TIMESTAMP, symbol, total, avgPrice`;
    const qt: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      const began = performance.now();
      rows = last!.query(q).length;
      qt.push(performance.now() - began);
    }
    console.log(`${label} per '${per}' over the day: ${rows} rows in ${median(qt).toFixed(2)} ms`);
  }
  await last!.shutdown();
}

await bench('aggregation (in memory)', () => `${STREAM}\n${AGGREGATION}`);
const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-agg-'));
let n = 0;
try {
  await bench(
    'aggregation (@store SQLite)',
    () => `${STREAM}\n@store(type = 'rdbms', jdbc.url = 'jdbc:sqlite:${join(dir, `agg${n++}.db`)}')\n${AGGREGATION}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
