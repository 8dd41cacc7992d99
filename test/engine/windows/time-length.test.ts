import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timeLengthWindow } from '../../../src/engine/windows/time-length.js';
import { Harness, ms, int, attr, STOCK } from './harness.js';

describe('timeLength window', () => {
  test('an event leaves when the window is full or when it is too old', () => {
    const h = new Harness(timeLengthWindow, [ms(2000), int(2)], STOCK);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(100);
    h.send(['B', 2, 2]);
    h.clock.advanceTo(200);
    h.send(['C', 3, 3]);
    assert.deepEqual(h.flat(), [
      ['C', ['A', 1, 1], 0],
      ['C', ['B', 2, 2], 100],
      ['E', ['A', 1, 1], 200],
      ['C', ['C', 3, 3], 200],
    ]);
    h.clock.advanceTo(2100);
    assert.deepEqual(h.flat(), [['E', ['B', 2, 2], 2100]]);
    h.clock.advanceTo(2200);
    assert.deepEqual(h.flat(), [['E', ['C', 3, 3], 2200]]);
  });

  test('snapshot and restore', () => {
    const h = new Harness(timeLengthWindow, [ms(1000), int(5)], STOCK);
    h.send(['A', 1, 1]);
    h.take();
    const r = h.restored(timeLengthWindow, [ms(1000), int(5)], STOCK);
    r.clock.advanceTo(1000);
    assert.deepEqual(r.flat(), [['E', ['A', 1, 1], 1000]]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(timeLengthWindow, [ms(1000)], STOCK), /two arguments/);
    assert.throws(() => new Harness(timeLengthWindow, [ms(1000), attr('volume')], STOCK), /constant/);
  });
});
