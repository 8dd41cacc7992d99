import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import '../../src/stores/install.js';
import { mariadbDb, postgresDb, sqliteDb, type AggregationDb } from './aggregation-dbs.js';

const T0 = 1577836800000; // 2020-01-01T00:00:00Z
const SEC = 1000;
const MIN = 60_000;
const HOUR = 3_600_000;

function suffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

function app(store: string, name: string, purge = `@purge(enable='false')`): string {
  return `
define stream Trades (symbol string, price double, volume long, ts long);
${store}
${purge}
define aggregation ${name} from Trades
select symbol, sum(price) as total, avg(price) as avgPrice, count() as n, min(price) as low, max(price) as high,
       distinctCount(volume) as volumes, price * volume as lastValue
group by symbol aggregate by ts every sec ... day;`;
}

async function startApp(text: string, lines: LogLine[] = []): Promise<SiddhiAppRuntime> {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger(lines) }).createSiddhiAppRuntime(
    text,
  );
  await r.startAsync();
  return r;
}

function send(r: SiddhiAppRuntime, rows: readonly [string, number, number, number][]): void {
  const h = r.getInputHandler('Trades');
  for (const row of rows) h.send([...row]);
}

const per = (r: SiddhiAppRuntime, name: string, g: string): unknown[][] =>
  r.query(`from ${name} within '2020-01-** **:**:**' per '${g}' select * order by AGG_TIMESTAMP, symbol`);

/** Numbers as numbers (drivers return BIGINT as strings). */
function numeric(rows: unknown[][]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v)));
}

/**
 * Ingests, queries per seconds, minutes and hours, stops; checks the hours table; then loses the
 * running hour's row and leaves the day's stale (as a crash before they were written would), and
 * restarts on the same database: stored buckets answer, the running buckets are rebuilt from the
 * finer tables, and new events (in the running second, and late ones) continue them.
 */
async function scenario(db: AggregationDb, name: string): Promise<void> {
  const r1 = await startApp(app(db.store, name));
  send(r1, [
    ['IBM', 10, 1, T0 + 100],
    ['IBM', 20, 2, T0 + 900],
    ['WSO2', 5, 3, T0 + SEC],
    ['IBM', 30, 2, T0 + MIN + 5 * SEC],
    ['IBM', 40, 3, T0 + HOUR + 2 * SEC],
    ['WSO2', 6, 3, T0 + HOUR + 2 * SEC + 500], // the running second when the app stops
  ]);
  const seconds = [
    [T0, 'IBM', 30, 15, 2, 10, 20, 2, 40],
    [T0 + SEC, 'WSO2', 5, 5, 1, 5, 5, 1, 15],
    [T0 + MIN + 5 * SEC, 'IBM', 30, 30, 1, 30, 30, 1, 60],
    [T0 + HOUR + 2 * SEC, 'IBM', 40, 40, 1, 40, 40, 1, 120],
    [T0 + HOUR + 2 * SEC, 'WSO2', 6, 6, 1, 6, 6, 1, 18],
  ];
  const hours = [
    [T0, 'IBM', 60, 20, 3, 10, 30, 2, 60],
    [T0, 'WSO2', 5, 5, 1, 5, 5, 1, 15],
    [T0 + HOUR, 'IBM', 40, 40, 1, 40, 40, 1, 120],
    [T0 + HOUR, 'WSO2', 6, 6, 1, 6, 6, 1, 18],
  ];
  assert.deepEqual(per(r1, name, 'seconds'), seconds);
  assert.deepEqual(per(r1, name, 'minutes'), [
    [T0, 'IBM', 30, 15, 2, 10, 20, 2, 40],
    [T0, 'WSO2', 5, 5, 1, 5, 5, 1, 15],
    [T0 + MIN, 'IBM', 30, 30, 1, 30, 30, 1, 60],
    [T0 + HOUR, 'IBM', 40, 40, 1, 40, 40, 1, 120],
    [T0 + HOUR, 'WSO2', 6, 6, 1, 6, 6, 1, 18],
  ]);
  assert.deepEqual(per(r1, name, 'hours'), hours);
  await r1.shutdown();

  const t = (g: string): string => db.q(`${name}_${g}`);
  const [ts, sym, count, sum, eventTs] = [
    'AGG_TIMESTAMP',
    'symbol',
    'AGG_COUNT',
    'AGG_SUM_price',
    'AGG_EVENT_TIMESTAMP',
  ].map((c) => db.q(c));
  assert.deepEqual(numeric(await db.rows(`SELECT * FROM ${t('HOURS')} ORDER BY ${ts}, ${sym}`)), [
    [T0, T0 + MIN + 5 * SEC, 'IBM', 60, 3, 10, 30, '[1,2]', 60],
    [T0, T0 + SEC, 'WSO2', 5, 1, 5, 5, '[3]', 15],
    [T0 + HOUR, T0 + HOUR + 2 * SEC, 'IBM', 40, 1, 40, 40, '[3]', 120],
    [T0 + HOUR, T0 + HOUR + 2 * SEC + 500, 'WSO2', 6, 1, 6, 6, '[3]', 18],
  ]);
  // As if the app died before writing its running hour and day.
  await db.rows(`DELETE FROM ${t('HOURS')} WHERE ${ts} = ${T0 + HOUR}`);
  await db.rows(`UPDATE ${t('DAYS')} SET ${count} = 1, ${sum} = 1, ${eventTs} = ${T0}`);

  const r2 = await startApp(app(db.store, name));
  assert.deepEqual(per(r2, name, 'seconds'), seconds);
  assert.deepEqual(per(r2, name, 'hours'), hours);
  send(r2, [
    ['WSO2', 4, 5, T0 + HOUR + 2 * SEC + 700], // the second that was running before the restart
    ['IBM', 1, 1, T0 + 30 * SEC], // late: back into completed buckets
  ]);
  assert.deepEqual(per(r2, name, 'seconds').slice(2), [
    [T0 + 30 * SEC, 'IBM', 1, 1, 1, 1, 1, 1, 1],
    [T0 + MIN + 5 * SEC, 'IBM', 30, 30, 1, 30, 30, 1, 60],
    [T0 + HOUR + 2 * SEC, 'IBM', 40, 40, 1, 40, 40, 1, 120],
    [T0 + HOUR + 2 * SEC, 'WSO2', 10, 5, 2, 4, 6, 2, 20],
  ]);
  assert.deepEqual(per(r2, name, 'hours'), [
    [T0, 'IBM', 61, 61 / 4, 4, 1, 30, 2, 60],
    [T0, 'WSO2', 5, 5, 1, 5, 5, 1, 15],
    [T0 + HOUR, 'IBM', 40, 40, 1, 40, 40, 1, 120],
    [T0 + HOUR, 'WSO2', 10, 5, 2, 4, 6, 2, 20],
  ]);
  assert.deepEqual(
    r2.query(`from ${name} within '2020-01-01 **:**:**' per 'days' select symbol, total, n order by symbol`),
    [
      ['IBM', 101, 5],
      ['WSO2', 15, 3],
    ],
  );
  // A join reads the stored buckets with the within and per of each event.
  await r2.shutdown();
}

