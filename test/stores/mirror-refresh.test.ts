/**
 * Mirrored tables (PostgreSQL, MariaDB, Redis) read their rows again every `refresh.interval`, or
 * every `purge.interval` of a `@cache` with a retention period: rows written outside the app are
 * then seen by joins, `in` and on-demand queries. The clock is virtual; the writes from outside go
 * straight to the real databases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { createClient } from 'redis';
import type { Event } from '../../src/engine/runtime/event.js';
import type { LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { startApp, suffix } from './store-scenario.js';

async function withPg<T>(f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

function lookupApp(store: string, keyed = true): string {
  return `
define stream Probe (symbol string);
define stream Ins (symbol string, price double);
${store}
${keyed ? "@PrimaryKey('symbol')" : ''}
define table T (symbol string, price double);
@info(name = 'ins') from Ins update or insert into T set T.price = price on T.symbol == symbol;
@info(name = 'join') from Probe join T on Probe.symbol == T.symbol select Probe.symbol, T.price insert into Found;
`;
}

function joined(r: SiddhiAppRuntime): unknown[][] {
  const got: unknown[][] = [];
  r.addQueryCallback('join', (_ts, inEvents: Event[] | null) => {
    for (const e of inEvents ?? []) got.push(e.data);
  });
  return got;
}

const ALL = 'from T select symbol, price order by symbol';

test('postgresql refresh.interval: rows inserted, changed and deleted outside the app are seen after the interval', async () => {
  const name = `ext_${suffix()}`;
  await withPg(async (c) => {
    await c.query(`CREATE TABLE "${name}" (symbol VARCHAR(254) PRIMARY KEY, price DOUBLE PRECISION)`);
    await c.query(`INSERT INTO "${name}" VALUES ('IBM', 10), ('ORCL', 30)`);
  });
  const r = await startApp(
    lookupApp(
      `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:5432/test', username = 'postgres', table.name = '${name}', refresh.interval = '10 sec')`,
    ),
  );
  const found = joined(r);
  try {
    await withPg(async (c) => {
      await c.query(`INSERT INTO "${name}" VALUES ('WSO2', 55.5)`);
      await c.query(`UPDATE "${name}" SET price = 11 WHERE symbol = 'IBM'`);
      await c.query(`DELETE FROM "${name}" WHERE symbol = 'ORCL'`);
    });
    r.advanceTime(9999);
    await r.flush();
    assert.deepEqual(
      r.query(ALL),
      [
        ['IBM', 10],
        ['ORCL', 30],
      ],
      'before the interval the mirror holds what it loaded',
    );
    r.advanceTime(1);
    await r.flush();
    assert.deepEqual(r.query(ALL), [
      ['IBM', 11],
      ['WSO2', 55.5],
    ]);
    r.getInputHandler('Probe').send(['WSO2']);
    r.getInputHandler('Probe').send(['ORCL']);
    assert.deepEqual(found, [['WSO2', 55.5]]);
  } finally {
    await r.shutdown();
    await withPg((c) => c.query(`DROP TABLE IF EXISTS "${name}"`));
  }
});

test('postgresql refresh: a row the app writes while the refresh reads keeps the app value', async () => {
  const name = `race_${suffix()}`;
  await withPg(async (c) => {
    await c.query(`CREATE TABLE "${name}" (symbol VARCHAR(254) PRIMARY KEY, price DOUBLE PRECISION)`);
    await c.query(`INSERT INTO "${name}" VALUES ('IBM', 10), ('MSFT', 20)`);
  });
  const r = await startApp(
    lookupApp(
      `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:5432/test', username = 'postgres', table.name = '${name}', refresh.interval = '1 min')`,
    ),
  );
  const holder = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await holder.connect();
  try {
    // Another system holds the table while it changes MSFT: the refresh's SELECT waits for it.
    await holder.query('BEGIN');
    await holder.query(`LOCK TABLE "${name}" IN ACCESS EXCLUSIVE MODE`);
    await holder.query(`UPDATE "${name}" SET price = 21 WHERE symbol = 'MSFT'`);
    r.advanceTime(60_000);
    await withPg(async (c) => {
      const waiting = `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class t ON l.relation = t.oid WHERE t.relname = $1 AND NOT l.granted`;
      while ((await c.query(waiting, [name])).rows[0].n === 0);
    });
    // The SELECT is in flight: the app's write goes to the database after it, so the SELECT reads
    // IBM's old price; the mirror keeps the app's.
    r.getInputHandler('Ins').send(['IBM', 12]);
    await holder.query('COMMIT');
    await r.flush();
    assert.deepEqual(r.query(ALL), [
      ['IBM', 12],
      ['MSFT', 21],
    ]);
    const inDb = await withPg(
      async (c) => (await c.query(`SELECT price FROM "${name}" WHERE symbol = 'IBM'`)).rows[0].price as number,
    );
    assert.equal(inDb, 12);
  } finally {
    await holder.end();
    await r.shutdown();
    await withPg((c) => c.query(`DROP TABLE IF EXISTS "${name}"`));
  }
});

test('mariadb @cache(retention.period, purge.interval): the mirror and the cache reload every purge interval', async () => {
  const name = `cache_${suffix()}`;
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  try {
    await conn.query(`CREATE TABLE \`${name}\` (symbol VARCHAR(254) PRIMARY KEY, price DOUBLE)`);
    await conn.query(`INSERT INTO \`${name}\` VALUES ('IBM', 10)`);
    const r = await startApp(
      lookupApp(
        `@store(type = 'rdbms', jdbc.url = 'jdbc:mariadb://127.0.0.1:3306/test', username = 'root', table.name = '${name}', @cache(size = '10', retention.period = '30 sec', purge.interval = '5 sec'))`,
      ),
    );
    const found = joined(r);
    try {
      r.getInputHandler('Probe').send(['IBM']);
      await conn.query(`UPDATE \`${name}\` SET price = 15 WHERE symbol = 'IBM'`);
      r.getInputHandler('Probe').send(['IBM']);
      r.advanceTime(5000);
      await r.flush();
      r.getInputHandler('Probe').send(['IBM']);
      assert.deepEqual(found, [
        ['IBM', 10],
        ['IBM', 10],
        ['IBM', 15],
      ]);
    } finally {
      await r.shutdown();
    }
  } finally {
    await conn.query(`DROP TABLE IF EXISTS \`${name}\``);
    await conn.end();
  }
});

test('redis refresh without a primary key: external rows are seen; a refresh during an app write is dropped, the next takes', async () => {
  const prefix = `nokey_${suffix()}`;
  const c = createClient({ socket: { host: '127.0.0.1', port: 6379 } });
  await c.connect();
  const lines: LogLine[] = [];
  try {
    const r = await startApp(
      lookupApp(`@store(type = 'redis', table.name = '${prefix}', refresh.interval = '2 sec')`, false),
      lines,
    );
    try {
      r.getInputHandler('Ins').send(['IBM', 10]);
      await r.flush();
      await c.hSet(`${prefix}:external-1`, { symbol: 'WSO2', price: '5' });
      r.advanceTime(2000);
      r.getInputHandler('Ins').send(['MSFT', 20]);
      await r.flush();
      assert.deepEqual(
        r.query(ALL),
        [
          ['IBM', 10],
          ['MSFT', 20],
        ],
        'the app wrote while the refresh read: the refresh is dropped',
      );
      r.advanceTime(2000);
      await r.flush();
      assert.deepEqual(r.query(ALL), [
        ['IBM', 10],
        ['MSFT', 20],
        ['WSO2', 5],
      ]);
      // Rows read by a refresh are written back under their own keys.
      r.getInputHandler('Ins').send(['WSO2', 6]);
      await r.flush();
      assert.deepEqual({ ...(await c.hGetAll(`${prefix}:external-1`)) }, { symbol: 'WSO2', price: '6' });
      assert.deepEqual(
        lines.filter((l) => l.level !== 'info'),
        [],
      );
    } finally {
      await r.shutdown();
    }
  } finally {
    const keys = await c.keys(`${prefix}:*`);
    if (keys.length > 0) await c.del(keys);
    await c.quit();
  }
});

test('refresh.interval must be a positive duration; SQLite, which reads the database itself, warns it is unused', async () => {
  await assert.rejects(
    startApp(
      lookupApp(
        `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:5432/test', refresh.interval = 'soon')`,
      ),
    ),
    /refresh\.interval/,
  );
  const lines: LogLine[] = [];
  const r = await startApp(lookupApp(`@store(type = 'rdbms', refresh.interval = '1 sec')`), lines);
  await r.shutdown();
  assert.ok(lines.some((l) => l.level === 'warn' && /refresh\.interval not used/.test(l.msg)));
});
