import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { delayWindow } from '../../../src/engine/windows/delay.js';
import { Harness, ms, int, str, STOCK } from './harness.js';

describe('delay window', () => {
  test('emits each event as current once the delay passed, stamped with the release time', () => {
    const h = new Harness(delayWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(100);
    h.send(['B', 2, 2]);
    assert.deepEqual(h.take(), []);
    assert.deepEqual(h.held(), [
      ['A', 1, 1],
      ['B', 2, 2],
    ]);
    h.clock.advanceTo(1000);
    assert.deepEqual(h.flat(), [['C', ['A', 1, 1], 1000]]);
    h.clock.advanceTo(3000);
    assert.deepEqual(h.flat(), [['C', ['B', 2, 2], 1100]]);
  });

  test('snapshot and restore', () => {
    const h = new Harness(delayWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1]);
    const r = h.restored(delayWindow, [ms(1000)], STOCK);
    r.clock.advanceTo(1000);
    assert.deepEqual(r.flat(), [['C', ['A', 1, 1], 1000]]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(delayWindow, [ms(2), int(3)], STOCK), /one argument/);
    assert.throws(() => new Harness(delayWindow, [str('abc')], STOCK), /window.delay/);
  });
});