/** Purging deletes rows older than each granularity's retention from the tables. */
async function purging(db: AggregationDb, name: string): Promise<void> {
  const text = app(
    db.store,
    name,
    `@purge(enable='true', interval='1 min', @retentionPeriod(sec='120 sec', min='3 hours', hour='all', day='all'))`,
  );
  const r = await startApp(text);
  send(r, [
    ['IBM', 10, 1, T0 + 100],
    ['IBM', 20, 1, T0 + 5 * MIN],
  ]);
  const count = async (g: string): Promise<number> =>
    Number((await db.rows(`SELECT COUNT(*) FROM ${db.q(`${name}_${g}`)}`))[0]![0]);
  r.advanceTime(4 * MIN); // now T0+4min: the first second is older than 120 s
  await r.flush();
  assert.equal(await count('SECONDS'), 1, 'the second at T0 was purged; the running one at T0+5min was written');
  assert.deepEqual(
    per(r, name, 'seconds').map((x) => x[0]),
    [T0 + 5 * MIN],
  );
  r.advanceTime(3 * HOUR + 2 * MIN); // now T0+3h6min: both minutes are older than 3 hours
  await r.flush();
  assert.equal(await count('MINUTES'), 0);
  assert.deepEqual(per(r, name, 'minutes'), []);
  assert.deepEqual(
    per(r, name, 'hours').map((x) => x.slice(0, 3)),
    [[T0, 'IBM', 30]],
  );
  await r.shutdown();
}

