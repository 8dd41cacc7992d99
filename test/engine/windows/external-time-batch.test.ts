import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { externalTimeBatchWindow } from '../../../src/engine/windows/external-time-batch.js';
import { Harness, ms, int, bool, attr, str, type ArgSpec, type Attrs } from './harness.js';

const LOGIN: Attrs = [
  { name: 'timestamp', type: 'long' },
  { name: 'ip', type: 'string' },
];
const S = 1_577_836_800_000;
const B = 1366335800000;

describe('externalTimeBatch window', () => {
  test('emits a batch when an event of a later period arrives (periods from the first event)', () => {
    const h = new Harness(externalTimeBatchWindow, [attr('timestamp'), ms(1000)], LOGIN, S);
    h.send([B + 4341, 'a']);
    h.send([B + 4342, 'b']);
    h.send([B + 5341, 'c']);
    assert.deepEqual(h.take(), [
      [
        ['R', [], B + 5341],
        ['C', [B + 4341, 'a'], S],
        ['C', [B + 4342, 'b'], S],
      ],
    ]);
    h.send([B + 6341, 'd']);
    assert.deepEqual(h.take(), [
      [
        ['E', [B + 4341, 'a'], B + 6341],
        ['E', [B + 4342, 'b'], B + 6341],
        ['R', [], B + 6341],
        ['C', [B + 5341, 'c'], S],
      ],
    ]);
  });

  test('timeout: emits the running batch, then re-emits it with late events of the same period', () => {
    // externalTimeBatchWindowTest7: externalTimeBatch(timestamp, 1 sec, 0, 2 sec).
    const args: ArgSpec[] = [attr('timestamp'), ms(1000), int(0), ms(2000)];
    const h = new Harness(externalTimeBatchWindow, args, LOGIN, S);
    for (const [t, ip] of [
      [4341, '3'],
      [4599, '4'],
      [4600, '5'],
      [4607, '6'],
      [5599, '4'],
      [5600, '5'],
      [5607, '6'],
    ] as const)
      h.send([B + t, ip]);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d]) => `${t}${d.length ? d[1] : ''}`)),
      [['R', 'C3', 'C4', 'C5', 'C6']],
    );
    h.clock.advanceBy(3000);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d]) => `${t}${d.length ? d[1] : ''}`)),
      [['E3', 'E4', 'E5', 'E6', 'R', 'C4', 'C5', 'C6']],
    );
    h.send([B + 5606, '7']);
    h.send([B + 5605, '8']);
    h.clock.advanceBy(3000);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d]) => `${t}${d.length ? d[1] : ''}`)),
      [['E4', 'E5', 'E6', 'R', 'C4', 'C5', 'C6', 'C7', 'C8']],
    );
    h.send([B + 6606, '9']);
    h.send([B + 6690, '10']);
    h.clock.advanceBy(3000);
    const last = h.take();
    assert.deepEqual(
      last.map((c) => c.map(([t, d]) => `${t}${d.length ? d[1] : ''}`)),
      [['E4', 'E5', 'E6', 'E7', 'E8', 'R', 'C9', 'C10']],
    );
    assert.equal(last[0]![0]![2], B + 6690);
  });

  test('replace.with.batchtime writes the batch end time into the timestamp attribute', () => {
    const h = new Harness(externalTimeBatchWindow, [attr('timestamp'), ms(1000), int(0), ms(0), bool(true)], LOGIN, S);
    h.send([B + 4341, 'a']);
    h.send([B + 5100, 'b']);
    assert.deepEqual(h.kinds(), [
      ['R', []],
      ['C', [B + 5000, 'a']],
    ]);
  });

  test('snapshot and restore', () => {
    const h = new Harness(externalTimeBatchWindow, [attr('timestamp'), ms(1000)], LOGIN, S);
    h.send([1000, 'a']);
    h.send([2000, 'b']);
    h.take();
    const r = h.restored(externalTimeBatchWindow, [attr('timestamp'), ms(1000)], LOGIN);
    r.send([3000, 'c']);
    assert.deepEqual(r.kinds(), [
      ['E', [1000, 'a']],
      ['R', []],
      ['C', [2000, 'b']],
    ]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(externalTimeBatchWindow, [attr('ip'), ms(1000)], LOGIN), /long/);
    assert.throws(
      () => new Harness(externalTimeBatchWindow, [attr('timestamp'), attr('timestamp')], LOGIN),
      /constant/,
    );
    assert.throws(
      () => new Harness(externalTimeBatchWindow, [attr('timestamp'), ms(1000), str('x')], LOGIN),
      /start.time/,
    );
    assert.throws(
      () => new Harness(externalTimeBatchWindow, [attr('timestamp'), ms(1000), int(0), ms(1), int(1)], LOGIN),
      /replace.with.batchtime/,
    );
  });
});
