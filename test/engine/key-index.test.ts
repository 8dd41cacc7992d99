import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CURRENT, EXPIRED, type StreamEvent } from '../../src/engine/event/stream-event.js';
import { KeyIndex } from '../../src/engine/join/key-index.js';

const cur = (k: unknown, v: number): StreamEvent => ({ timestamp: v, data: [k, v], type: CURRENT });
const exp = (k: unknown, v: number): StreamEvent => ({ timestamp: v, data: [k, v], type: EXPIRED });

function rows(index: KeyIndex, key: unknown): unknown[] {
  const b = index.get(key);
  return b === undefined ? [] : b.rows.slice(b.head).map((r) => r[1]);
}

describe('join key index', () => {
  test('small whole-number keys, other numbers and strings: each bucket in window order, emptied buckets gone', () => {
    const index = new KeyIndex((row) => row[0]);
    const keys: unknown[] = [0, 7, 4095, 4096, -1, 2.5, 1e12, 'a', '7'];
    index.apply(keys.map((k, i) => cur(k, i)));
    index.apply(keys.map((k, i) => cur(k, 100 + i)));
    for (const [i, k] of keys.entries()) assert.deepEqual(rows(index, k), [i, 100 + i], `key ${String(k)}`);
    // the oldest of each leaves first
    index.apply(keys.map((k, i) => exp(k, i)));
    for (const [i, k] of keys.entries()) assert.deepEqual(rows(index, k), [100 + i], `key ${String(k)}`);
    index.apply(keys.map((k, i) => exp(k, 100 + i)));
    for (const k of keys) assert.equal(index.get(k), undefined, `key ${String(k)} is gone`);
  });

  test('-0 and 0 are one key, as == compares them; 7 and 7.0 too; 7 and "7" are not', () => {
    const index = new KeyIndex((row) => row[0]);
    index.apply([cur(-0, 1), cur(0, 2), cur(7, 3), cur('7', 4)]);
    assert.deepEqual(rows(index, 0), [1, 2]);
    assert.deepEqual(rows(index, -0), [1, 2]);
    assert.deepEqual(rows(index, 7.0), [3]);
    assert.deepEqual(rows(index, '7'), [4]);
    assert.equal(index.get(8), undefined);
  });

  test('null, undefined and NaN keys are not indexed (they equal nothing)', () => {
    const index = new KeyIndex((row) => row[0]);
    index.apply([cur(null, 1), cur(undefined, 2), cur(NaN, 3)]);
    assert.equal(index.get(null), undefined);
    assert.equal(index.get(NaN), undefined);
  });

  test('a long-lived bucket compacts and reset rebuilds from the contents', () => {
    const index = new KeyIndex((row) => row[0]);
    for (let i = 0; i < 100; i++) index.apply([cur(3, i)]);
    for (let i = 0; i < 90; i++) index.apply([exp(3, i)]);
    assert.deepEqual(
      rows(index, 3),
      Array.from({ length: 10 }, (_, i) => 90 + i),
    );
    assert.ok(index.get(3)!.head < 16, 'compacted');
    index.reset([cur(5, 1), cur('x', 2)]);
    assert.equal(index.get(3), undefined);
    assert.deepEqual(rows(index, 5), [1]);
    assert.deepEqual(rows(index, 'x'), [2]);
  });
});