describe('aggregation @store on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-aggstore-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('buckets land in <Agg>_SECONDS ... tables, survive a restart and continue', async () => {
    const file = join(dir, 'agg.sqlite');
    await scenario(sqliteDb(file), 'Stats');
    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
      assert.deepEqual(tables, ['Stats_DAYS', 'Stats_HOURS', 'Stats_MINUTES', 'Stats_SECONDS']);
      const cols = (db.prepare(`PRAGMA table_info("Stats_SECONDS")`).all() as { name: string }[]).map((c) => c.name);
      assert.deepEqual(cols, [
        'AGG_TIMESTAMP',
        'AGG_EVENT_TIMESTAMP',
        'symbol',
        'AGG_SUM_price',
        'AGG_COUNT',
        'AGG_MIN_price',
        'AGG_MAX_price',
        'AGG_SET_volume',
        'lastValue',
      ]);
    } finally {
      db.close();
    }
  });

  test('@purge deletes old rows from the tables', async () => {
    await purging(sqliteDb(join(dir, 'purge.sqlite')), 'Purged');
  });

  test("a read returns stored buckets oldest first, so a group by keeps the latest bucket's values", async () => {
    const text = `
define stream Trades (symbol string, price double, quantity int);
@store(type = 'rdbms', file = '${join(dir, 'order.sqlite')}') @purge(enable = 'false')
define aggregation Latest from Trades select symbol, sum(price) as total, price * quantity as lastValue
group by symbol aggregate every sec ... min;`;
    const r = await startApp(text);
    try {
      const h = r.getInputHandler('Trades');
      h.send(['W', 70, 10]);
      r.advanceTime(2 * SEC);
      h.send(['W', 100, 16]);
      r.advanceTime(2 * SEC);
      h.send(['I', 100, 96]);
      r.advanceTime(5 * SEC);
      assert.deepEqual(
        r.query(`from Latest within '2020-01-** **:**:**' per 'seconds' select AGG_TIMESTAMP, symbol, lastValue`),
        [
          [T0, 'W', 700],
          [T0 + 2 * SEC, 'W', 1600],
          [T0 + 4 * SEC, 'I', 9600],
        ],
      );
      assert.deepEqual(
        r.query(
          `from Latest within '2020-01-** **:**:**' per 'seconds' select symbol, sum(total) as total, lastValue group by symbol`,
        ),
        [
          ['W', 170, 1600],
          ['I', 100, 9600],
        ],
      );
    } finally {
      await r.shutdown();
    }
  });

  test('at start, finer rows newer than the last stored bucket are rolled up, completed buckets included', async () => {
    const file = join(dir, 'replay.sqlite');
    const text = `
define stream Trades (symbol string, price double, ts long);
@store(type = 'rdbms', file = '${file}') @purge(enable = 'false')
define aggregation Replay from Trades select symbol, sum(price) as total
group by symbol aggregate by ts every sec ... hour;`;
    await (await startApp(text)).shutdown();
    // Seconds written by an app that stopped before its minutes reached the table.
    const db = new Database(file);
    const insert = db.prepare(
      `INSERT INTO "Replay_SECONDS" (AGG_TIMESTAMP, AGG_EVENT_TIMESTAMP, symbol, AGG_SUM_price) VALUES (?, ?, ?, ?)`,
    );
    insert.run(T0, T0 + 100, 'A', 1);
    insert.run(T0 + SEC, T0 + SEC, 'B', 2);
    insert.run(T0 + 30 * SEC, T0 + 30 * SEC, 'A', 4);
    insert.run(T0 + MIN + 5 * SEC, T0 + MIN + 5 * SEC, 'A', 8);
    db.close();
    const r = await startApp(text);
    try {
      assert.deepEqual(
        r.query(
          `from Replay within '2020-01-** **:**:**' per 'minutes' select AGG_TIMESTAMP, symbol, total order by AGG_TIMESTAMP, symbol`,
        ),
        [
          [T0, 'A', 5],
          [T0, 'B', 2],
          [T0 + MIN, 'A', 8],
        ],
      );
      assert.deepEqual(
        r.query(`from Replay within '2020-01-** **:**:**' per 'hours' select symbol, total order by symbol`),
        [
          ['A', 13],
          ['B', 2],
        ],
      );
    } finally {
      await r.shutdown();
    }
    const stored = new Database(file, { readonly: true });
    try {
      assert.deepEqual(
        stored.prepare(`SELECT AGG_TIMESTAMP, symbol, AGG_SUM_price FROM "Replay_MINUTES" ORDER BY 1, 2`).raw().all(),
        [
          [T0, 'A', 5],
          [T0, 'B', 2],
          [T0 + MIN, 'A', 8],
        ],
      );
    } finally {
      stored.close();
    }
  });

  test('snapshots carry no buckets of a stored aggregation: restoring keeps what the database holds', async () => {
    const r = await startApp(app(`@store(type = 'rdbms', file = '${join(dir, 'snap.sqlite')}')`, 'Snap'));
    send(r, [['IBM', 10, 1, T0]]);
    const revision = await r.persistAsync();
    send(r, [['IBM', 5, 1, T0 + 200]]);
    r.restoreRevision(revision);
    send(r, [['IBM', 1, 1, T0 + 300]]);
    assert.deepEqual(r.query(`from Snap within '2020-01-01 **:**:**' per 'seconds' select AGG_TIMESTAMP, total, n`), [
      [T0, 16, 3],
    ]);
    await r.shutdown();
  });

  test('on the app clock (no aggregate by): joins read stored buckets with the within and per of each event', async () => {
    const file = join(dir, 'clock.sqlite');
    const text = `
      define stream S (symbol string, v long);
      define stream Ask (symbol string, per string);
      @store(type = 'rdbms', file = '${file}', table.name = 'Totals')
      define aggregation A from S select symbol, sum(v) as total group by symbol aggregate every sec ... hour;
      @info(name = 'q') from Ask as k join A as a on k.symbol == a.symbol
        within '2020-01-01 **:**:**' per k.per select a.AGG_TIMESTAMP as at, a.total insert into Out;`;
    const got: unknown[][] = [];
    const run = async (steps: (r: SiddhiAppRuntime) => void): Promise<void> => {
      const r = await startApp(text);
      r.addQueryCallback('q', (_t, ins) => {
        for (const e of ins ?? []) got.push(e.data);
      });
      steps(r);
      await r.shutdown();
    };
    await run((r) => {
      const s = r.getInputHandler('S');
      s.send(['A', 1]);
      r.advanceTime(1500);
      s.send(['A', 2]);
      s.send(['B', 7]);
      r.advanceTime(MIN);
      s.send(['A', 4]);
      r.getInputHandler('Ask').send(['A', 'minutes']);
    });
    assert.deepEqual(got.splice(0), [
      [T0, 3],
      [T0 + MIN, 4],
    ]);
    // The clock of the new runtime starts at T0 again: its events land in the stored buckets.
    await run((r) => {
      r.getInputHandler('S').send(['A', 10]);
      r.getInputHandler('Ask').send(['A', 'seconds']);
      r.getInputHandler('Ask').send(['A', 'hours']);
    });
    // Rows of one read come in Siddhi's order (hash order of their keys): compare them sorted.
    const seconds = got.slice(0, 3).sort((a, b) => (a[0] as number) - (b[0] as number));
    assert.deepEqual(seconds, [
      [T0, 11],
      [T0 + 1000, 2],
      [T0 + MIN + 1000, 4],
    ]);
    assert.deepEqual(got.slice(3), [[T0, 17]]);
    const db = new Database(file, { readonly: true });
    try {
      assert.deepEqual(db.prepare(`SELECT symbol, AGG_SUM_v FROM Totals_HOURS ORDER BY symbol`).raw().all(), [
        ['A', 17],
        ['B', 7],
      ]);
    } finally {
      db.close();
    }
  });
});

