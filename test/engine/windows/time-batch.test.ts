import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { timeBatchWindow } from '../../../src/engine/windows/time-batch.js';
import { Harness, ms, int, bool, str, attr, STOCK } from './harness.js';

describe('timeBatch window', () => {
  test('emits each period: previous batch expired, RESET, new batch; an empty period only expires', () => {
    const h = new Harness(timeBatchWindow, [ms(1000)], STOCK, 0);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(200);
    h.send(['B', 2, 2]);
    assert.deepEqual(h.take(), []);
    h.clock.advanceTo(1000);
    assert.deepEqual(h.take(), [
      [
        ['R', [], 1000],
        ['C', ['A', 1, 1], 0],
        ['C', ['B', 2, 2], 200],
      ],
    ]);
    h.clock.advanceTo(1500);
    h.send(['C', 3, 3]);
    h.clock.advanceTo(2000);
    assert.deepEqual(h.take(), [
      [
        ['E', ['A', 1, 1], 2000],
        ['E', ['B', 2, 2], 2000],
        ['R', [], 2000],
        ['C', ['C', 3, 3], 1500],
      ],
    ]);
    h.clock.advanceTo(3000);
    assert.deepEqual(h.take(), [[['E', ['C', 3, 3], 3000]]]);
    h.clock.advanceTo(6000);
    assert.deepEqual(h.take(), []);
  });

  test('start.time aligns the periods', () => {
    const h = new Harness(timeBatchWindow, [ms(2000), int(0)], STOCK, 1_577_836_800_500);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(1_577_836_801_999);
    assert.deepEqual(h.take(), []);
    h.clock.advanceTo(1_577_836_802_000);
    assert.deepEqual(h.kinds(), [
      ['R', []],
      ['C', ['A', 1, 1]],
    ]);
  });

  test('stream.current.event emits events at once and expires them at the period end', () => {
    const h = new Harness(timeBatchWindow, [ms(1000), bool(true)], STOCK);
    h.send(['A', 1, 1]);
    assert.deepEqual(h.kinds(), [['C', ['A', 1, 1]]]);
    h.clock.advanceTo(1100);
    assert.deepEqual(h.kinds(), [
      ['E', ['A', 1, 1]],
      ['R', []],
    ]);
    h.send(['B', 2, 2]);
    h.clock.advanceTo(2000);
    assert.deepEqual(h.take(), [
      [['C', ['B', 2, 2], 1100]],
      [
        ['E', ['B', 2, 2], 2000],
        ['R', [], 2000],
      ],
    ]);
  });

  test('restore keeps the batches, not the period: the persisted emit time starts a new one (as Siddhi)', () => {
    const h = new Harness(timeBatchWindow, [ms(1000)], STOCK);
    h.send(['A', 1, 1]);
    h.clock.advanceTo(1000);
    h.send(['B', 2, 2]);
    h.take();
    const r = h.restored(timeBatchWindow, [ms(1000)], STOCK);
    // The persisted emit time (2000) fires in the restored window, which has no period yet: it starts
    // one, and the restored batch is emitted when that ends.
    r.clock.advanceTo(2000);
    assert.deepEqual(r.kinds(), []);
    r.clock.advanceTo(3000);
    assert.deepEqual(r.kinds(), [
      ['E', ['A', 1, 1]],
      ['R', []],
      ['C', ['B', 2, 2]],
    ]);
    assert.deepEqual(h.take(), []);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(timeBatchWindow, [attr('volume')], STOCK), /constant/);
    assert.throws(() => new Harness(timeBatchWindow, [ms(1000), str('x')], STOCK), /start.time/);
    assert.throws(() => new Harness(timeBatchWindow, [ms(1000), int(0), int(1)], STOCK), /stream.current.event/);
    assert.throws(() => new Harness(timeBatchWindow, [ms(1000), k1()], STOCK), /start.time/);
  });
});

function k1(): { value: unknown; type: 'double' } {
  return { value: 0.5, type: 'double' };
}
