import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expression } from '../../src/lang/ast.js';
import { parseExpression } from '../../src/lang/parser/index.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { builtinRegistry } from '../../src/engine/builtins.js';
import { RegistryCallResolver } from '../../src/engine/app/call-resolver.js';
import { streamScope } from '../../src/engine/app/stream-scope.js';
import { InMemoryTable } from '../../src/engine/table/in-memory-table.js';
import type { ConditionContext } from '../../src/engine/table/table.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';

const T0 = 1577836800000;

function expr(text: string): Expression {
  const { expression, diagnostics } = parseExpression(text);
  assert.deepEqual(diagnostics, []);
  return expression!;
}

const resolver = new RegistryCallResolver(builtinRegistry(), () => T0);

/** The condition context of a query whose output event is (symbol string, volume long). */
function cc(): ConditionContext {
  const outer = streamScope(
    ['S'],
    [
      { name: 'symbol', type: 'string' },
      { name: 'volume', type: 'long' },
    ],
  );
  return { names: ['T'], outer, resolver };
}

function stockTable(log = memoryLogger(), primaryKey = [0], indexes = [2]): InMemoryTable {
  return new InMemoryTable(
    {
      id: 'T',
      attributes: [
        { name: 'symbol', type: 'string' },
        { name: 'price', type: 'double' },
        { name: 'volume', type: 'long' },
      ],
      primaryKey,
      indexes,
    },
    log,
  );
}

function fill(t: InMemoryTable, n: number): void {
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) rows.push([`s${i}`, i * 1.5, i % 10]);
  t.insert(rows);
}