describe('aggregation @store on PostgreSQL', () => {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  const names: string[] = [];
  const db = postgresDb(client);
  after(async () => {
    for (const n of names) {
      for (const g of ['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) await client.query(`DROP TABLE IF EXISTS "${n}_${g}"`);
    }
    await client.end();
  });

  test('buckets land in tables, survive a restart and continue', async () => {
    await client.connect();
    const name = `Stats_${suffix()}`;
    names.push(name);
    await scenario(db, name);
  });

  test('@purge deletes old rows from the tables', async () => {
    const name = `Purged_${suffix()}`;
    names.push(name);
    await purging(db, name);
  });

  test('an unreachable database fails startAsync with where and why, without the password; start() refuses', async () => {
    const text = app(
      `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:1/test', username = 'postgres', password = 's3cret')`,
      'Nowhere',
    );
    const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
      text,
    );
    await assert.rejects(r.startAsync(), (e: Error) => {
      assert.match(
        e.message,
        /aggregation 'Nowhere': cannot load its seconds table from postgresql:\/\/127\.0\.0\.1:1\/test/,
      );
      assert.doesNotMatch(e.message, /s3cret/);
      return true;
    });
    const r2 = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
      text,
    );
    assert.throws(() => r2.start(), /has not connected yet: start the app with 'await runtime.startAsync\(\)'/);
  });
});

describe('aggregation @store on MariaDB', () => {
  const names: string[] = [];
  const db = mariadbDb();
  after(async () => {
    for (const n of names) {
      for (const g of ['SECONDS', 'MINUTES', 'HOURS', 'DAYS']) await db.rows(`DROP TABLE IF EXISTS \`${n}_${g}\``);
    }
    await db.close();
  });

  test('buckets land in tables, survive a restart and continue', async () => {
    const name = `Stats_${suffix()}`;
    names.push(name);
    await scenario(db, name);
  });

  test('@purge deletes old rows from the tables', async () => {
    const name = `Purged_${suffix()}`;
    names.push(name);
    await purging(db, name);
  });
});
