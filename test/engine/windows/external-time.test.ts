import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { externalTimeWindow } from '../../../src/engine/windows/external-time.js';
import { Harness, ms, attr, k, type Attrs } from './harness.js';

const LOGIN: Attrs = [
  { name: 'timestamp', type: 'long' },
  { name: 'ip', type: 'string' },
];

describe('externalTime window', () => {
  test('expires by the timestamp attribute, not the clock, stamping expiries with the new event time', () => {
    const h = new Harness(externalTimeWindow, [attr('timestamp'), ms(5000)], LOGIN, 99);
    h.send([1366335804341, '192.10.1.3']);
    h.send([1366335804342, '192.10.1.4']);
    h.clock.advanceTo(1_000_000);
    assert.equal(h.flat().length, 2);
    h.send([1366335814341, '192.10.1.5']);
    assert.deepEqual(h.flat(), [
      ['E', [1366335804341, '192.10.1.3'], 1366335814341],
      ['E', [1366335804342, '192.10.1.4'], 1366335814341],
      ['C', [1366335814341, '192.10.1.5'], 1_000_000],
    ]);
  });

  test('an event exactly window-time later pushes the old one out', () => {
    const h = new Harness(externalTimeWindow, [attr('timestamp'), ms(1000)], LOGIN);
    h.send([1000, 'a']);
    h.send([1999, 'b']);
    h.send([2000, 'c']);
    assert.deepEqual(h.kinds(), [
      ['C', [1000, 'a']],
      ['C', [1999, 'b']],
      ['E', [1000, 'a']],
      ['C', [2000, 'c']],
    ]);
  });

  test('snapshot and restore', () => {
    const h = new Harness(externalTimeWindow, [attr('timestamp'), ms(1000)], LOGIN);
    h.send([1000, 'a']);
    h.take();
    const r = h.restored(externalTimeWindow, [attr('timestamp'), ms(1000)], LOGIN);
    r.send([2500, 'b']);
    assert.deepEqual(r.kinds(), [
      ['E', [1000, 'a']],
      ['C', [2500, 'b']],
    ]);
  });

  test('rejects a constant or non-long timestamp at creation', () => {
    assert.throws(() => new Harness(externalTimeWindow, [k(5, 'long'), ms(1000)], LOGIN), /attribute/);
    assert.throws(() => new Harness(externalTimeWindow, [attr('ip'), ms(1000)], LOGIN), /long/);
  });
});
