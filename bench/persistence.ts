/**
 * Persistence benchmark: an app holding a table of 100k rows and two small windows. Measures the time
 * of persist() and of restoring into a fresh runtime, and the snapshot size, for full snapshots and
 * for incremental persistence (a base, then an increment after 100 window events that leave the table
 * unchanged). The store is the in-memory one, so the numbers are the engine's (serialising, hashing,
 * restoring), not a disk's. Median of 5.
 * Run: node --import tsx bench/persistence.ts [--quick]
 */
import { performance } from 'node:perf_hooks';
import { InMemoryPersistenceStore } from '../src/engine/persistence/persistence-store.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../src/engine/app/siddhi-app-runtime.js';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';

const quick = process.argv.includes('--quick');
const ROWS = quick ? 10_000 : 100_000;
const RUNS = 5;

const APP = `@app:name('PersistBench')
define stream Load (id long, name string, price double);
define stream S (symbol string, price double);
define table T (id long, name string, price double);
from Load insert into T;
from S#window.length(50) select symbol, avg(price) as a insert into A;
from S#window.time(1 min) select count() as n insert into B;`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number): string => `${n.toFixed(2)} ms`;

function runtime(store: InMemoryPersistenceStore, incremental: boolean): SiddhiAppRuntime {
  const m = new SiddhiManager({
    clock: 'virtual',
    startTime: 0,
    logger: memoryLogger(),
    persistenceStore: store,
    ...(incremental ? { incrementalPersistence: { fullSnapshotEvery: 1000 } } : {}),
  });
  const r = m.createSiddhiAppRuntime(APP);
  r.start();
  return r;
}

function loaded(store: InMemoryPersistenceStore, incremental: boolean): SiddhiAppRuntime {
  const r = runtime(store, incremental);
  const load = r.getInputHandler('Load');
  for (let i = 0; i < ROWS; i++) load.send([i, `name-${i}`, i * 0.25]);
  windowEvents(r);
  return r;
}

function windowEvents(r: SiddhiAppRuntime): void {
  const s = r.getInputHandler('S');
  for (let i = 0; i < 100; i++) s.send([`s${i % 7}`, i]);
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

function restoreTime(store: InMemoryPersistenceStore, revision: string): number {
  const fresh = runtime(store, false);
  const [, t] = timed(() => fresh.restoreRevision(revision));
  if (fresh.query('from T select count() as n')[0]![0] !== ROWS) throw new Error('restore lost rows');
  return t;
}

const full = { persist: [] as number[], restore: [] as number[], bytes: 0 };
const base = { persist: [] as number[], bytes: 0 };
const inc = { persist: [] as number[], restore: [] as number[], bytes: 0 };
for (let run = 0; run < RUNS; run++) {
  const fs = new InMemoryPersistenceStore();
  const f = loaded(fs, false);
  const [fr, ft] = timed(() => f.persist());
  full.persist.push(ft);
  full.bytes = fs.load('PersistBench', fr)!.byteLength;
  full.restore.push(restoreTime(fs, fr));

  const is = new InMemoryPersistenceStore();
  const i = loaded(is, true);
  const [br, bt] = timed(() => i.persist());
  base.persist.push(bt);
  base.bytes = is.load('PersistBench', br)!.byteLength;
  windowEvents(i);
  const [ir, it] = timed(() => i.persist());
  if (!ir.endsWith('_I')) throw new Error('expected an increment');
  inc.persist.push(it);
  inc.bytes = is.load('PersistBench', ir)!.byteLength;
  inc.restore.push(restoreTime(is, ir));
}

const rows = ROWS.toLocaleString('en-US');
console.log(
  `persistence full (${rows} table rows + 2 windows): persist ${ms(median(full.persist))}, restore ${ms(median(full.restore))}, snapshot ${kb(full.bytes)}`,
);
console.log(`persistence incremental base: persist ${ms(median(base.persist))}, revision ${kb(base.bytes)}`);
console.log(
  `persistence incremental increment (100 window events, table unchanged): persist ${ms(median(inc.persist))}, revision ${kb(inc.bytes)} (${((inc.bytes / full.bytes) * 100).toFixed(2)}% of full), restore base+increment ${ms(median(inc.restore))}`,
);
