/**
 * Scans of primary-key tables meet rows in Siddhi's order (java.util.HashMap for string, boolean and
 * composite keys, TreeMap for one numeric key). Every expected order here was printed by a JDK 17
 * HashMap holding the same keys.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { javaStringHash } from '../../src/engine/table/java-scan-order.js';
import { javaDoubleToString, javaFloatToString } from '../../src/engine/functions/shared/java-format.js';

function scan(defs: string, rows: unknown[][], select: string, removeWhere?: string): unknown[][] {
  const rt = new SiddhiManager({ logger: memoryLogger() }).createSiddhiAppRuntime(
    `define stream S (${defs}); @PrimaryKey(${select}) define table T (${defs}); from S insert into T;`,
  );
  rt.start();
  for (const r of rows) rt.getInputHandler('S').send(r);
  if (removeWhere) rt.query(`delete T on ${removeWhere}`);
  const out = rt.query('from T select *');
  void rt.shutdown();
  return out;
}

describe('primary-key table scan order', () => {
  test('a string key scans in Java HashMap order, colliding hashes in insertion order', () => {
    const keys = ['WSO2', 'IBM', 'GOOG', 'ORCL', 'MSFT', 'AAPL', 'Aa', 'BB', 'XYZ', 'ABC'];
    const out = scan(
      'symbol string, volume long',
      keys.map((k, i) => [k, i]),
      "'symbol'",
    );
    assert.deepEqual(
      out.map((r) => r[0]),
      ['MSFT', 'Aa', 'BB', 'GOOG', 'AAPL', 'ABC', 'IBM', 'WSO2', 'XYZ', 'ORCL'],
    );
  });

  test('the capacity reached before deletions still decides the buckets', () => {
    const rows = Array.from({ length: 20 }, (_, i) => [`k${i}`, i]);
    const out = scan('symbol string, volume long', rows, "'symbol'", 'T.volume % 2 == 0');
    assert.deepEqual(
      out.map((r) => r[0]),
      ['k1', 'k3', 'k5', 'k11', 'k7', 'k13', 'k9', 'k15', 'k17', 'k19'],
    );
  });

  test('a composite key hashes the values joined with :-: as Java prints them', () => {
    const rows = [
      ['IBM', 100.0],
      ['WSO2', 55.6],
      ['GOOG', 1.0e7],
      ['ORCL', 0.5],
      ['MSFT', 0.0001],
    ];
    const out = scan('symbol string, price double', rows, "'symbol', 'price'");
    assert.deepEqual(
      out.map((r) => r[0]),
      ['MSFT', 'WSO2', 'GOOG', 'IBM', 'ORCL'],
    );
  });

  test('one numeric key scans in ascending key order', () => {
    const out = scan(
      'id long, name string',
      [
        [30, 'c'],
        [10, 'a'],
        [20, 'b'],
      ],
      "'id'",
    );
    assert.deepEqual(out, [
      [10, 'a'],
      [20, 'b'],
      [30, 'c'],
    ]);
  });

  test('Java hash codes and number strings', () => {
    assert.equal(javaStringHash('hello'), 99162322);
    assert.equal(javaStringHash('Aa'), javaStringHash('BB'));
    assert.deepEqual(
      [
        javaDoubleToString(1e7),
        javaDoubleToString(0.001),
        javaDoubleToString(1e-4),
        javaDoubleToString(100),
        javaFloatToString(Math.fround(55.6)),
        javaDoubleToString(123456.789),
        javaFloatToString(Math.fround(1e10)),
      ],
      ['1.0E7', '0.001', '1.0E-4', '100.0', '55.6', '123456.789', '1.0E10'],
    );
  });
});
