import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lengthWindow } from '../../../src/engine/windows/length.js';
import { Harness, int, str, attr, STOCK } from './harness.js';

describe('length window', () => {
  test('the oldest event expires before the current one that pushes it out, stamped with now', () => {
    const h = new Harness(lengthWindow, [int(2)], STOCK, 1000);
    h.send(['IBM', 700, 0]);
    h.send(['WSO2', 60.5, 1]);
    h.clock.advanceTo(1500);
    h.send(['ORCL', 10, 2]);
    assert.deepEqual(h.take(), [
      [['C', ['IBM', 700, 0], 1000]],
      [['C', ['WSO2', 60.5, 1], 1000]],
      [
        ['E', ['IBM', 700, 0], 1500],
        ['C', ['ORCL', 10, 2], 1500],
      ],
    ]);
    assert.deepEqual(h.held(), [
      ['WSO2', 60.5, 1],
      ['ORCL', 10, 2],
    ]);
  });

  test('a chunk of several events interleaves expiries in order', () => {
    const h = new Harness(lengthWindow, [int(1)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3]);
    assert.deepEqual(h.kinds(), [
      ['C', ['A', 1, 1]],
      ['E', ['A', 1, 1]],
      ['C', ['B', 2, 2]],
      ['E', ['B', 2, 2]],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('length(0) lets each event through, expires it at once and resets', () => {
    const h = new Harness(lengthWindow, [int(0)], STOCK, 7);
    h.send(['A', 1, 1]);
    assert.deepEqual(h.flat(), [
      ['C', ['A', 1, 1], 7],
      ['E', ['A', 1, 1], 7],
      ['R', [], 7],
    ]);
  });

  test('does not mutate the input events', () => {
    const h = new Harness(lengthWindow, [int(1)], STOCK);
    const e = { timestamp: 0, data: ['A', 1, 1], type: 0 as const };
    h.window.process([e]);
    h.clock.advanceTo(50);
    h.send(['B', 2, 2]);
    assert.deepEqual(e, { timestamp: 0, data: ['A', 1, 1], type: 0 });
  });

  test('snapshot and restore continue with the same output', () => {
    const h = new Harness(lengthWindow, [int(2)], STOCK);
    h.send(['A', 1, 1]);
    h.send(['B', 2, 2]);
    h.take();
    const r = h.restored(lengthWindow, [int(2)], STOCK);
    r.send(['C', 3, 3]);
    assert.deepEqual(r.kinds(), [
      ['E', ['A', 1, 1]],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('rejects a non-constant or non-int length at creation', () => {
    assert.throws(() => new Harness(lengthWindow, [attr('volume')], STOCK), /window.length/);
    assert.throws(() => new Harness(lengthWindow, [str('2')], STOCK), /int/);
    assert.throws(() => new Harness(lengthWindow, [int(2), int(3)], STOCK), /one argument/);
  });
});
