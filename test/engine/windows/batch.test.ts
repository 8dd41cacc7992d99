import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { batchWindow } from '../../../src/engine/windows/batch.js';
import { Harness, int, attr, STOCK } from './harness.js';

describe('batch window', () => {
  test('each chunk is a batch; the previous one expires, then RESET, then the new one', () => {
    const h = new Harness(batchWindow, [], STOCK, 10);
    h.send(['A', 1, 1], ['B', 2, 2]);
    h.clock.advanceTo(20);
    h.send(['C', 3, 3]);
    assert.deepEqual(h.take(), [
      [
        ['C', ['A', 1, 1], 10],
        ['C', ['B', 2, 2], 10],
      ],
      [
        ['E', ['A', 1, 1], 20],
        ['E', ['B', 2, 2], 20],
        ['R', [], 20],
        ['C', ['C', 3, 3], 20],
      ],
    ]);
  });

  test('batch(n) cuts a long chunk into batches of n', () => {
    const h = new Harness(batchWindow, [int(2)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3]);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d]) => `${t}${String(d[0] ?? '')}`)),
      [
        ['CA', 'CB'],
        ['R', 'CC'],
      ],
    );
    h.send(['D', 4, 4]);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d]) => `${t}${String(d[0] ?? '')}`)),
      [['EA', 'EB', 'EC', 'R', 'CD']],
    );
  });

  test('snapshot and restore', () => {
    const h = new Harness(batchWindow, [], STOCK);
    h.send(['A', 1, 1]);
    h.take();
    const r = h.restored(batchWindow, [], STOCK);
    r.send(['B', 2, 2]);
    assert.deepEqual(r.kinds(), [
      ['E', ['A', 1, 1]],
      ['R', []],
      ['C', ['B', 2, 2]],
    ]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(batchWindow, [attr('volume')], STOCK), /constant/);
    assert.throws(() => new Harness(batchWindow, [int(-1)], STOCK), /negative/);
    assert.throws(() => new Harness(batchWindow, [int(1), int(2)], STOCK), /at most one/);
  });
});
