/**
 * The `#rdbms:query` and `#rdbms:cud` tests every database runs (SQLite, PostgreSQL, MariaDB): each test makes
 * its own tables (unique names), runs an app against them through a named datasource, and drops them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { StreamCallback } from '../../src/engine/runtime/event.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import type { DataSourceConfig, ExtensionProperties } from '../../src/lang/datasources.js';
import '../../src/stores/install.js';

/** A database the scenario runs on, with its own client for setting up and checking tables. */
export interface TestDb {
  readonly name: string;
  readonly datasource: DataSourceConfig;
  /** A datasource that cannot be reached or opened, with a password that must appear in no message. */
  readonly unreachable: DataSourceConfig;
  /** Column types: a text of up to 40 characters, int, bigint, double, 32-bit float, boolean. */
  readonly types: { text: string; int: string; bigint: string; double: string; real: string; bool: string };
  exec(sql: string): Promise<void>;
  rows(sql: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

export const T0 = 1700000000000;

export function suffix(): string {
  return Math.random().toString(36).slice(2, 10);
}

export const CUD_ON = { 'rdbms:cud': { 'perform.CUD.operations': 'true' } };

export function manager(
  db: TestDb,
  lines: LogLine[] = [],
  extensionProperties: ExtensionProperties = CUD_ON,
): SiddhiManager {
  return new SiddhiManager({
    clock: 'virtual',
    startTime: T0,
    logger: memoryLogger(lines),
    datasources: { SHOP: db.datasource, OTHER: { url: 'jdbc:sqlite::memory:' }, DOWN: db.unreachable },
    extensionProperties,
  });
}

/** Starts the app and collects the data of the events of the named streams. */
export async function run(
  db: TestDb,
  app: string,
  streams: readonly string[],
  lines: LogLine[] = [],
): Promise<{ r: SiddhiAppRuntime; out: Record<string, unknown[][]> }> {
  const r = manager(db, lines).createSiddhiAppRuntime(app);
  const out: Record<string, unknown[][]> = {};
  for (const s of streams) {
    const got: unknown[][] = (out[s] = []);
    const callback: StreamCallback = (events) => {
      for (const e of events) got.push(e.data);
    };
    r.addCallback(s, callback);
  }
  await r.startAsync();
  return { r, out };
}

/** The items table every query test reads: one row with nulls in every column but the name. */
async function itemsTable(db: TestDb): Promise<string> {
  const t = `rq_items_${suffix()}`;
  const c = db.types;
  await db.exec(
    `CREATE TABLE ${t} (item ${c.text}, stock ${c.int}, big ${c.bigint}, price ${c.double}, weight ${c.real}, active ${c.bool})`,
  );
  await db.exec(
    `INSERT INTO ${t} (item, stock, big, price, weight, active) VALUES ` +
      `('apple', 12, 5000000000, 0.5, 0.25, ${db.name === 'postgresql' ? 'true' : '1'}), ` +
      `('pear', 0, 7, 1.75, 1.5, ${db.name === 'postgresql' ? 'false' : '0'}), ` +
      `('fig', NULL, NULL, NULL, NULL, NULL)`,
  );
  return t;
}

async function dropping(db: TestDb, tables: string[], f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } finally {
    for (const t of tables) await db.exec(`DROP TABLE IF EXISTS ${t}`);
  }
}

/** Registers the scenario's tests for one database; `db` opens it (once) and the last test closes it. */
export function rdbmsCallTests(open: () => Promise<TestDb>): void {
  let opened: Promise<TestDb> | undefined;
  const dbOf = (): Promise<TestDb> => (opened ??= open());
  const name = (what: string): string => what;

  test(name('query: each row of the SELECT is an event, the input attributes then the six types read'), async () => {
    const db = await dbOf();
    const t = await itemsTable(db);
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `define stream Tick (tag string);
         from Tick#rdbms:query('SHOP', 'item string, stock int, big long, price double, weight float, active bool',
           'select item, stock, big, price, weight, active from ${t} order by item')
         select * insert into Out;`,
        ['Out'],
      );
      r.getInputHandler('Tick').send(['t1']);
      await r.flush();
      assert.deepEqual(out.Out, [
        ['t1', 'apple', 12, 5000000000, 0.5, 0.25, true],
        // SQL NULL: null in a string, 0 in numbers, false in a bool (JDBC's getters).
        ['t1', 'fig', 0, 0, 0, 0, false],
        ['t1', 'pear', 0, 7, 1.75, 1.5, false],
      ]);
      await r.shutdown();
    });
  });

  test(name('query: parameters of the six types bind in order; without a row the event is dropped'), async () => {
    const db = await dbOf();
    const t = await itemsTable(db);
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `define stream Ask (skip string, minStock int, minBig long, maxPrice double, maxWeight float, active bool);
         from Ask#rdbms:query('SHOP', 'item string, stock int',
           'select item, stock from ${t} where item <> ? and stock >= ? and big >= ? and price <= ? and weight <= ? and active = ? order by item',
           skip, minStock, minBig, maxPrice, maxWeight, active)
         select skip, item, stock insert into Out;`,
        ['Out'],
      );
      const ask = r.getInputHandler('Ask');
      ask.send(['none', 0, 0, 10.0, 2.0, true]);
      ask.send(['none', 0, 0, 10.0, 2.0, false]);
      ask.send(['pear', 0, 0, 10.0, 2.0, false]);
      ask.send(['none', 13, 0, 10.0, 2.0, true]);
      ask.send(['none', 0, 0, 10.0, 0.25, true]);
      await r.flush();
      assert.deepEqual(out.Out, [
        ['none', 'apple', 12],
        ['none', 'pear', 0],
        ['none', 'apple', 12],
      ]);
      await r.shutdown();
    });
  });

  test(
    name('query: ack.empty.result.set true sends an event without a row once, with nulls; false drops it'),
    async () => {
      const db = await dbOf();
      const t = await itemsTable(db);
      await dropping(db, [t], async () => {
        const { r, out } = await run(
          db,
          `define stream Ask (name string);
         @info(name = 'acked')
         from Ask#rdbms:query('SHOP', 'stock int, price double', 'select stock, price from ${t} where item = ?', name, true)
         select name, stock, price insert into Acked;
         @info(name = 'plain')
         from Ask#rdbms:query('SHOP', 'stock int, price double', 'select stock, price from ${t} where item = ?', name, false)
         select name, stock, price insert into Plain;
         @info(name = 'constant')
         from Ask#rdbms:query('SHOP', 'stock int', "select stock from ${t} where item = 'kiwi'", true)
         select name, stock insert into Constant;`,
          ['Acked', 'Plain', 'Constant'],
        );
        const ask = r.getInputHandler('Ask');
        ask.send(['apple']);
        ask.send(['kiwi']);
        await r.flush();
        assert.deepEqual(out.Acked, [
          ['apple', 12, 0.5],
          ['kiwi', null, null],
        ]);
        assert.deepEqual(out.Plain, [['apple', 12, 0.5]]);
        assert.deepEqual(out.Constant, [
          ['apple', null],
          ['kiwi', null],
        ]);
        await r.shutdown();
      });
    },
  );

  test(name('query: a SELECT from an attribute runs per event'), async () => {
    const db = await dbOf();
    const t = await itemsTable(db);
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `define stream Report (id int, sql string);
         from Report#rdbms:query('SHOP', 'item string, big long', sql)
         select id, item, big insert into Out;`,
        ['Out'],
      );
      const report = r.getInputHandler('Report');
      report.send([1, `select item, big from ${t} where stock > 5`]);
      report.send([2, `select item, big from ${t} where item like 'p%'`]);
      await r.flush();
      assert.deepEqual(out.Out, [
        [1, 'apple', 5000000000],
        [2, 'pear', 7],
      ]);
      await r.shutdown();
    });
  });

  test(name('query: outputs keep the order of the inputs, chunks and single events alike'), async () => {
    const db = await dbOf();
    const t = `rq_nums_${suffix()}`;
    await db.exec(`CREATE TABLE ${t} (n ${db.types.int}, word ${db.types.text})`);
    await db.exec(
      `INSERT INTO ${t} (n, word) VALUES ${Array.from({ length: 10 }, (_, i) => `(${i}, 'w${i}')`).join(', ')}`,
    );
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `define stream Ask (i int, k int);
         from Ask#rdbms:query('SHOP', 'word string', 'select word from ${t} where n = ? or n = ? + 100 order by n', k, k)
         select i, word insert into Out;`,
        ['Out'],
      );
      const ask = r.getInputHandler('Ask');
      for (let i = 0; i < 150; i++) ask.send([i, i % 10]);
      ask.send(Array.from({ length: 150 }, (_, j) => ({ data: [150 + j, (150 + j) % 10] })));
      await r.flush();
      assert.deepEqual(
        out.Out,
        Array.from({ length: 300 }, (_, i) => [i, `w${i % 10}`]),
      );
      await r.shutdown();
    });
  });

  test(
    name('query: flush waits for answers that feed another rdbms call, whatever order the queries are written in'),
    async () => {
      const db = await dbOf();
      const t = await itemsTable(db);
      await dropping(db, [t], async () => {
        const { r, out } = await run(
          db,
          `define stream Ask (name string);
         define stream Found (name string, stock int);
         from Found#rdbms:query('SHOP', 'price double', 'select price from ${t} where item = ?', name)
         select name, stock, price insert into Out;
         from Ask#rdbms:query('SHOP', 'stock int', 'select stock from ${t} where item = ?', name)
         select name, stock insert into Found;`,
          ['Out'],
        );
        r.getInputHandler('Ask').send(['pear']);
        r.getInputHandler('Ask').send(['apple']);
        await r.flush();
        assert.deepEqual(out.Out, [
          ['pear', 0, 1.75],
          ['apple', 12, 0.5],
        ]);
        await r.shutdown();
      });
    },
  );

  test(name('cud: insert, update and delete send each event on with numRecords'), async () => {
    const db = await dbOf();
    const t = `rq_stock_${suffix()}`;
    await db.exec(`CREATE TABLE ${t} (item ${db.types.text}, qty ${db.types.int})`);
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `define stream Add (item string, qty int);
         define stream SetQty (item string, qty int);
         define stream Remove (item string);
         from Add#rdbms:cud('SHOP', 'insert into ${t} (item, qty) values (?, ?)', item, qty)
         select item, numRecords insert into Added;
         from SetQty#rdbms:cud('SHOP', 'update ${t} set qty = ? where item = ?', qty, item)
         select item, qty, numRecords insert into Updated;
         from Remove#rdbms:cud('SHOP', 'delete from ${t} where item = ?', item)
         select item, numRecords insert into Removed;`,
        ['Added', 'Updated', 'Removed'],
      );
      r.getInputHandler('Add').send([{ data: ['bolt', 5] }, { data: ['nut', 7] }, { data: ['nut', 8] }]);
      r.getInputHandler('SetQty').send(['nut', 1]);
      r.getInputHandler('SetQty').send(['gear', 1]);
      r.getInputHandler('Remove').send(['bolt']);
      r.getInputHandler('Remove').send(['bolt']);
      await r.flush();
      assert.deepEqual(out.Added, [
        ['bolt', 1],
        ['nut', 1],
        ['nut', 1],
      ]);
      assert.deepEqual(out.Updated, [
        ['nut', 1, 2],
        ['gear', 1, 0],
      ]);
      assert.deepEqual(out.Removed, [
        ['bolt', 1],
        ['bolt', 0],
      ]);
      assert.deepEqual(
        (await db.rows(`SELECT item, qty FROM ${t} ORDER BY item`)).map((x) => [x[0], Number(x[1])]),
        [
          ['nut', 1],
          ['nut', 1],
        ],
      );
      await r.shutdown();
    });
  });

  test(name('cud: with a transaction.correlation.id, rows wait for COMMIT, and ROLLBACK drops them'), async () => {
    const db = await dbOf();
    const t = `rq_tx_${suffix()}`;
    await db.exec(`CREATE TABLE ${t} (item ${db.types.text})`);
    await dropping(db, [t], async () => {
      const lines: LogLine[] = [];
      const { r, out } = await run(
        db,
        `define stream Add (item string);
         define stream Done (x int);
         define stream Undo (x int);
         from Add#rdbms:cud('SHOP', 'insert into ${t} (item) values (?)', item, 'load')
         select item, numRecords insert into Staged;
         from Done#rdbms:cud('SHOP', 'COMMIT', 'load')
         select x insert into Committed;
         from Undo#rdbms:cud('SHOP', 'rollback', 'load')
         select x insert into RolledBack;`,
        ['Staged', 'Committed', 'RolledBack'],
        lines,
      );
      const count = async (): Promise<number> => Number((await db.rows(`SELECT count(*) FROM ${t}`))[0]![0]);
      r.getInputHandler('Add').send(['a']);
      r.getInputHandler('Add').send(['b']);
      await r.flush();
      assert.equal(await count(), 0, 'not committed yet');
      r.getInputHandler('Done').send([1]);
      await r.flush();
      assert.equal(await count(), 2);
      r.getInputHandler('Add').send(['c']);
      r.getInputHandler('Undo').send([2]);
      r.getInputHandler('Add').send(['d']);
      r.getInputHandler('Done').send([3]);
      await r.flush();
      assert.deepEqual(
        (await db.rows(`SELECT item FROM ${t} ORDER BY item`)).map((x) => x[0]),
        ['a', 'b', 'd'],
      );
      assert.deepEqual(out.Staged, [
        ['a', 1],
        ['b', 1],
        ['c', 1],
        ['d', 1],
      ]);
      assert.deepEqual(out.Committed, [[1], [3]]);
      assert.deepEqual(out.RolledBack, [[2]]);
      assert.ok(lines.some((l) => l.level === 'info' && /transaction\.correlation\.id 'load'/.test(l.msg)));
      await r.shutdown();
    });
  });

  test(
    name('errors: an SQL error sends the input events to the fault stream with _error; later events go on'),
    async () => {
      const db = await dbOf();
      const t = await itemsTable(db);
      await dropping(db, [t], async () => {
        const { r, out } = await run(
          db,
          `@OnError(action = 'STREAM')
         define stream Ask (name string, tableName string);
         from Ask#rdbms:query('SHOP', 'stock int', str:concat('select stock from ', tableName, " where item = 'apple'"))
         select name, stock insert into Out;
         from !Ask select name, tableName, _error insert into Faults;`,
          ['Out', 'Faults'],
        );
        const ask = r.getInputHandler('Ask');
        ask.send(['first', t]);
        ask.send(['second', `rq_missing_${suffix()}`]);
        ask.send(['third', t]);
        await r.flush();
        assert.deepEqual(out.Out, [
          ['first', 12],
          ['third', 12],
        ]);
        assert.equal(out.Faults!.length, 1);
        const [faultName, , error] = out.Faults![0]!;
        assert.equal(faultName, 'second');
        assert.match(
          String(error),
          /^io\.siddhi\.core\.exception\.SiddhiAppRuntimeException: rdbms:query could not read from datasource 'SHOP': /,
        );
        await r.shutdown();
      });
    },
  );

  test(name('errors: a failing cud batch is rolled back and goes to the fault stream'), async () => {
    const db = await dbOf();
    const t = `rq_uniq_${suffix()}`;
    await db.exec(`CREATE TABLE ${t} (item ${db.types.text} PRIMARY KEY)`);
    await dropping(db, [t], async () => {
      const { r, out } = await run(
        db,
        `@OnError(action = 'STREAM')
         define stream Add (item string);
         from Add#rdbms:cud('SHOP', 'insert into ${t} (item) values (?)', item)
         select item, numRecords insert into Added;
         from !Add select item, _error insert into Faults;`,
        ['Added', 'Faults'],
      );
      // One chunk, one batch: the duplicate fails it, and the first row is rolled back with it.
      r.getInputHandler('Add').send([{ data: ['x'] }, { data: ['x'] }]);
      r.getInputHandler('Add').send(['y']);
      await r.flush();
      assert.deepEqual(out.Added, [['y', 1]]);
      assert.deepEqual(
        out.Faults!.map((f) => f[0]),
        ['x', 'x'],
      );
      assert.match(String(out.Faults![0]![1]), /rdbms:cud could not change datasource 'SHOP'/);
      assert.deepEqual(
        (await db.rows(`SELECT item FROM ${t} ORDER BY item`)).map((x) => x[0]),
        ['y'],
      );
      await r.shutdown();
    });
  });

  test(
    name('errors: a datasource that cannot be reached fails the events, not the app; no password in messages'),
    async () => {
      const db = await dbOf();
      const lines: LogLine[] = [];
      const { r, out } = await run(
        db,
        `@OnError(action = 'STREAM')
       define stream Ask (name string);
       from Ask#rdbms:query('DOWN', 'stock int', 'select 1')
       select name, stock insert into Out;
       from !Ask select name, _error insert into Faults;
       define stream Quiet (name string);
       from Quiet#rdbms:query('DOWN', 'stock int', 'select 1')
       select name, stock insert into QuietOut;`,
        ['Out', 'Faults'],
        lines,
      );
      r.getInputHandler('Ask').send(['a']);
      r.getInputHandler('Ask').send(['b']);
      r.getInputHandler('Quiet').send(['c']);
      await r.flush();
      assert.deepEqual(out.Out, []);
      assert.deepEqual(
        out.Faults!.map((f) => f[0]),
        ['a', 'b'],
      );
      assert.match(String(out.Faults![0]![1]), /rdbms:query could not read from datasource 'DOWN': /);
      // Without @OnError the error is logged with the stream's name.
      assert.ok(
        lines.some((l) => l.level === 'error' && l.stream === 'Quiet'),
        JSON.stringify(lines),
      );
      const secret = db.unreachable.password!;
      assert.ok(!out.Faults!.some((f) => String(f[1]).includes(secret)));
      assert.ok(!JSON.stringify(lines).includes(secret));
      await r.shutdown();
    },
  );

  test(name('close'), async () => {
    await (await dbOf()).close();
  });
}

/** Asserts that creating `app` fails with a message matching `message` at the given line and column. */
export function assertRefused(m: SiddhiManager, app: string, message: RegExp, line: number, column: number): void {
  assert.throws(
    () => m.createSiddhiAppRuntime(app),
    (e: unknown) => {
      assert.ok(e instanceof SiddhiAppCreationError, String(e));
      const d = e.diagnostics.find((x) => message.test(x.message));
      assert.ok(d, `no diagnostic matches ${message}: ${e.diagnostics.map((x) => x.message).join(' | ')}`);
      assert.deepEqual([d.line, d.column], [line, column], d.message);
      return true;
    },
  );
}