describe('InMemoryTable lookups', () => {
  test('primary key equality reads one row, not the table', () => {
    const t = stockTable();
    fill(t, 1000);
    const cond = t.compileCondition(expr('T.symbol == symbol'), cc());
    assert.equal(cond.plan, 'primaryKey');
    const before = t.rowsExamined;
    assert.deepEqual(t.find(cond, ['s500', 0], T0), [['s500', 750, 0]]);
    assert.equal(t.rowsExamined - before, 1);
    assert.deepEqual(t.find(cond, ['nope', 0], T0), []);
    assert.deepEqual(t.find(cond, [null, 0], T0), []);
    assert.equal(t.rowsExamined - before, 1);
  });

  test('the key may be on either side, and other conjuncts still apply', () => {
    const t = stockTable();
    fill(t, 100);
    const cond = t.compileCondition(expr('T.price > 10 and symbol == T.symbol'), cc());
    assert.equal(cond.plan, 'primaryKey');
    assert.deepEqual(t.find(cond, ['s4', 0], T0), []);
    assert.deepEqual(t.find(cond, ['s40', 0], T0), [['s40', 60, 0]]);
    assert.equal(t.rowsExamined, 2);
  });

  test('an indexed attribute reads only its rows; other conditions scan', () => {
    const t = stockTable();
    fill(t, 1000);
    const byVolume = t.compileCondition(expr('T.volume == volume'), cc());
    assert.equal(byVolume.plan, 'index:volume');
    assert.equal(t.find(byVolume, ['x', 3], T0).length, 100);
    assert.equal(t.rowsExamined, 100);
    const scan = t.compileCondition(expr('T.price < 3'), cc());
    assert.equal(scan.plan, 'scan');
    assert.deepEqual(t.find(scan, ['x', 0], T0), [
      ['s0', 0, 0],
      ['s1', 1.5, 1],
    ]);
    assert.equal(t.rowsExamined, 1100);
  });

  test('a composite primary key needs every key attribute', () => {
    const t = stockTable(memoryLogger(), [0, 2], []);
    t.insert([
      ['A', 1, 1],
      ['A', 2, 2],
      ['1', 3, 1],
    ]);
    const both = t.compileCondition(expr('T.symbol == symbol and T.volume == volume'), cc());
    assert.equal(both.plan, 'primaryKey');
    assert.deepEqual(t.find(both, ['A', 2], T0), [['A', 2, 2]]);
    const one = t.compileCondition(expr('T.symbol == symbol'), cc());
    assert.equal(one.plan, 'scan');
    assert.equal(t.find(one, ['A', 0], T0).length, 2);
  });

  test('a duplicate primary key keeps the old row and logs an error', () => {
    const log = memoryLogger();
    const t = stockTable(log);
    t.insert([
      ['A', 1, 1],
      ['A', 2, 2],
      ['B', 3, 3],
    ]);
    assert.deepEqual(t.all(), [
      ['A', 1, 1],
      ['B', 3, 3],
    ]);
    assert.equal(log.lines.filter((l) => l.level === 'error').length, 1);
    assert.match(log.lines[0]!.msg, /primary key \["A"\]/);
  });

  test('updates re-key the primary key and indexes; an update onto an existing key is refused', () => {
    const log = memoryLogger();
    const t = stockTable(log);
    t.insert([
      ['A', 1, 1],
      ['B', 2, 2],
    ]);
    const c = cc();
    const bySymbol = t.compileCondition(expr('T.symbol == symbol'), c);
    const rename = t.compileUpdateSet(
      [
        { target: expr('T.symbol') as never, value: expr("'C'"), span: expr('1').span },
        { target: expr('T.volume') as never, value: expr('volume'), span: expr('1').span },
      ],
      c,
    );
    t.update(bySymbol, rename, [{ input: ['A', 7], ts: T0 }]);
    assert.deepEqual(t.find(bySymbol, ['C', 0], T0), [['C', 1, 7]]);
    assert.deepEqual(t.find(bySymbol, ['A', 0], T0), []);
    const byVolume = t.compileCondition(expr('T.volume == volume'), c);
    assert.deepEqual(t.find(byVolume, ['', 7], T0), [['C', 1, 7]]);
    assert.deepEqual(t.find(byVolume, ['', 1], T0), []);
    // B -> C would duplicate C: the row stays B.
    t.update(bySymbol, rename, [{ input: ['B', 9], ts: T0 }]);
    // Scans follow Siddhi's HashMap order of the string keys: 'B' hashes below 'C'.
    assert.deepEqual(t.all(), [
      ['B', 2, 2],
      ['C', 1, 7],
    ]);
    assert.equal(log.lines.length, 1);
  });

  test('an update whose new primary key clashes leaves every row it matched as it was (Siddhi IndexOperator)', () => {
    const log = memoryLogger();
    const t = stockTable(log, [2], []);
    t.insert([
      ['WSO2', 55.6, 200],
      ['IBM', 55.6, 100],
    ]);
    const c = cc();
    const upTo = t.compileCondition(expr('T.volume <= volume'), c);
    const set = t.compileUpdateSet(
      [
        { target: expr('T.price') as never, value: expr('77.6'), span: expr('1').span },
        { target: expr('T.volume') as never, value: expr('volume'), span: expr('1').span },
      ],
      c,
    );
    // Both rows match; IBM would take WSO2's key 200, so neither row changes (not even WSO2's price).
    t.update(upTo, set, [{ input: ['FOO', 200], ts: T0 }]);
    // One numeric key: scans in ascending key order, as Siddhi's TreeMap.
    assert.deepEqual(t.all(), [
      ['IBM', 55.6, 100],
      ['WSO2', 55.6, 200],
    ]);
    assert.equal(log.lines.length, 1);
    // Without a clash both rows update.
    t.update(upTo, set, [{ input: ['FOO', 100], ts: T0 }]);
    assert.deepEqual(t.all(), [
      ['IBM', 77.6, 100],
      ['WSO2', 55.6, 200],
    ]);
  });

  test('update or insert updates matches and inserts the rest, event by event', () => {
    const t = stockTable();
    const c = cc();
    const cond = t.compileCondition(expr('T.symbol == symbol'), c);
    const set = t.compileUpdateSet(undefined, c);
    const events = [
      { input: ['A', 1], ts: T0 },
      { input: ['A', 5], ts: T0 },
      { input: ['B', 2], ts: T0 },
    ];
    t.updateOrInsert(cond, set, events, (e) => [(e.input as unknown[])[0], 0, (e.input as unknown[])[1]]);
    assert.deepEqual(t.all(), [
      ['A', 0, 5],
      ['B', 0, 2],
    ]);
  });

  test('snapshot and restore rebuild the indexes', () => {
    const t = stockTable();
    fill(t, 50);
    const state = JSON.parse(JSON.stringify(t.snapshot())) as unknown;
    const u = stockTable();
    u.restore(state);
    assert.equal(u.size, 50);
    const cond = u.compileCondition(expr('T.symbol == symbol'), cc());
    assert.deepEqual(u.find(cond, ['s7', 0], T0), [['s7', 10.5, 7]]);
    assert.equal(u.rowsExamined, 1);
    const byVolume = u.compileCondition(expr('T.volume == volume'), cc());
    assert.equal(u.find(byVolume, ['', 7], T0).length, 5);
  });

  test('conditions name unknown attributes', () => {
    const t = stockTable();
    assert.throws(() => t.compileCondition(expr('T.nope == symbol'), cc()), /'nope' is not an attribute of T/);
    assert.throws(() => t.compileCondition(expr('T.symbol == nope'), cc()), /nope/);
  });
});

