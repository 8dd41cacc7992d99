/**
 * Tables and aggregations on named datasources (`@store(type='rdbms', datasource='NAME')`, `jndi.resource`),
 * against the machine's SQLite, PostgreSQL and MariaDB.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import mysql from 'mysql2/promise';
import Database from 'better-sqlite3';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { DataSourceConfig } from '../../src/lang/datasources.js';
import '../../src/stores/install.js';
import { suffix, T0 } from './store-scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-datasource-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function pgRows(sql: string): Promise<unknown[][]> {
  const c = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await c.connect();
  try {
    return (await c.query({ text: sql, rowMode: 'array' })).rows as unknown[][];
  } finally {
    await c.end();
  }
}

async function mariaRows(sql: string): Promise<unknown[][]> {
  const c = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  try {
    const [r] = await c.query({ sql, rowsAsArray: true });
    return Array.isArray(r) ? (r as unknown[][]) : [];
  } finally {
    await c.end();
  }
}

/** A database of the machine: the datasource reaching it and raw SQL to look at what the app wrote. */
interface Db {
  readonly name: string;
  readonly datasource: DataSourceConfig;
  rows(sql: string): Promise<unknown[][]>;
  q(id: string): string;
}

const sqlite: Db = {
  name: 'SQLite',
  datasource: { url: `jdbc:sqlite:${join(dir, 'sales.db')}`, driver: 'org.sqlite.JDBC' },
  rows: (sql) => {
    const db = new Database(join(dir, 'sales.db'));
    try {
      const st = db.prepare(sql);
      return Promise.resolve(st.reader ? (st.raw().all() as unknown[][]) : (st.run(), []));
    } finally {
      db.close();
    }
  },
  q: (id) => `"${id}"`,
};

const postgres: Db = {
  name: 'PostgreSQL',
  datasource: {
    url: 'jdbc:postgresql://127.0.0.1:5432/test',
    username: 'postgres',
    password: '',
    driver: 'org.postgresql.Driver',
    jndiName: 'jdbc/SalesPg',
  },
  rows: pgRows,
  q: (id) => `"${id}"`,
};

const mariadb: Db = {
  name: 'MariaDB',
  datasource: {
    url: 'jdbc:mariadb://127.0.0.1:3306/test',
    username: 'root',
    password: '',
    driver: 'org.mariadb.jdbc.Driver',
    jndiName: 'jdbc/SalesMaria',
  },
  rows: mariaRows,
  q: (id) => `\`${id}\``,
};

function manager(db: Db, lines: LogLine[] = []): SiddhiManager {
  return new SiddhiManager({
    clock: 'virtual',
    startTime: T0,
    logger: memoryLogger(lines),
    datasources: { SALES_DB: db.datasource },
  });
}

const tableApp = (store: string, table: string): string => `@app:name('SalesOnDatasource')
define stream Sales (item string, qty int);
define stream Returns (item string);
${store.replace('TABLE', table)}
@PrimaryKey('item')
define table SalesTable (item string, qty int);
from Sales select item, qty update or insert into SalesTable on SalesTable.item == item;
from Returns delete SalesTable on SalesTable.item == item;`;

/** Writes through the app, reads through a query, then again after a restart (the rows come from the database). */
async function tableScenario(db: Db, store: string): Promise<void> {
  const table = `sales_${suffix()}`;
  const lines: LogLine[] = [];
  try {
    const r = manager(db, lines).createSiddhiAppRuntime(tableApp(store, table));
    await r.startAsync();
    const sales = r.getInputHandler('Sales');
    for (const row of [
      ['tea', 3],
      ['cake', 1],
      ['pie', 2],
      ['tea', 5],
    ])
      sales.send(row);
    r.getInputHandler('Returns').send(['pie']);
    await r.flush();
    assert.deepEqual(r.query('from SalesTable select item, qty order by item'), [
      ['cake', 1],
      ['tea', 5],
    ]);
    await r.shutdown();
    assert.deepEqual(
      (await db.rows(`SELECT item, qty FROM ${db.q(table)} ORDER BY item`)).map((x) => [x[0], Number(x[1])]),
      [
        ['cake', 1],
        ['tea', 5],
      ],
    );
    const again = manager(db, lines).createSiddhiAppRuntime(tableApp(store, table));
    await again.startAsync();
    assert.deepEqual(again.query(`from SalesTable on qty > 2 select item, qty`), [['tea', 5]]);
    await again.shutdown();
    assert.deepEqual(
      lines.filter((l) => l.level === 'warn' || l.level === 'error'),
      [],
    );
  } finally {
    await db.rows(`DROP TABLE IF EXISTS ${db.q(table)}`);
  }
}

