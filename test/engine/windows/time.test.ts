import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timeWindow } from '../../../src/engine/windows/time.js';
import { Harness, ms, attr, str, STOCK } from './harness.js';

describe('time window', () => {
  test('an event expires exactly at its timestamp + window time, stamped with that time', () => {
    const h = new Harness(timeWindow, [ms(2000)], STOCK, 10_000);
    h.send(['IBM', 700, 0]);
    h.clock.advanceTo(10_500);
    h.send(['WSO2', 60.5, 1]);
    h.clock.advanceTo(11_999);
    assert.deepEqual(h.take(), [[['C', ['IBM', 700, 0], 10_000]], [['C', ['WSO2', 60.5, 1], 10_500]]]);
    h.clock.advanceTo(12_000);
    assert.deepEqual(h.take(), [[['E', ['IBM', 700, 0], 12_000]]]);
    h.clock.advanceTo(20_000);
    assert.deepEqual(h.take(), [[['E', ['WSO2', 60.5, 1], 12_500]]]);
    assert.deepEqual(h.held(), []);
  });

  test('events of one instant expire together in one chunk', () => {
    const h = new Harness(timeWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2]);
    h.take();
    h.clock.advanceBy(1000);
    assert.deepEqual(h.take(), [
      [
        ['E', ['A', 1, 1], 1000],
        ['E', ['B', 2, 2], 1000],
      ],
    ]);
  });

  test('an arriving event first expires what is due, in the same chunk', () => {
    const h = new Harness(timeWindow, [ms(1000)], STOCK, 5000);
    // An event stamped in the past is due at once: the next arrival pushes it out first.
    h.send({ at: 3000, data: ['OLD', 1, 1] });
    h.send(['NEW', 2, 2]);
    assert.deepEqual(h.flat(), [
      ['C', ['OLD', 1, 1], 3000],
      ['E', ['OLD', 1, 1], 5000],
      ['C', ['NEW', 2, 2], 5000],
    ]);
  });

  test('stop cancels the pending expiries', () => {
    const h = new Harness(timeWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1]);
    h.take();
    h.window.stop?.();
    h.clock.advanceTo(5000);
    assert.deepEqual(h.take(), []);
  });

  test('snapshot and restore reschedule the expiries', () => {
    const h = new Harness(timeWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(400);
    h.send(['B', 2, 2]);
    h.take();
    const r = h.restored(timeWindow, [ms(1000)], STOCK);
    r.clock.advanceTo(1400);
    assert.deepEqual(r.flat(), [
      ['E', ['A', 1, 1], 1000],
      ['E', ['B', 2, 2], 1400],
    ]);
    assert.deepEqual(h.take(), []);
  });

  test('rejects a dynamic or non-numeric time at creation', () => {
    assert.throws(() => new Harness(timeWindow, [attr('volume')], STOCK), /constant/);
    assert.throws(() => new Harness(timeWindow, [str('1 sec')], STOCK), /window.time/);
  });
});
