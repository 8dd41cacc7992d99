/**
 * `#rdbms:query` and `#rdbms:cud` on SQLite (a file in a temp dir): the shared scenario, then what SQLite shows
 * best because it answers during the send (outputs and faults before `send` returns), and the checks every
 * database shares: refused apps with line and column, the guards of rdbms:cud, and the checker's view of the
 * appended attributes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { StreamCallback } from '../../src/engine/runtime/event.js';
import type { ExtensionProperties } from '../../src/lang/datasources.js';
import { assertRefused, manager, rdbmsCallTests, run, suffix, T0, type TestDb } from './rdbms-calls-scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-rdbms-calls-'));
const file = join(dir, 'shop.db');

function sqliteDb(): TestDb {
  const db = new Database(file);
  return {
    name: 'sqlite',
    datasource: { url: `jdbc:sqlite:${file}` },
    unreachable: { url: `jdbc:sqlite:${join(dir, 'no', 'such', 'dir.db')}`, password: 'Lite-S3cret-3' },
    types: { text: 'TEXT', int: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', real: 'REAL', bool: 'BOOLEAN' },
    exec: async (sql) => void db.exec(sql),
    rows: async (sql) => db.prepare(sql).raw(true).all() as unknown[][],
    close: async () => {
      db.close();
    },
  };
}

rdbmsCallTests(async () => sqliteDb());

const local = sqliteDb();

test('sqlite: outputs and faults arrive during the send, before it returns', async () => {
  const t = `rq_now_${suffix()}`;
  await local.exec(`CREATE TABLE ${t} (item TEXT, qty INTEGER)`);
  await local.exec(`INSERT INTO ${t} VALUES ('cup', 3), ('cup', 4), ('mug', 1)`);
  const { r, out } = await run(
    local,
    `@OnError(action = 'STREAM')
     define stream Ask (item string, tableName string);
     from Ask#rdbms:query('SHOP', 'qty int', 'select qty from ${t} where item = ? order by qty', item)
     select item, qty insert into Out;
     from !Ask select item, _error insert into Faults;`,
    ['Out', 'Faults'],
  );
  const ask = r.getInputHandler('Ask');
  ask.send(['cup', t]);
  assert.deepEqual(out.Out, [
    ['cup', 3],
    ['cup', 4],
  ]);
  ask.send(['mug', t]);
  assert.deepEqual(out.Out!.length, 3);
  await local.exec(`DROP TABLE ${t}`);
  ask.send(['cup', t]);
  assert.equal(out.Faults!.length, 1, 'the fault is sent during the send');
  assert.match(String(out.Faults![0]![1]), /rdbms:query could not read from datasource 'SHOP': no such table/);
  await r.shutdown();
});

test('sqlite: the checker knows the appended attributes and their types', () => {
  const m = manager(local);
  const ok = `define stream S (k string);
from S#rdbms:query('SHOP', 'Name STRING, amount Int, rate dOuble,', 'select 1, 2, 3')
select k, Name, amount + 1 as next, rate * 2.0 as twice insert into Out;`;
  assert.deepEqual(m.checkSiddhiApp(ok), []);
  const wrong = `define stream S (k string);
from S#rdbms:query('SHOP', 'name string', 'select 1')
select k, amount insert into Out;`;
  const d = m.checkSiddhiApp(wrong);
  assert.ok(
    d.some((x) => /amount/.test(x.message) && x.line === 3),
    d.map((x) => x.message).join(' | '),
  );
  // numRecords is an int.
  const cud = `define stream S (k string);
from S#rdbms:cud('SHOP', 'delete from x')
select k, numRecords + 1 as n insert into Out;`;
  assert.deepEqual(m.checkSiddhiApp(cud), []);
});

test('refused apps: the definition list, the types, the count of ?s, the datasource, with line and column', () => {
  const m = manager(local);
  const app = (call: string): string =>
    `define stream S (k string, n int, q string);\nfrom S#${call}\nselect k insert into Out;`;
  assertRefused(m, app(`rdbms:query('SHOP', 'name', 'select 1')`), /'<name> <type>' pairs.*found 'name'/, 2, 8);
  assertRefused(m, app(`rdbms:query('SHOP', 'name  string', 'select 1')`), /'<name> <type>' pairs/, 2, 8);
  assertRefused(m, app(`rdbms:query('SHOP', 'name text', 'select 1')`), /the type 'text' for 'name'/, 2, 8);
  assertRefused(m, app(`rdbms:query('SHOP', 'a int', 'select ? + ?', n)`), /has 2 '\?'s but 1 parameter follows/, 2, 8);
  assertRefused(
    m,
    app(`rdbms:query('SHOP', 'a int', 'select ?', n, k, true)`),
    /has 1 '\?' but 2 parameters follow it \(the last argument, a constant bool, is ack\.empty\.result\.set\)/,
    2,
    8,
  );
  assertRefused(m, app(`rdbms:query('SHOP', 'a int', q, n)`), /query must be a constant string when parameters/, 2, 8);
  assertRefused(
    m,
    app(`rdbms:query('NOPE', 'a int', 'select 1')`),
    /datasource 'NOPE' is not defined: the datasources are 'SHOP', 'OTHER'/,
    2,
    8,
  );
  assertRefused(m, app(`rdbms:query(' ', 'a int', 'select 1')`), /datasource\.name is empty/, 2, 8);
  assertRefused(
    m,
    app(`rdbms:cud('SHOP', 'update t set a = ? where b = ?', n)`),
    /has 2 '\?'s: 2 parameters must follow it, or 3/,
    2,
    8,
  );
  assertRefused(
    m,
    app(`rdbms:cud('SHOP', 'delete from t', k)`),
    /transaction\.correlation\.id \(argument 3\) must be a constant/,
    2,
    8,
  );
  assertRefused(m, app(`rdbms:cud('SHOP', 'delete from t', 'a', 'b')`), /at most one argument may follow it/, 2, 8);
  assertRefused(m, app(`rdbms:cud('NOPE', 'delete from t')`), /datasource 'NOPE' is not defined/, 2, 8);
  const none = new SiddhiManager({
    clock: 'virtual',
    logger: memoryLogger(),
    extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'TRUE' } },
  });
  assertRefused(none, app(`rdbms:query('X', 'a int', 'select 1')`), /no datasource is defined/, 2, 8);
});

test('refused apps: rdbms:cud needs perform.CUD.operations true, and says how to set it', () => {
  const app = `define stream S (k string);\n\nfrom S#rdbms:cud('SHOP', 'delete from t')\nselect k insert into Out;`;
  const variants: ExtensionProperties[] = [
    {},
    { 'rdbms:cud': { 'perform.CUD.operations': 'false' } },
    { 'rdbms:query': { 'perform.CUD.operations': 'true' } },
  ];
  for (const props of variants) {
    assertRefused(
      manager(local, [], props),
      app,
      /rdbms:cud is disabled: .*perform\.CUD\.operations is 'true' .*extensionProperties: \{ 'rdbms:cud': \{ 'perform\.CUD\.operations': 'true' \} \}/,
      3,
      8,
    );
  }
});

test('cud guards: DROP or ALTER anywhere in the statement, and null parameters, are errors of the events', async () => {
  const t = `rq_guard_${suffix()}`;
  await local.exec(`CREATE TABLE ${t} (item TEXT, note TEXT)`);
  const app = `@OnError(action = 'STREAM')
define stream Add (item string, note string);
@info(name = 'plain') from Add#rdbms:cud('SHOP', 'insert into ${t} (item, note) values (?, ?)', item, note)
select item, numRecords insert into Added;
@info(name = 'guarded') from Add#rdbms:cud('SHOP', "insert into ${t} (item, note) values ('x', 'backdrop')")
select item, numRecords insert into Guarded;
from !Add select item, _error insert into Faults;`;
  const { r, out } = await run(local, app, ['Added', 'Guarded', 'Faults']);
  r.getInputHandler('Add').send(['a', 'fine']);
  r.getInputHandler('Add').send(['b', null]);
  await r.flush();
  assert.deepEqual(out.Added, [['a', 1]]);
  assert.deepEqual(out.Guarded, []);
  const faults = out.Faults!.map((f): [unknown, string] => [f[0], String(f[1])]);
  assert.equal(faults.length, 3);
  assert.match(
    faults[0]![1],
    /^io\.siddhi\.core\.exception\.SiddhiAppRuntimeException: rdbms:cud does not run .*DROP or ALTER/,
  );
  assert.match(
    faults[1]![1],
    /^io\.siddhi\.query\.api\.exception\.SiddhiAppValidationException: rdbms:cud does not take null/,
  );
  assert.deepEqual(await local.rows(`SELECT item, note FROM ${t}`), [['a', 'fine']]);
  await r.shutdown();

  const allowing = new SiddhiManager({
    clock: 'virtual',
    startTime: T0,
    logger: memoryLogger(),
    datasources: { SHOP: local.datasource },
    extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'true', 'allow.null.params.with.CUD': 'true' } },
  }).createSiddhiAppRuntime(app.replace(/@info\(name = 'guarded'\)[^;]*;[^;]*;/, ''));
  allowing.start();
  allowing.getInputHandler('Add').send(['c', null]);
  await allowing.shutdown();
  assert.deepEqual(await local.rows(`SELECT item, note FROM ${t} ORDER BY item`), [
    ['a', 'fine'],
    ['c', null],
  ]);
  await local.exec(`DROP TABLE ${t}`);
});

test('sqlite: one event can give many rows, and a chunk answers as one chunk', async () => {
  const t = `rq_many_${suffix()}`;
  await local.exec(`CREATE TABLE ${t} (n INTEGER)`);
  await local.exec(`INSERT INTO ${t} VALUES ${Array.from({ length: 5 }, (_, i) => `(${i})`).join(', ')}`);
  const m = manager(local);
  const r = m.createSiddhiAppRuntime(`define stream Ask (below int);
from Ask#rdbms:query('SHOP', 'n long', 'select n from ${t} where n < ? order by n', below)
select below, n insert into Out;`);
  const chunks: unknown[][][] = [];
  const callback: StreamCallback = (events) => chunks.push(events.map((e) => e.data));
  r.addCallback('Out', callback);
  r.start();
  r.getInputHandler('Ask').send([{ data: [2] }, { data: [0] }, { data: [3] }]);
  assert.deepEqual(chunks, [
    [
      [2, 0],
      [2, 1],
      [3, 0],
      [3, 1],
      [3, 2],
    ],
  ]);
  await r.shutdown();
  await local.exec(`DROP TABLE ${t}`);
});

test('cleanup', async () => {
  await local.close();
  rmSync(dir, { recursive: true, force: true });
});
