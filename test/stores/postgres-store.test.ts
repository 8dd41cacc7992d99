import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { LogLine } from '../../src/engine/runtime/logger.js';
import { EXPECTED_ROWS, runScenario, sendAll, startApp, storeApp, suffix } from './store-scenario.js';

const URL = 'jdbc:postgresql://127.0.0.1:5432/test';

async function withClient<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

test('postgresql: insert, update, update or insert, delete, in, join, on-demand, restart', async () => {
  const name = `stock_${suffix()}`;
  try {
    await runScenario(
      storeApp(
        `@store(type = 'rdbms', jdbc.url = '${URL}', username = 'postgres', password = '', table.name = '${name}', field.length = 'symbol:20')`,
      ),
    );
    await withClient(async (c) => {
      const r = await c.query({
        text: `SELECT symbol, price, volume FROM "${name}" ORDER BY symbol`,
        rowMode: 'array',
      });
      assert.deepEqual(
        r.rows.map((x: unknown[]) => [x[0], Math.fround(Number(x[1])), Number(x[2])]),
        EXPECTED_ROWS,
      );
      const col = await c.query(
        `SELECT character_maximum_length FROM information_schema.columns WHERE table_name = $1 AND column_name = 'symbol'`,
        [name],
      );
      assert.equal(col.rows[0].character_maximum_length, 20);
      const idx = await c.query(`SELECT indexname FROM pg_indexes WHERE tablename = $1`, [name]);
      assert.ok(idx.rows.some((i: { indexname: string }) => i.indexname === `${name}_volume_idx`));
    });
  } finally {
    await withClient((c) => c.query(`DROP TABLE IF EXISTS "${name}"`));
  }
});

test('postgresql (native options): writes reach the database in order before flush resolves', async () => {
  const name = `seq_${suffix()}`;
  const app = storeApp(
    `@store(type = 'rdbms', dialect = 'postgresql', host = '127.0.0.1', port = '5432', database = 'test', user = 'postgres', table.name = '${name}')`,
  );
  try {
    const r = await startApp(app);
    for (let i = 0; i < 200; i++) r.getInputHandler('Ups').send(['K', i, i]);
    sendAll(r, 'Ins', [
      ['A', 1, 1],
      ['B', 2, 2],
    ]);
    r.getInputHandler('Del').send(['A']);
    await r.flush();
    const rows = await withClient(async (c) =>
      (await c.query({ text: `SELECT symbol, volume FROM "${name}" ORDER BY symbol`, rowMode: 'array' })).rows.map(
        (x: unknown[]) => [x[0], Number(x[1])],
      ),
    );
    assert.deepEqual(rows, [
      ['B', 2],
      ['K', 199],
    ]);
    await r.shutdown();
  } finally {
    await withClient((c) => c.query(`DROP TABLE IF EXISTS "${name}"`));
  }
});

test('postgresql: a wrong password fails startAsync without the password in the message or logs', async () => {
  const secret = `S3cret${suffix()}`;
  const lines: LogLine[] = [];
  const app = storeApp(
    `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:1/test', username = 'postgres', password = '${secret}')`,
  );
  await assert.rejects(startApp(app, lines), (e: Error) => {
    assert.match(e.message, /cannot load from postgresql:\/\/127\.0\.0\.1:1\/test/);
    assert.ok(!e.message.includes(secret));
    return true;
  });
  assert.ok(!JSON.stringify(lines).includes(secret));
});

test('postgresql: a row with null in a non-string attribute never reaches the mirror or the database', async () => {
  const name = `nulls_${suffix()}`;
  const lines: LogLine[] = [];
  const app = storeApp(
    `@store(type = 'rdbms', jdbc.url = '${URL}', username = 'postgres', password = '', table.name = '${name}')`,
  );
  try {
    const r = await startApp(app, lines);
    sendAll(r, 'Ins', [
      ['A', 1, null],
      ['B', 2, 2],
    ]);
    r.getInputHandler('Ups').send(['C', null, 3]);
    assert.deepEqual(r.query('from T select symbol, price, volume'), [['B', 2, 2]]);
    await r.shutdown();
    const rows = await withClient(
      async (c) => (await c.query({ text: `SELECT symbol FROM "${name}"`, rowMode: 'array' })).rows,
    );
    assert.deepEqual(rows, [['B']]);
    assert.equal(lines.filter((l) => l.level === 'error' && /allow\.null\.values/.test(l.msg)).length, 2);
  } finally {
    await withClient((c) => c.query(`DROP TABLE IF EXISTS "${name}"`));
  }
});
