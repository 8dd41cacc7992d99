import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { JavaHashMap } from '../../src/engine/functions/shared/java-hash-map.js';
import { javaHashCode } from '../../src/engine/runtime/java-hash-code.js';

// Expected orders and hashes below were checked against java.util.HashMap on a JVM.

const keysOf = (m: Map<unknown, unknown>): unknown[] => [...m.keys()];

function mapOf(keys: readonly unknown[]): JavaHashMap {
  const m = new JavaHashMap();
  keys.forEach((k, i) => m.put(k, i));
  return m;
}

test('hash codes are those of the boxed Java class', () => {
  assert.equal(javaHashCode('IBM'), 72276);
  assert.equal(javaHashCode(true), 1231);
  assert.equal(javaHashCode(false), 1237);
  assert.equal(javaHashCode(null), 0);
  assert.equal(javaHashCode(-7, 'long'), 6);
  assert.equal(javaHashCode(5000000000), 705032705);
  assert.equal(javaHashCode(2.5), 1074003968);
  assert.equal(javaHashCode(100, 'double'), 1079574528);
  assert.equal(javaHashCode(1.5, 'float'), 1069547520);
  assert.equal(javaHashCode(NaN, 'double'), 2146959360);
  assert.equal(javaHashCode([1, 'a']), 1089);
  assert.equal(
    javaHashCode(
      new Map<unknown, unknown>([
        ['a', 1],
        [2, true],
      ]),
    ),
    1325,
  );
});

test('keys iterate by bucket, whatever order they came in', () => {
  const attrs = mapOf(['commonAttr1', 'commonAttr2', 'commonAttr3', 'commonAttr4', 'specAttributesObj']);
  assert.deepEqual(keysOf(attrs), ['specAttributesObj', 'commonAttr4', 'commonAttr3', 'commonAttr2', 'commonAttr1']);
  const stocks = mapOf(['WSO2', 'IBM', 'GOOG', 'ORCL', 'XYZ']);
  assert.deepEqual(keysOf(stocks), ['GOOG', 'IBM', 'WSO2', 'XYZ', 'ORCL']);
  assert.deepEqual([...stocks.values()], [2, 1, 0, 4, 3]);
  assert.deepEqual(
    [...stocks].map(([k]) => k),
    keysOf(stocks),
  );
});

test('a copy is sized for its entries, so its smaller table can order them otherwise', () => {
  const stocks = mapOf(['IBM', 'WSO2', 'XYZ', 'ORCL', 'GOOG']);
  assert.deepEqual(keysOf(JavaHashMap.copyOf(stocks)), ['XYZ', 'GOOG', 'ORCL', 'IBM', 'WSO2']);
  const into = new JavaHashMap().putAll(stocks).put('zz', 0);
  assert.deepEqual(keysOf(into), ['XYZ', 'zz', 'GOOG', 'ORCL', 'IBM', 'WSO2']);
});

test('numbers hash by their attribute type; a removed key put again joins the end of its bucket', () => {
  const m = new JavaHashMap();
  for (let i = -5; i < 30; i += 3) m.put(i, i, 'int');
  m.put(100000, 1, 'long');
  m.put(-7, 1, 'long');
  m.put(5000000000, 1, 'long');
  m.put(2.5, 1, 'double');
  m.put(100, 1, 'double');
  m.put(1.5, 1, 'float');
  m.put(true, 1);
  m.put(false, 1);
  m.put(null, 1);
  assert.deepEqual(keysOf(m), [
    1.5,
    null,
    -2,
    1,
    100000,
    -5,
    4,
    5000000000,
    2.5,
    -7,
    7,
    10,
    13,
    true,
    16,
    19,
    false,
    22,
    25,
    100,
    28,
  ]);
  const again = JavaHashMap.copyOf(mapOf(['IBM', 'WSO2', 'XYZ', 'ORCL', 'GOOG']));
  again.delete('IBM');
  again.put('IBM', 2);
  again.put('AAA', 3);
  assert.deepEqual(keysOf(again), ['XYZ', 'GOOG', 'ORCL', 'AAA', 'IBM', 'WSO2']);
});

test('the table doubles past 3/4 full and when one bucket reaches 9 keys, keeping each bucket in order', () => {
  const many = new JavaHashMap();
  for (let i = 0; i < 12; i++) many.put(i * 16, i, 'int');
  assert.deepEqual(keysOf(many), [0, 32, 64, 96, 128, 160, 16, 48, 80, 112, 144, 176]);
  const grown = mapOf(['a']).putAll(mapOf(Array.from({ length: 30 }, (_, i) => `s${i}`)));
  assert.deepEqual(
    keysOf(grown),
    ['s11', 's10', 's13', 's12', 's15', 's14', 's17', 's16', 's19', 's18', 's0', 's1', 's2', 's3', 'a']
      .concat(['s4', 's5', 's6', 's7', 's8', 's9', 's20', 's22', 's21', 's24', 's23', 's26', 's25', 's28', 's27'])
      .concat(['s29']),
  );
});

test('clear keeps the table; the order survives a structured copy (a snapshot)', () => {
  const m = mapOf(['WSO2', 'IBM', 'GOOG']);
  m.clear();
  assert.equal(m.size, 0);
  m.put('XYZ', 1).put('IBM', 2);
  assert.deepEqual(keysOf(m), ['IBM', 'XYZ']);
  const copy = deserialize(serialize(mapOf(['WSO2', 'IBM', 'GOOG', 'ORCL', 'XYZ']))) as Map<unknown, unknown>;
  assert.deepEqual(keysOf(copy), ['GOOG', 'IBM', 'WSO2', 'XYZ', 'ORCL']);
});
