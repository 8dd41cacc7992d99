import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rowsEqual, show, valuesEqual } from '../../src/cli/conformance/compare.js';

test('non-finite doubles are written as text in cases and match the numbers the engine gives', () => {
  assert.equal(valuesEqual('NaN', NaN), true);
  assert.equal(valuesEqual('Infinity', Infinity), true);
  assert.equal(valuesEqual('-Infinity', -Infinity), true);
  assert.equal(valuesEqual('Infinity', -Infinity), false);
  assert.equal(valuesEqual('NaN', Infinity), false);
  assert.equal(valuesEqual('NaN', 1.5), false);
  assert.equal(valuesEqual('NaN', 'NaN'), true);
  assert.equal(valuesEqual('other', NaN), false);
  assert.equal(rowsEqual([['x', 'NaN']], [['x', NaN]], false), true);
});

test('numbers compare with a relative tolerance, strings exactly', () => {
  assert.equal(valuesEqual(1232.3423, 1232.342342), true);
  assert.equal(valuesEqual(25, 25.5), false);
  assert.equal(valuesEqual('25', 25), false);
});

test('a map value matches the JSON object with the same entries, keys as text', () => {
  const map = new Map<unknown, unknown>([
    ['a', 1],
    [2, new Map([['x', [true]]])],
  ]);
  assert.equal(valuesEqual({ a: 1, '2': { x: [true] } }, map), true);
  assert.equal(valuesEqual({ a: 1 }, map), false);
  assert.equal(valuesEqual({ a: 2, '2': { x: [true] } }, map), false);
  assert.equal(valuesEqual({}, new Map()), true);
  assert.equal(show([map]), '[{"2":{"x":[true]},"a":1}]');
});
