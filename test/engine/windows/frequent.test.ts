import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { frequentWindow } from '../../../src/engine/windows/frequent.js';
import { lossyFrequentWindow } from '../../../src/engine/windows/lossy-frequent.js';
import { Harness, int, attr, k, str, type Attrs } from './harness.js';

const PURCHASE: Attrs = [
  { name: 'cardNo', type: 'string' },
  { name: 'price', type: 'float' },
];

describe('frequent window', () => {
  test('a new key beyond n decrements the others; those at zero leave and make room', () => {
    const h = new Harness(frequentWindow, [int(2)], PURCHASE);
    h.send(['a', 1]);
    h.send(['b', 2]);
    h.send(['c', 3]);
    h.send(['a', 1]);
    assert.deepEqual(h.kinds(), [
      ['C', ['a', 1]],
      ['C', ['b', 2]],
      ['E', ['a', 1]],
      ['E', ['b', 2]],
      ['C', ['c', 3]],
      ['C', ['a', 1]],
    ]);
  });

  test('an event whose key finds no room is dropped; a repeated key passes and counts up', () => {
    const h = new Harness(frequentWindow, [int(2), attr('cardNo')], PURCHASE);
    h.send(['a', 1], ['a', 2], ['b', 3], ['c', 4]);
    // a:2 b:1 -> c decrements both: b leaves, a stays at 1, c gets the room.
    assert.deepEqual(h.kinds(), [
      ['C', ['a', 1]],
      ['C', ['a', 2]],
      ['C', ['b', 3]],
      ['E', ['b', 3]],
      ['C', ['c', 4]],
    ]);
    h.send(['a', 5], ['a', 6], ['c', 7], ['c', 8], ['d', 9]);
    // a:3 c:3 -> d decrements both to 2: no room, d is dropped.
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['C5', 'C6', 'C7', 'C8'],
    );
    assert.deepEqual(h.held(), [
      ['a', 6],
      ['c', 8],
    ]);
  });

  test('snapshot and restore keep the counts', () => {
    const h = new Harness(frequentWindow, [int(1), attr('cardNo')], PURCHASE);
    h.send(['a', 1], ['a', 2]);
    h.take();
    const r = h.restored(frequentWindow, [int(1), attr('cardNo')], PURCHASE);
    r.send(['b', 3]);
    assert.deepEqual(r.kinds(), []);
    r.send(['b', 4]);
    assert.deepEqual(r.kinds(), [
      ['E', ['a', 2]],
      ['C', ['b', 4]],
    ]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(frequentWindow, [attr('cardNo')], PURCHASE), /event.count/);
    assert.throws(() => new Harness(frequentWindow, [int(2), str('cardNo')], PURCHASE), /attribute/);
  });
});

describe('lossyFrequent window', () => {
  test('lets through keys above (support - error) of all events and prunes rare keys at bucket ends', () => {
    // support 0.3, error 0.25: buckets of 4 events; a key passes with count >= 0.05 * total.
    const h = new Harness(lossyFrequentWindow, [k(0.3, 'double'), k(0.25, 'double'), attr('cardNo')], PURCHASE, 9);
    h.send(['rare', 1], ['x', 2], ['x', 3], ['x', 4]);
    // At the 4th event (bucket 1 ends): rare has count 1 + bucket 0 <= 1 and is pruned; x has 3 + 0 > 1.
    assert.deepEqual(h.flat(), [
      ['C', ['rare', 1], 9],
      ['C', ['x', 2], 9],
      ['C', ['x', 3], 9],
      ['C', ['x', 4], 9],
      ['E', ['rare', 1], 9],
    ]);
    assert.deepEqual(h.held(), [['x', 4]]);
  });

  test('a key below the threshold is held back', () => {
    const h = new Harness(lossyFrequentWindow, [k(0.9, 'double'), k(0.01, 'double')], PURCHASE);
    h.send(['a', 1], ['a', 1], ['b', 2]);
    // b: 1 < 0.89 * 3.
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[0])}`),
      ['Ca', 'Ca'],
    );
  });

  test('snapshot and restore', () => {
    const args = [k(0.3, 'double'), k(0.25, 'double'), attr('cardNo')];
    const h = new Harness(lossyFrequentWindow, args, PURCHASE);
    h.send(['rare', 1], ['x', 2], ['x', 3]);
    h.take();
    const r = h.restored(lossyFrequentWindow, args, PURCHASE);
    r.send(['x', 4]);
    assert.deepEqual(r.kinds(), [
      ['C', ['x', 4]],
      ['E', ['rare', 1]],
    ]);
  });
});