describe('a table on a datasource', () => {
  for (const db of [sqlite, postgres, mariadb]) {
    test(`${db.name}: @store(type='rdbms', datasource='SALES_DB') writes and reads the datasource's database`, () =>
      tableScenario(db, "@store(type='rdbms', datasource='SALES_DB', table.name='TABLE')"));
  }

  test("PostgreSQL: jndi.resource='jdbc/SalesPg' finds the datasource of that JNDI name", () =>
    tableScenario(postgres, "@store(type='rdbms', jndi.resource='jdbc/SalesPg', table.name='TABLE')"));

  test("MariaDB: jndi.resource='java:comp/env/jdbc/SalesMaria', the Carbon JNDI way of writing it", () =>
    tableScenario(mariadb, "@store(type='rdbms', jndi.resource='java:comp/env/jdbc/SalesMaria', table.name='TABLE')"));

  test('as in Siddhi, the datasource wins over a jdbc.url written beside it', () =>
    tableScenario(
      postgres,
      "@store(type='rdbms', jdbc.url='jdbc:mysql://127.0.0.1:1/nowhere', username='x', password='y', datasource='SALES_DB', table.name='TABLE')",
    ));
});

const aggregationApp = (name: string): string => `
define stream Trades (symbol string, price double, ts long);
@store(type='rdbms', datasource='SALES_DB')
@purge(enable='false')
define aggregation ${name} from Trades
select symbol, sum(price) as total, count() as n
group by symbol aggregate by ts every sec ... hour;`;

async function aggregationScenario(db: Db): Promise<void> {
  const name = `Stats${suffix()}`;
  const tables = ['SECONDS', 'MINUTES', 'HOURS'].map((g) => `${name}_${g}`);
  try {
    const send = (r: SiddhiAppRuntime, rows: [string, number, number][]): void => {
      for (const row of rows) r.getInputHandler('Trades').send(row);
    };
    const perMinute = `from ${name} within '2020-01-01 **:**:**' per 'minutes' select AGG_TIMESTAMP, symbol, total, n order by AGG_TIMESTAMP, symbol`;
    const r = manager(db).createSiddhiAppRuntime(aggregationApp(name));
    await r.startAsync();
    send(r, [
      ['IBM', 10, T0 + 100],
      ['IBM', 20, T0 + 40_000],
      ['WSO2', 5, T0 + 61_000],
      ['IBM', 1, T0 + 3_600_000],
    ]);
    const expected = [
      [T0, 'IBM', 30, 2],
      [T0 + 60_000, 'WSO2', 5, 1],
      [T0 + 3_600_000, 'IBM', 1, 1],
    ];
    assert.deepEqual(r.query(perMinute), expected);
    await r.shutdown();
    // The completed hour is in the datasource's database.
    assert.deepEqual(
      (
        await db.rows(
          `SELECT ${db.q('AGG_TIMESTAMP')}, ${db.q('symbol')}, ${db.q('AGG_SUM_price')} FROM ${db.q(tables[2]!)} ORDER BY 1, 2`,
        )
      ).map((x) => x.map((v) => (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : v))),
      [
        [T0, 'IBM', 30],
        [T0, 'WSO2', 5],
        [T0 + 3_600_000, 'IBM', 1],
      ],
    );
    // A restart answers from the stored buckets.
    const again = manager(db).createSiddhiAppRuntime(aggregationApp(name));
    await again.startAsync();
    assert.deepEqual(again.query(perMinute), expected);
    await again.shutdown();
  } finally {
    for (const t of tables) await db.rows(`DROP TABLE IF EXISTS ${db.q(t)}`);
  }
}

describe('an aggregation on a datasource', () => {
  for (const db of [sqlite, postgres, mariadb]) {
    test(`${db.name}: @store(type='rdbms', datasource='SALES_DB') on define aggregation keeps its buckets there`, () =>
      aggregationScenario(db));
  }
});

describe("a datasource's password", () => {
  test('is in no error or log line when the connection fails', async () => {
    const secret = `S3cret${suffix()}`;
    for (const datasource of [
      { url: 'jdbc:postgresql://127.0.0.1:1/test', username: 'postgres', password: secret },
      { url: `jdbc:postgresql://postgres:${secret}@127.0.0.1:1/test` },
    ]) {
      const lines: LogLine[] = [];
      const m = new SiddhiManager({
        clock: 'virtual',
        startTime: T0,
        logger: memoryLogger(lines),
        datasources: { SALES_DB: datasource },
      });
      const r = m.createSiddhiAppRuntime(tableApp("@store(type='rdbms', datasource='SALES_DB')", 'x'));
      await assert.rejects(r.startAsync(), (e: Error) => {
        assert.match(e.message, /cannot load from postgresql:\/\/127\.0\.0\.1:1\/test/);
        assert.ok(!e.message.includes(secret), e.message);
        return true;
      });
      assert.ok(!JSON.stringify(lines).includes(secret));
      await r.shutdown();
    }
  });
});
