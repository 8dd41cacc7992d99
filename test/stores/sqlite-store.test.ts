import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { appStores } from '../../src/engine/table/app-stores.js';
import { SqliteTable } from '../../src/stores/sqlite/sqlite-table.js';
import type { LogLine } from '../../src/engine/runtime/logger.js';
import { runScenario, sendAll, startApp, storeApp, suffix, EXPECTED_ROWS } from './store-scenario.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tributary-sqlite-'));
}

test('sqlite (jdbc.url): insert, update, update or insert, delete, in, join, on-demand, restart', async () => {
  const dir = tempDir();
  try {
    await runScenario(storeApp(`@store(type = 'rdbms', jdbc.url = 'jdbc:sqlite:${join(dir, 'db.sqlite')}')`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite (file=, table.name): rows land in the named table, with the primary key and index', async () => {
  const dir = tempDir();
  const file = join(dir, 'native.sqlite');
  const name = `stock_${suffix()}`;
  try {
    await runScenario(storeApp(`@store(type = 'rdbms', file = '${file}', table.name = '${name}')`));
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare(`SELECT symbol, price, volume FROM "${name}" ORDER BY symbol`).raw().all();
      assert.deepEqual(rows, EXPECTED_ROWS);
      const indexes = db.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; origin: string }[];
      assert.ok(indexes.some((i) => i.origin === 'pk'));
      assert.ok(indexes.some((i) => i.name === `${name}_volume_idx`));
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: conditions are pushed down to SQL where they compile, filtered in JS otherwise', async () => {
  const r = await startApp(storeApp(`@store(type = 'rdbms', allow.null.values = 'true')`));
  try {
    sendAll(r, 'Ins', [
      ['A', 1, 10],
      ['B', 2, 20],
      ['C', 3, null],
    ]);
    const t = appStores((r as unknown as { ctx: Parameters<typeof appStores>[0] }).ctx).tables.get('T');
    assert.ok(t instanceof SqliteTable);
    const before = { ...t.stats };
    assert.deepEqual(r.query('from T on price >= 2 and not (volume == 20) select symbol'), [['C']]);
    assert.equal(t.stats.sql, before.sql + 1);
    assert.deepEqual(r.query('from T on volume is null select symbol'), [['C']]);
    assert.deepEqual(r.query('from T on price * 2 > 3 select symbol order by symbol'), [['B'], ['C']]);
    assert.equal(t.stats.js, before.js + 1, 'arithmetic over a column is filtered in JS');
  } finally {
    await r.shutdown();
  }
});

test('sqlite: `in` asks the database for the matching row instead of reading the whole table', async () => {
  const r = await startApp(storeApp(`@store(type = 'rdbms')`));
  const seen: unknown[] = [];
  r.addStreamCallback('InOut', (events) => {
    for (const e of events) seen.push(e.data[0]);
  });
  try {
    sendAll(r, 'Ins', [
      ['A', 1, 10],
      ['B', 2, 20],
    ]);
    const t = appStores((r as unknown as { ctx: Parameters<typeof appStores>[0] }).ctx).tables.get('T');
    assert.ok(t instanceof SqliteTable);
    t.all = () => assert.fail('`in` read every row');
    sendAll(r, 'Chk', [['B'], ['Z'], ['A']]);
    assert.deepEqual(seen, ['B', 'A']);
  } finally {
    await r.shutdown();
  }
});

test('sqlite: an update that would move one of its rows onto a held primary key changes none of them', async () => {
  const lines: LogLine[] = [];
  const r = await startApp(
    `
define stream Add (name string, qty int, code long);
define stream Move (qty int, code long);
define stream Bump (name string, qty int);
@store(type = 'rdbms')
@PrimaryKey('code')
define table Parts (name string, qty int, code long);
from Add insert into Parts;
from Move select qty, code update Parts set Parts.qty = qty, Parts.code = code on Parts.code <= code;
from Bump update Parts set Parts.qty = qty on Parts.name == name;
`,
    lines,
  );
  try {
    sendAll(r, 'Add', [
      ['bolt', 1, 20],
      ['nut', 2, 10],
      ['nut', 3, 30],
    ]);
    const all = 'from Parts select name, qty, code order by code';
    // Both rows at or below 20 would take code 20: neither changes.
    r.getInputHandler('Move').send([9, 20]);
    assert.deepEqual(r.query(all), [
      ['nut', 2, 10],
      ['bolt', 1, 20],
      ['nut', 3, 30],
    ]);
    assert.deepEqual(
      lines.filter((l) => l.level === 'error').map((l) => l.msg),
      ["table 'Parts': update failed, a row with primary key [20] exists; no row is updated"],
    );
    // The next event of the same chunk still runs, and a clash-free update of several rows applies.
    sendAll(r, 'Move', [
      [7, 20],
      [5, 10],
    ]);
    r.getInputHandler('Bump').send(['nut', 4]);
    assert.deepEqual(r.query(all), [
      ['nut', 4, 10],
      ['bolt', 1, 20],
      ['nut', 4, 30],
    ]);
  } finally {
    await r.shutdown();
  }
});

test('sqlite: a row with null in a non-string attribute is dropped unless allow.null.values is true', async () => {
  const lines: LogLine[] = [];
  const r = await startApp(storeApp(`@store(type = 'rdbms')`), lines);
  try {
    sendAll(r, 'Ins', [
      ['A', 1, null],
      ['B', null, 2],
      ['C', 3, 3],
      ['D', 4, 4],
    ]);
    r.getInputHandler('Ups').send(['E', null, 5]);
    assert.deepEqual(r.query('from T select symbol, price, volume order by price'), [
      ['C', 3, 3],
      ['D', 4, 4],
    ]);
    assert.deepEqual(
      lines.filter((l) => l.level === 'error').map((l) => /null in '(\w+)'/.exec(l.msg)?.[1]),
      ['volume', 'price', 'price'],
    );
  } finally {
    await r.shutdown();
  }
  const allowing = await startApp(storeApp(`@store(type = 'rdbms', allow.null.values = 'true')`));
  try {
    sendAll(allowing, 'Ins', [
      ['A', 1, null],
      ['B', null, 2],
    ]);
    assert.deepEqual(allowing.query('from T select symbol, price, volume order by symbol'), [
      ['A', 1, null],
      ['B', null, 2],
    ]);
  } finally {
    await allowing.shutdown();
  }
});

test('sqlite: an empty table.name names the database table after the table definition', async () => {
  const dir = tempDir();
  const file = join(dir, 'empty-name.sqlite');
  try {
    const r = await startApp(storeApp(`@store(type = 'rdbms', file = '${file}', table.name = '')`));
    sendAll(r, 'Ins', [['A', 1, 10]]);
    await r.shutdown();
    const db = new Database(file, { readonly: true });
    try {
      assert.deepEqual(db.prepare('SELECT symbol, volume FROM "T"').raw().all(), [['A', 10]]);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: a store key element may list several attributes, and a multi-attribute @Index is one index', async () => {
  const dir = tempDir();
  const file = join(dir, 'keys.sqlite');
  const app = `
define stream Ins (symbol string, price float, volume long);
@store(type = 'rdbms', file = '${file}', table.name = 'K')
@PrimaryKey('symbol, price')
@Index('volume')
@Index('symbol', 'volume')
define table T (symbol string, price float, volume long);
from Ins insert into T;
`;
  try {
    const r = await startApp(app);
    sendAll(r, 'Ins', [
      ['A', 1, 10],
      ['A', 2, 20],
      ['A', 1, 30],
    ]);
    assert.deepEqual(r.query('from T select symbol, price, volume order by price'), [
      ['A', 1, 10],
      ['A', 2, 20],
    ]);
    await r.shutdown();
    const db = new Database(file, { readonly: true });
    try {
      const indexes = db.prepare(`PRAGMA index_list("K")`).all() as { name: string; origin: string }[];
      assert.deepEqual(indexes.map((i) => i.name).sort(), [
        'K_symbol_volume_idx',
        'K_volume_idx',
        'sqlite_autoindex_K_1',
      ]);
      const columns = (db.prepare(`PRAGMA index_info("K_symbol_volume_idx")`).all() as { name: string }[]).map(
        (c) => c.name,
      );
      assert.deepEqual(columns, ['symbol', 'volume']);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
