/**
 * `#rdbms:query` on SQLite: a primary-key lookup per event (`select price, volume from Stock where symbol = ?`)
 * through a running app, in events per second (median of 5), beside a hand-written better-sqlite3 loop doing
 * the same lookup with a prepared statement and building the same output rows.
 * node --import tsx bench/rdbms-query.ts [--quick]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import '../src/stores/install.js';

const quick = process.argv.includes('--quick');
const n = quick ? 20_000 : 200_000;
const KEYS = 10_000;
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-rdbms-'));
const file = join(dir, 'stock.db');
const db = new Database(file);
db.exec('CREATE TABLE Stock (symbol TEXT PRIMARY KEY, price REAL, volume INTEGER)');
const insert = db.prepare('INSERT INTO Stock VALUES (?, ?, ?)');
db.transaction(() => {
  for (let i = 0; i < KEYS; i++) insert.run(`S${i}`, i * 0.25, i * 10);
})();
const events: unknown[][] = Array.from({ length: 1000 }, (_, i) => [`S${(i * 7919) % KEYS}`, i]);

function engineRun(): number {
  const m = new SiddhiManager({ logger: memoryLogger(), datasources: { STOCK: { url: `jdbc:sqlite:${file}` } } });
  const r = m.createSiddhiAppRuntime(`
    define stream S (symbol string, seq int);
    @info(name = 'q')
    from S#rdbms:query('STOCK', 'price double, volume long', 'select price, volume from Stock where symbol = ?', symbol)
    select symbol, seq, price, volume insert into Out;`);
  let outputs = 0;
  r.addQueryCallback('q', (_t, ins) => (outputs += ins ? ins.length : 0));
  r.start();
  const s = r.getInputHandler('S');
  for (let i = 0; i < n / 10; i++) s.send(events[i % events.length]!);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) s.send(events[i % events.length]!);
  const rate = n / ((performance.now() - t0) / 1000);
  if (outputs !== n + n / 10) throw new Error(`expected ${n + n / 10} outputs, got ${outputs}`);
  void r.shutdown();
  return rate;
}

function loopRun(): number {
  const conn = new Database(file);
  const lookup = conn.prepare('select price, volume from Stock where symbol = ?').raw(true);
  let outputs = 0;
  let last: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const e = events[i % events.length]!;
    for (const row of lookup.all(e[0]) as unknown[][]) {
      last = [e[0], e[1], row[0], row[1]];
      outputs++;
    }
  }
  const rate = n / ((performance.now() - t0) / 1000);
  conn.close();
  if (outputs !== n || last.length !== 4) throw new Error('loop');
  return rate;
}

try {
  const engine: number[] = [];
  const loop: number[] = [];
  for (let r = 0; r < 5; r++) {
    engine.push(engineRun());
    loop.push(loopRun());
  }
  const e = median(engine);
  const l = median(loop);
  console.log(
    `rdbms:query on SQLite (primary-key lookup per event, ${fmt(KEYS)} rows): ${fmt(e)} events/s ` +
      `(median of 5, ${fmt(Math.min(...engine))}..${fmt(Math.max(...engine))}) | better-sqlite3 loop ${fmt(l)} events/s, ratio ${(e / l).toFixed(2)}`,
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