const APP = `@app:name('TableTest')
define stream StockStream (symbol string, price float, volume long);
define stream DeleteStream (symbol string);
define stream UpdateStream (symbol string, volume long);
define stream CheckStream (symbol string);
@PrimaryKey('symbol')
define table StockTable (symbol string, price float, volume long);
@info(name = 'upsert') from StockStream update or insert into StockTable on StockTable.symbol == symbol;
@info(name = 'delete') from DeleteStream delete StockTable on StockTable.symbol == symbol;
@info(name = 'update') from UpdateStream update StockTable set StockTable.volume = StockTable.volume + volume on StockTable.symbol == symbol;
@info(name = 'in') from CheckStream[(symbol == StockTable.symbol) in StockTable] select symbol insert into Known;
`;

function start(app = APP, logger = memoryLogger()): SiddhiAppRuntime {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger }).createSiddhiAppRuntime(app);
  r.start();
  return r;
}

describe('tables in an app', () => {
  test('update or insert, update with an expression, delete, and on-demand reads', () => {
    const r = start();
    const stock = r.getInputHandler('StockStream');
    stock.send(['IBM', 75.5, 100]);
    stock.send(['WSO2', 55.5, 10]);
    stock.send(['IBM', 76.5, 200]);
    assert.deepEqual(r.query('from StockTable select *'), [
      ['IBM', 76.5, 200],
      ['WSO2', 55.5, 10],
    ]);
    r.getInputHandler('UpdateStream').send(['WSO2', 5]);
    assert.deepEqual(r.query("from StockTable on symbol == 'WSO2' select volume"), [[15]]);
    r.getInputHandler('DeleteStream').send(['IBM']);
    assert.deepEqual(r.query('from StockTable select symbol'), [['WSO2']]);
    assert.deepEqual(r.query("from StockTable on symbol == 'IBM'"), []);
  });

  test('the in operator tests membership per event', () => {
    const r = start();
    const seen: unknown[][] = [];
    r.addCallback('Known', (events: { data: unknown[] }[]) => seen.push(...events.map((e) => e.data)));
    r.getInputHandler('StockStream').send(['IBM', 1, 1]);
    const check = r.getInputHandler('CheckStream');
    check.send(['IBM']);
    check.send(['ORCL']);
    r.getInputHandler('StockStream').send(['ORCL', 1, 1]);
    check.send(['ORCL']);
    assert.deepEqual(seen, [['IBM'], ['ORCL']]);
  });

  test('on-demand writes: insert, update, update or insert, delete', () => {
    const r = start();
    assert.deepEqual(r.query("select 'A' as symbol, 1.5f as price, 10L as volume insert into StockTable"), []);
    r.query("update StockTable set StockTable.volume = 20L on StockTable.symbol == 'A'");
    r.query(
      "select 'B' as symbol, 2.5f as price, 30L as volume update or insert into StockTable set StockTable.volume = volume on StockTable.symbol == symbol",
    );
    assert.deepEqual(r.query('from StockTable select symbol, volume order by volume desc'), [
      ['B', 30],
      ['A', 20],
    ]);
    r.query("delete StockTable on StockTable.symbol == 'A'");
    assert.deepEqual(r.query('from StockTable select symbol'), [['B']]);
  });

  test('on-demand selection: group by, having, order by, limit, offset', () => {
    const r = start(`define table T (k string, v int); `);
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['c', 4],
    ] as const)
      r.query(`select '${k}' as k, ${v} as v insert into T`);
    assert.deepEqual(r.query('from T select k, sum(v) as s group by k having s > 1 order by s desc'), [
      ['a', 4],
      ['c', 4],
      ['b', 2],
    ]);
    assert.deepEqual(r.query('from T select k, v order by v limit 2 offset 1'), [
      ['b', 2],
      ['a', 3],
    ]);
    assert.deepEqual(r.query('from T on v > 10 select k'), []);
  });

  test('on-demand having is tested row by row: each group keeps its last row that passed', () => {
    const r = start(`define table T (k string, v int); `);
    for (const [k, v] of [
      ['a', 6],
      ['a', 8],
      ['b', 5],
      ['b', 10],
      ['c', 9],
    ] as const)
      r.query(`select '${k}' as k, ${v} as v insert into T`);
    // a: 6 passes, 8 does not, so a keeps 6; c never passes.
    assert.deepEqual(r.query('from T select k, v group by k having v < 7'), [
      ['a', 6],
      ['b', 5],
    ]);
    // The running sum at each row: a 6 then 14, b 5 then 15, c 9.
    assert.deepEqual(r.query('from T select k, sum(v) as s group by k having s < 10'), [
      ['a', 6],
      ['b', 5],
      ['c', 9],
    ]);
    // No group by: the last row whose running count passed.
    assert.deepEqual(r.query('from T select count() as n, v having n <= 3'), [[3, 5]]);
  });

  test('rejected on-demand queries throw', () => {
    const r = start();
    assert.throws(() => r.query('from NoSuchTable select *'), /no table, window or aggregation named 'NoSuchTable'/);
    assert.throws(() => r.query('from StockTable select nope'), /nope/);
    assert.throws(() => r.query('from StockTable on nope > 1'), /nope/);
    assert.throws(() => r.query('from StockTable selec'), /invalid on-demand query/);
  });

  test('duplicate primary keys from a query are logged and the app keeps running', () => {
    const log = memoryLogger();
    const r = start(
      `define stream S (symbol string, price float, volume long);
       @PrimaryKey('symbol') define table T (symbol string, price float, volume long);
       from S insert into T;`,
      log,
    );
    const s = r.getInputHandler('S');
    s.send(['A', 1, 1]);
    s.send(['A', 2, 2]);
    s.send(['B', 3, 3]);
    assert.deepEqual(r.query('from T select symbol, volume'), [
      ['A', 1],
      ['B', 3],
    ]);
    assert.equal(log.lines.filter((l) => l.level === 'error').length, 1);
  });

  test('snapshot and restore carry the rows to a new runtime', () => {
    const r = start();
    r.getInputHandler('StockStream').send(['IBM', 75.5, 100]);
    const bytes = r.snapshot();
    const r2 = start();
    r2.restore(bytes);
    assert.deepEqual(r2.query('from StockTable select symbol, volume'), [['IBM', 100]]);
    r2.getInputHandler('StockStream').send(['IBM', 70, 5]);
    assert.deepEqual(r2.query('from StockTable select symbol, volume'), [['IBM', 5]]);
  });

  test('creation fails on bad table definitions and inserts', () => {
    const m = new SiddhiManager({ clock: 'virtual', startTime: T0 });
    const bad = [
      `@PrimaryKey('nope') define table T (a string);`,
      `@PrimaryKey() define table T (a string);`,
      `@Index('a', 'b') define table T (a string, b int);`,
      `@Index('a') @Index('a') define table T (a string, b int);`,
      `define table T (a string); define table T (a int);`,
      `define stream T (a string); define table T (a string);`,
      `define table T (a string); define stream T (a string);`,
      `define stream S (a int); define table T (a string); from S insert into T;`,
      `@store(type = 'nope') define table T (a string);`,
    ];
    for (const app of bad) assert.throws(() => m.createSiddhiAppRuntime(app), Error, app);
    assert.doesNotThrow(() => m.createSiddhiAppRuntime(`define table T (a string); define table T (a string);`));
  });
});
