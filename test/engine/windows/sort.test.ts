import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sortWindow } from '../../../src/engine/windows/sort.js';
import { Harness, int, str, attr, STOCK } from './harness.js';

describe('sort window', () => {
  test('keeps the n events sorting first; the overflow leaves after the current event', () => {
    // sortWindowTest1: sort(2, volume, 'asc').
    const h = new Harness(sortWindow, [int(2), attr('volume'), str('asc')], STOCK, 50);
    h.send(['WSO2', 55.6, 100]);
    h.send(['IBM', 75.6, 300]);
    h.send(['WSO2', 57.6, 200]);
    h.send(['WSO2', 55.6, 20]);
    h.send(['WSO2', 57.6, 40]);
    assert.deepEqual(h.kinds(), [
      ['C', ['WSO2', 55.6, 100]],
      ['C', ['IBM', 75.6, 300]],
      ['C', ['WSO2', 57.6, 200]],
      ['E', ['IBM', 75.6, 300]],
      ['C', ['WSO2', 55.6, 20]],
      ['E', ['WSO2', 57.6, 200]],
      ['C', ['WSO2', 57.6, 40]],
      ['E', ['WSO2', 55.6, 100]],
    ]);
    assert.deepEqual(h.held(), [
      ['WSO2', 55.6, 20],
      ['WSO2', 57.6, 40],
    ]);
  });

  test('several keys, desc, and ties: the newest of equals leaves first', () => {
    const h = new Harness(sortWindow, [int(2), attr('price'), str('desc'), attr('symbol')], STOCK);
    h.send(['B', 10, 1]);
    h.send(['A', 10, 2]);
    h.send(['C', 10, 3]);
    h.send(['A', 10, 4]);
    assert.deepEqual(h.kinds(), [
      ['C', ['B', 10, 1]],
      ['C', ['A', 10, 2]],
      ['C', ['C', 10, 3]],
      ['E', ['C', 10, 3]],
      ['C', ['A', 10, 4]],
      ['E', ['B', 10, 1]],
    ]);
  });

  test('snapshot and restore', () => {
    const h = new Harness(sortWindow, [int(1), attr('volume')], STOCK);
    h.send(['A', 1, 5]);
    h.take();
    const r = h.restored(sortWindow, [int(1), attr('volume')], STOCK);
    r.send(['B', 1, 3]);
    assert.deepEqual(r.kinds(), [
      ['C', ['B', 1, 3]],
      ['E', ['A', 1, 5]],
    ]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(sortWindow, [int(2), attr('volume'), str('up')], STOCK), /asc/);
    assert.throws(() => new Harness(sortWindow, [str('2'), attr('volume')], STOCK), /int/);
    assert.throws(() => new Harness(sortWindow, [int(2), int(3)], STOCK), /attribute/);
  });
});
