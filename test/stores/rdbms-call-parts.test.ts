/** The parts of the rdbms calls that need no database: argument shapes, `?` placeholders, column reading. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cudShape, parseDefinitionList, queryShape } from '../../src/stores/rdbms/call-shape.js';
import { readColumn, readRow } from '../../src/stores/rdbms/column-values.js';
import { placeholders, replacePlaceholders, toPostgresParameters } from '../../src/stores/sql/sql-placeholders.js';
import { datasourceTarget } from '../../src/stores/sql/datasource-target.js';

test('definition list: pairs split by one whitespace, types in any case, Java split rules', () => {
  assert.deepEqual(parseDefinitionList('city string, Pop LONG,\tarea Double'), [
    { name: 'city', type: 'string' },
    { name: 'Pop', type: 'long' },
    { name: 'area', type: 'double' },
  ]);
  assert.deepEqual(parseDefinitionList('ok bool,'), [{ name: 'ok', type: 'bool' }], 'a trailing comma is dropped');
  assert.deepEqual(parseDefinitionList('a\tint'), [{ name: 'a', type: 'int' }]);
  assert.match(String(parseDefinitionList('a int,,b int')), /found ''/);
  assert.match(String(parseDefinitionList('a  int')), /pairs/, 'two spaces make three pieces');
  assert.match(String(parseDefinitionList('a int extra')), /pairs/);
  assert.match(String(parseDefinitionList('')), /pairs/);
  assert.match(String(parseDefinitionList('a object')), /the type 'object' for 'a'/);
});

test('query shape: the last constant bool is ack.empty.result.set; parameters sit between', () => {
  const s = (types: string[], constants: unknown[]) => queryShape(types as never, constants);
  assert.deepEqual(s(['string', 'string', 'string'], ['D', 'a int', 'select 1']), {
    datasource: 'D',
    attributes: [{ name: 'a', type: 'int' }],
    parameters: [],
    ackEmptyResultSet: false,
  });
  assert.equal(s(['string', 'string', 'string', 'bool'], ['D', 'a int', 'select 1', true]).ackEmptyResultSet, true);
  assert.deepEqual(
    s(['string', 'string', 'string', 'int', 'bool'], ['D', 'a int', 'x ? y', undefined, false]).parameters,
    [3],
  );
  // A bool attribute at the end is a parameter, not the option.
  assert.deepEqual(s(['string', 'string', 'string', 'bool'], ['D', 'a int', 'x = ?', undefined]).parameters, [3]);
  // Without parameters the ?s are not counted (the database reports the missing values).
  assert.deepEqual(s(['string', 'string', 'string', 'bool'], ['D', 'a int', 'x = ?', true]).parameters, []);
  // Every ? counts, quoted or not.
  assert.throws(
    () => s(['string', 'string', 'string', 'int'], ['D', 'a int', "x = ? and y = '?'", undefined]),
    /2 '\?'s but 1/,
  );
});

test('cud shape: the correlation id follows the parameters', () => {
  const s = (n: number, constants: unknown[]) => cudShape(Array(n).fill('string') as never, constants);
  assert.deepEqual(s(2, ['D', 'delete from t']), {
    datasource: 'D',
    query: 'delete from t',
    parameters: [],
    correlationId: undefined,
  });
  assert.equal(s(3, ['D', 'COMMIT', 't1']).correlationId, 't1');
  assert.deepEqual(s(4, ['D', 'insert into t values (?, ?)', undefined, undefined]).parameters, [2, 3]);
  const withId = s(5, ['D', 'insert into t values (?, ?)', undefined, undefined, 'tx']);
  assert.deepEqual([withId.parameters, withId.correlationId], [[2, 3], 'tx']);
  assert.throws(
    () => s(5, ['D', 'insert into t values (?, ?)', undefined, undefined, undefined]),
    /must be a constant/,
  );
  assert.throws(() => s(2, ['D', undefined]), /must be a constant string/);
});

test('placeholders: not inside quotes, identifiers, comments or dollar quotes; ?? is a literal ? on PostgreSQL', () => {
  const pg = toPostgresParameters(
    `select "a?", 'it''s ?', E'\\'?', $$ ? $$, $t$ ? $t$, x ?? 'k' from t -- ?\n where a = ? /* ? /* ? */ ? */ and b = ?`,
  );
  assert.equal(
    pg.text,
    `select "a?", 'it''s ?', E'\\'?', $$ ? $$, $t$ ? $t$, x ? 'k' from t -- ?\n where a = $1 /* ? /* ? */ ? */ and b = $2`,
  );
  assert.equal(pg.count, 2);
  const sql = "select `a?`, 'x\\'?', \"y?\" from t # ?\nwhere a = ? and b = ?? and c = ?";
  const found = placeholders(sql, 'mysql');
  assert.equal(found.marks.length, 4);
  assert.equal(
    replacePlaceholders(sql, found, (n) => `<${n}>`),
    "select `a?`, 'x\\'?', \"y?\" from t # ?\nwhere a = <0> and b = <1><2> and c = <3>",
  );
});

test('column reading follows JDBC getters: NULL is 0 or false except in a string', () => {
  assert.deepEqual(
    readRow([null, null, null, null, null, null], ['string', 'int', 'long', 'double', 'float', 'bool']),
    [null, 0, 0, 0, 0, false],
  );
  assert.equal(readColumn('3.7', 'int'), 3);
  assert.equal(readColumn('-3.7', 'long'), -3);
  assert.equal(readColumn('9007199254740993', 'long'), 9007199254740992);
  assert.equal(readColumn('0.1', 'float'), Math.fround(0.1));
  assert.equal(readColumn('Infinity', 'double'), Infinity);
  assert.equal(readColumn(42, 'string'), '42');
  for (const t of ['t', 'TRUE', 'yes', '1', 'on', 2]) assert.equal(readColumn(t, 'bool'), true, String(t));
  for (const f of ['f', 'false', 'NO', '0', 'off', 0]) assert.equal(readColumn(f, 'bool'), false, String(f));
  assert.equal(readColumn(Buffer.from([1]), 'bool'), true);
  assert.throws(() => readColumn('2147483648', 'int'), /cannot be read as int/);
  assert.throws(() => readColumn('abc', 'double'), /cannot be read as double/);
  assert.throws(() => readColumn('maybe', 'bool'), /cannot be read as bool/);
  assert.throws(() => readRow(['a'], ['string', 'int']), /returned 1 column, but attribute\.definition\.list names 2/);
});

test('datasource URLs are read as @store jdbc.url is, and a bad one names the datasource, not the password', () => {
  assert.deepEqual(datasourceTarget('A', { url: 'jdbc:sqlite:/tmp/x.db' }), { dialect: 'sqlite', file: '/tmp/x.db' });
  assert.deepEqual(datasourceTarget('B', { url: 'jdbc:mariadb://db:3307/shop', username: 'u', password: 'p' }), {
    dialect: 'mysql',
    host: 'db',
    port: 3307,
    database: 'shop',
    user: 'u',
    password: 'p',
  });
  assert.throws(
    () => datasourceTarget('C', { url: 'jdbc:h2:mem:Pa55word', password: 'Pa55word' }),
    (e: Error) => /^datasource 'C': its url must be jdbc:sqlite:/.test(e.message) && !e.message.includes('Pa55word'),
  );
});
