import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CURRENT, EXPIRED, type StreamEvent } from '../../../src/engine/event/stream-event.js';
import { HeldEvents } from '../../../src/engine/windows/held-events.js';

const ATTRS = [{ type: 'string' as const }, { type: 'double' as const }, { type: 'long' as const }];

describe('HeldEvents (the columnar FIFO of time and length windows)', () => {
  test('events leave oldest first, stamped with the time they leave, values intact', () => {
    const q = new HeldEvents(ATTRS, EXPIRED);
    q.push(100, ['a', 1.5, 7]);
    q.push(200, ['b', -0.25, 2 ** 53 - 1]);
    q.push(300, ['c', 3, 0]);
    const out: StreamEvent[] = [];
    q.expireInto(out, 1000, 1200);
    assert.deepEqual(out, [
      { timestamp: 1200, data: ['a', 1.5, 7], type: EXPIRED },
      { timestamp: 1200, data: ['b', -0.25, 2 ** 53 - 1], type: EXPIRED },
    ]);
    assert.equal(q.size, 1);
    assert.deepEqual(q.toArray(), [{ timestamp: 300, data: ['c', 3, 0], type: EXPIRED }]);
  });

  test('null and non-number values in numeric attributes survive, across blocks', () => {
    const q = new HeldEvents(ATTRS, CURRENT);
    // expire half the first blocks, so reads start mid-block
    for (let i = 0; i < 1000; i++) q.push(i, [`k${i}`, i / 2, i]);
    const gone: StreamEvent[] = [];
    q.expireInto(gone, 0, 499);
    assert.equal(gone.length, 500);
    for (let i = 1000; i < 3000; i++)
      q.push(i, [i % 7 === 0 ? null : `k${i}`, i % 5 === 0 ? null : i / 2, i % 11 === 0 ? 'x' : i]);
    assert.equal(q.size, 2500);
    const all = q.toArray();
    assert.equal(all[0]!.timestamp, 500);
    for (const e of all) {
      const i = e.timestamp;
      const expected =
        i < 1000
          ? [`k${i}`, i / 2, i]
          : [i % 7 === 0 ? null : `k${i}`, i % 5 === 0 ? null : i / 2, i % 11 === 0 ? 'x' : i];
      assert.deepEqual(e.data, expected, `event ${i}`);
      assert.equal(e.type, CURRENT);
    }
    const out: StreamEvent[] = [];
    q.expireInto(out, 0, 10_000);
    assert.equal(out.length, 2500);
    assert.deepEqual(out[2499]!.data, ['k2999', 1499.5, 2999]);
    assert.deepEqual(out[2475]!.data, [null, null, 2975], '2975 = 7 * 5 * 85');
    assert.equal(q.size, 0);
    q.clear();
    q.push(1, ['z', null, 1]);
    assert.deepEqual(q.toArray()[0]!.data, ['z', null, 1]);
  });

  test('once read, reads stay consistent through pushes, expiries and new blocks', () => {
    const q = new HeldEvents(ATTRS, EXPIRED);
    for (let i = 0; i < 10; i++) q.push(i, [`k${i}`, i, i]);
    assert.equal(q.toArray().length, 10);
    for (let i = 10; i < 2100; i++) q.push(i, [`k${i}`, i === 15 ? null : i, i]);
    const out: StreamEvent[] = [];
    q.expireInto(out, 100, 105);
    assert.deepEqual(
      out.map((e) => [e.timestamp, e.data[0]]),
      [0, 1, 2, 3, 4, 5].map((i) => [105, `k${i}`]),
    );
    const held = q.toArray();
    assert.equal(held.length, 2094);
    assert.deepEqual([held[0]!.timestamp, held[9]!.data], [6, ['k15', null, 15]]);
    assert.deepEqual(held[2093], { timestamp: 2099, data: ['k2099', 2099, 2099], type: EXPIRED });
  });

  test('a window that empties and refills, at sizes around block boundaries, keeps order and values', () => {
    const q = new HeldEvents(ATTRS, EXPIRED);
    let next = 0;
    let expected = 0;
    for (const size of [1, 64, 65, 200, 8192 + 100, 3, 40_000, 0, 10]) {
      for (let k = 0; k < size; k++, next++) q.push(next, [`k${next}`, next % 3 === 0 ? null : next, next]);
      assert.equal(q.size, size);
      const out: StreamEvent[] = [];
      q.expireInto(out, 0, next - 1);
      assert.equal(out.length, size);
      for (const e of out) {
        assert.deepEqual(e.data, [`k${expected}`, expected % 3 === 0 ? null : expected, expected]);
        expected++;
      }
    }
    assert.equal(q.size, 0);
  });

  test('shift takes the oldest out, stamped with the time it leaves', () => {
    const q = new HeldEvents(ATTRS, EXPIRED);
    const taken: StreamEvent[] = [];
    for (let i = 0; i < 20; i++) {
      if (q.size === 3) taken.push(q.shift(1000 + i));
      q.push(i, [`k${i}`, i % 4 === 0 ? null : i * 1.5, i % 5 === 0 ? 'five' : i]);
    }
    assert.equal(taken.length, 17);
    taken.forEach((e, j) => {
      assert.deepEqual(e, {
        timestamp: 1003 + j,
        data: [`k${j}`, j % 4 === 0 ? null : j * 1.5, j % 5 === 0 ? 'five' : j],
        type: EXPIRED,
      });
    });
    assert.deepEqual(
      q.toArray().map((e) => [e.timestamp, e.data]),
      [
        [17, ['k17', 25.5, 17]],
        [18, ['k18', 27, 18]],
        [19, ['k19', 28.5, 19]],
      ],
    );
  });

  test('numbers come back as they went in: -0, NaN, infinities, the largest safe long', () => {
    const q = new HeldEvents(ATTRS, EXPIRED);
    const values = [-0, NaN, Infinity, -Infinity, 2 ** 53 - 1, -(2 ** 53) + 1, 5e-324];
    values.forEach((v, i) => q.push(i, [`k${i}`, v, v]));
    const back = q.toArray().map((e) => e.data);
    assert.equal(back.length, values.length);
    back.forEach((d, i) => {
      assert.ok(Object.is(d[1], values[i]), `double ${String(values[i])}`);
      assert.ok(Object.is(d[2], values[i]), `long ${String(values[i])}`);
    });
  });
});
