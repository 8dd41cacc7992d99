import { test } from 'node:test';
import assert from 'node:assert/strict';
import mysql from 'mysql2/promise';
import { EXPECTED_ROWS, runScenario, startApp, storeApp, suffix } from './store-scenario.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';

async function withConn<T>(f: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

test('mariadb (jdbc:mariadb): insert, update, update or insert, delete, in, join, on-demand, restart', async () => {
  const name = `stock_${suffix()}`;
  try {
    await runScenario(
      storeApp(
        `@store(type = 'rdbms', jdbc.url = 'jdbc:mariadb://127.0.0.1:3306/test', username = 'root', password = '', table.name = '${name}')`,
      ),
    );
    const rows = await withConn(async (c) => {
      const [r] = await c.query({
        sql: `SELECT symbol, price, volume FROM \`${name}\` ORDER BY symbol`,
        rowsAsArray: true,
      });
      return (r as unknown[][]).map((x) => [x[0], Math.fround(Number(x[1])), Number(x[2])]);
    });
    assert.deepEqual(rows, EXPECTED_ROWS);
  } finally {
    await withConn((c) => c.query(`DROP TABLE IF EXISTS \`${name}\``));
  }
});

test('mysql (jdbc:mysql, native host): keys compare case-sensitively, as the engine does', async () => {
  const name = `case_${suffix()}`;
  const app = storeApp(
    `@store(type = 'rdbms', jdbc.url = 'jdbc:mysql://127.0.0.1/test?user=root', table.name = '${name}')`,
  );
  try {
    const r = await startApp(app);
    r.getInputHandler('Ins').send(['abc', 1, 1]);
    r.getInputHandler('Ins').send(['ABC', 2, 2]);
    await r.flush();
    await r.shutdown();
    const again = await startApp(app);
    assert.deepEqual(again.query('from T select symbol order by symbol'), [['ABC'], ['abc']]);
    await again.shutdown();
  } finally {
    await withConn((c) => c.query(`DROP TABLE IF EXISTS \`${name}\``));
  }
});

test('mariadb: start() before the rows are loaded is refused; startAsync() is the way', async () => {
  const name = `sync_${suffix()}`;
  const app = storeApp(
    `@store(type = 'rdbms', dialect = 'mariadb', host = '127.0.0.1', database = 'test', user = 'root', table.name = '${name}')`,
  );
  const r = new SiddhiManager({ clock: 'virtual', logger: memoryLogger() }).createSiddhiAppRuntime(app);
  assert.throws(() => r.start(), /startAsync/);
  await withConn((c) => c.query(`DROP TABLE IF EXISTS \`${name}\``));
});
