import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StampedHeap } from '../../src/engine/runtime/stamped-heap.js';

test('StampedHeap takes out the smallest stamp first, and equal stamps in the order they were added', () => {
  // A fixed pseudo-random sequence with many equal stamps, adds and takes interleaved.
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const heap = new StampedHeap<string>();
  const held: { stamp: number; order: number; value: string }[] = [];
  const taken: string[] = [];
  const expected: string[] = [];
  for (let i = 0; i < 2000; i++) {
    if (next() % 3 !== 0 || held.length === 0) {
      const stamp = next() % 50;
      heap.add(stamp, `v${i}`);
      held.push({ stamp, order: i, value: `v${i}` });
    } else {
      held.sort((a, b) => a.stamp - b.stamp || a.order - b.order);
      assert.equal(heap.firstStamp(), held[0]!.stamp);
      expected.push(held.shift()!.value);
      taken.push(heap.takeFirst());
    }
    assert.equal(heap.size, held.length);
  }
  held.sort((a, b) => a.stamp - b.stamp || a.order - b.order);
  assert.deepEqual(heap.ordered(), { stamps: held.map((h) => h.stamp), values: held.map((h) => h.value) });
  assert.deepEqual(taken, expected);
  assert.ok(taken.length > 500);
  while (heap.size > 0) taken.push(heap.takeFirst());
  assert.deepEqual(
    taken.slice(expected.length),
    held.map((h) => h.value),
  );
  assert.equal(heap.firstStamp(), undefined);
  assert.equal(heap.first(), undefined);
});
