import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cronWindow } from '../../../src/engine/windows/cron.js';
import { Harness, str, int, STOCK } from './harness.js';

const S = 1_577_836_800_000; // 2020-01-01T00:00:00Z

describe('cron window', () => {
  test("'*/5 * * * * ?' emits what arrived at each 5 s mark; the previous batch expires then", () => {
    const h = new Harness(cronWindow, [str('*/5 * * * * ?')], STOCK, S);
    h.send(['IBM', 700, 0]);
    h.send(['WSO2', 60.5, 1]);
    h.clock.advanceTo(S + 4999);
    assert.deepEqual(h.take(), []);
    h.clock.advanceTo(S + 7000);
    assert.deepEqual(h.take(), [
      [
        ['C', ['IBM', 700, 0], S],
        ['C', ['WSO2', 60.5, 1], S],
      ],
    ]);
    h.send(['IBM1', 700, 0]);
    h.clock.advanceTo(S + 14_000);
    assert.deepEqual(h.take(), [
      [
        ['E', ['IBM', 700, 0], S + 10_000],
        ['E', ['WSO2', 60.5, 1], S + 10_000],
        ['C', ['IBM1', 700, 0], S + 7000],
      ],
    ]);
    // No new events: nothing at 15 s.
    h.clock.advanceTo(S + 21_000);
    assert.deepEqual(h.take(), []);
  });

  test('Quartz syntax: day-of-week 1 is Sunday, 0/30 steps', () => {
    const h = new Harness(cronWindow, [str('0/30 0 0 ? * 1')], STOCK, S); // 2020-01-01 is a Wednesday
    h.send(['A', 1, 1]);
    h.clock.advanceTo(S + 4 * 86_400_000 - 1);
    assert.deepEqual(h.take(), []);
    h.clock.advanceTo(S + 4 * 86_400_000 + 30_000); // Sunday 2020-01-05 00:00:00 and 00:00:30
    assert.deepEqual(h.flat(), [['C', ['A', 1, 1], S]]);
  });

  test('stop cancels the schedule; snapshot and restore keep the batches', () => {
    const h = new Harness(cronWindow, [str('*/5 * * * * ?')], STOCK, S);
    h.send(['A', 1, 1]);
    const r = h.restored(cronWindow, [str('*/5 * * * * ?')], STOCK);
    r.clock.advanceTo(S + 5000);
    assert.deepEqual(r.kinds(), [['C', ['A', 1, 1]]]);
    assert.deepEqual(h.take(), []);
  });

  test('rejects a bad cron expression at creation', () => {
    assert.throws(() => new Harness(cronWindow, [str('every five seconds')], STOCK), /cron/);
    assert.throws(() => new Harness(cronWindow, [int(5)], STOCK), /string/);
  });
});
