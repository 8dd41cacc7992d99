/**
 * Refreshing a mirrored PostgreSQL table (`refresh.interval`): the time one refresh of 10,000 rows
 * takes when nothing changed outside the app and when 100 rows did, beside the bare `SELECT` of the
 * same rows with the `pg` client (the baseline: what reading them costs without the engine).
 * Needs the PostgreSQL on 127.0.0.1:5432 (db test, user postgres); prints a line saying so without it.
 * Run: node --import tsx bench/mirror-refresh.ts [--quick]
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import '../src/stores/install.js';

const quick = process.argv.includes('--quick');
const rows = quick ? 2_000 : 10_000;
const runs = 5;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  try {
    await client.connect();
  } catch (e) {
    console.log(`mirror refresh: not run (no PostgreSQL on 127.0.0.1:5432: ${(e as Error).message})`);
    return;
  }
  const table = `bench_refresh_${process.pid}`;
  try {
    await client.query(`CREATE TABLE "${table}" (symbol VARCHAR(254) PRIMARY KEY, price DOUBLE PRECISION)`);
    await client.query(`INSERT INTO "${table}" SELECT 'k' || i, i * 0.5 FROM generate_series(0, ${rows - 1}) AS i`);
    const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(`
      @store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:5432/test', username = 'postgres',
             table.name = '${table}', refresh.interval = '1 sec')
      @PrimaryKey('symbol') define table T (symbol string, price double);`);
    await r.startAsync();
    const refresh = async (): Promise<number> => {
      const t0 = performance.now();
      r.advanceTime(1000);
      await r.flush();
      return performance.now() - t0;
    };
    await refresh();
    const same: number[] = [];
    const changed: number[] = [];
    const select: number[] = [];
    for (let i = 0; i < runs; i++) {
      same.push(await refresh());
      await client.query(
        `UPDATE "${table}" SET price = price + 1 WHERE symbol IN (SELECT 'k' || (i * 97) FROM generate_series(0, 99) AS i)`,
      );
      changed.push(await refresh());
      const t0 = performance.now();
      await client.query({ text: `SELECT "symbol", "price" FROM "${table}"`, rowMode: 'array' });
      select.push(performance.now() - t0);
    }
    if (r.query(`from T on symbol == 'k97' select price`)[0]![0] !== 97 * 0.5 + runs) throw new Error('refresh missed');
    await r.shutdown();
    console.log(
      `mirror refresh (PostgreSQL, ${rows.toLocaleString('en-US')} rows, median of ${runs}): ` +
        `${median(same).toFixed(1)} ms unchanged, ${median(changed).toFixed(1)} ms with 100 rows changed | ` +
        `bare pg SELECT of the rows ${median(select).toFixed(1)} ms`,
    );
  } finally {
    await client.query(`DROP TABLE IF EXISTS "${table}"`).catch(() => undefined);
    await client.end();
  }
}

await main();
