import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { truncate } from '../../src/engine/runtime/truncate.js';

describe('truncate', () => {
  test('keeps the first n elements, whether a few or many go, and leaves a shorter array alone', () => {
    for (const [size, n] of [
      [0, 0],
      [3, 5],
      [5, 5],
      [5, 4],
      [9, 0],
      [9, 1],
      [40, 3],
      [40, 0],
    ] as const) {
      const a = Array.from({ length: size }, (_, i) => `e${i}`);
      truncate(a, n);
      assert.deepEqual(
        a,
        Array.from({ length: Math.min(size, n) }, (_, i) => `e${i}`),
        `${size} elements cut to ${n}`,
      );
      a.push('next');
      assert.equal(a[a.length - 1], 'next');
      assert.equal(a.length, Math.min(size, n) + 1);
    }
  });
});
