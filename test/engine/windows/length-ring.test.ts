import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPIRED } from '../../../src/engine/event/stream-event.js';
import { CHUNK_SLOTS, LengthRing } from '../../../src/engine/windows/length-ring.js';

const ATTRS = [{ type: 'string' as const }, { type: 'double' as const }, { type: 'long' as const }];

/** The data written for event i: a null or a string in a numeric attribute now and then. */
const dataOf = (i: number): unknown[] => [
  i % 7 === 0 ? null : `k${i}`,
  i % 5 === 0 ? null : i / 2,
  i % 11 === 0 ? 'eleven' : i,
];

describe('LengthRing (the slots of a length window)', () => {
  test('a slot gives back what was written into it, values a numeric column cannot hold included', () => {
    const ring = new LengthRing(ATTRS);
    for (let i = 0; i < 12; i++) ring.write(i, 100 + i, dataOf(i));
    for (let i = 0; i < 12; i++) {
      assert.deepEqual(ring.data(i), dataOf(i));
      assert.equal(ring.timestamp(i), 100 + i);
    }
  });

  test('writing a slot again replaces its event, and what was kept aside for it', () => {
    const ring = new LengthRing(ATTRS);
    const length = 4;
    for (let i = 0; i < 30; i++) {
      const slot = i % length;
      if (i >= length) assert.deepEqual(ring.data(slot), dataOf(i - length), `event ${i - length} leaves`);
      ring.write(slot, i, dataOf(i));
    }
    // Events 26..29 are held: slot 26 % 4 = 2 holds the oldest.
    assert.deepEqual(
      ring.events(2, 4, length, false).map((e) => [e.timestamp, e.data]),
      [26, 27, 28, 29].map((i) => [i, dataOf(i)]),
    );
  });

  test('once fitted to its slots (the window full), a ring slides as before, across chunks too', () => {
    for (const length of [1, 10, CHUNK_SLOTS + 3]) {
      const ring = new LengthRing(ATTRS);
      for (let i = 0; i < length + 25; i++) {
        const slot = i % length;
        if (i >= length) assert.deepEqual(ring.data(slot), dataOf(i - length), `length ${length}: event ${i - length}`);
        ring.write(slot, i, dataOf(i));
        if (i === length - 1) ring.fit();
      }
      const first = 25 % length;
      assert.deepEqual(
        ring.events(first, length, length, false).map((e) => e.timestamp),
        Array.from({ length }, (_, j) => 25 + j),
      );
    }
  });

  test('numbers come back as they went in: -0, NaN, infinities, the largest safe long', () => {
    const ring = new LengthRing(ATTRS);
    const values = [-0, NaN, Infinity, -Infinity, 2 ** 53 - 1, -(2 ** 53) + 1, 5e-324];
    values.forEach((v, i) => ring.write(i, i, [`k${i}`, v, v]));
    values.forEach((v, i) => {
      const d = ring.data(i);
      assert.ok(Object.is(d[1], v) && Object.is(d[2], v), `${String(v)} came back as ${String(d[1])}, ${String(d[2])}`);
    });
  });

  test('a window longer than a chunk fills several, and slides across their boundary', () => {
    const ring = new LengthRing(ATTRS);
    const length = CHUNK_SLOTS + 3;
    for (let i = 0; i < length + 10; i++) {
      const slot = i % length;
      if (i >= length) assert.deepEqual(ring.data(slot), dataOf(i - length));
      ring.write(slot, i, dataOf(i));
    }
    const held = ring.events(10, length, length, false);
    assert.equal(held.length, length);
    assert.deepEqual(held[0], { timestamp: 10, data: dataOf(10), type: EXPIRED });
    assert.deepEqual(held[CHUNK_SLOTS - 11], {
      timestamp: CHUNK_SLOTS - 1,
      data: dataOf(CHUNK_SLOTS - 1),
      type: EXPIRED,
    });
    assert.deepEqual(held[length - 1], { timestamp: length + 9, data: dataOf(length + 9), type: EXPIRED });
  });

  test('once read with the mirror, reads return the same objects, and writes replace theirs', () => {
    const ring = new LengthRing(ATTRS);
    for (let i = 0; i < 3; i++) ring.write(i, i, dataOf(i));
    const first = ring.events(0, 3, 3, true);
    const again = ring.events(0, 3, 3, true);
    first.forEach((e, j) => assert.equal(again[j], e));
    // The oldest leaves (its object, stamped now) and event 3 takes its slot.
    const gone = ring.leave(0, 500);
    assert.equal(gone, first[0]);
    assert.deepEqual(gone, { timestamp: 500, data: dataOf(0), type: EXPIRED });
    ring.write(0, 3, dataOf(3));
    const after = ring.events(1, 3, 3, true);
    assert.equal(after[0], first[1]);
    assert.deepEqual(after[2], { timestamp: 3, data: dataOf(3), type: EXPIRED });
  });

  test('without the mirror, a leaving event is a new object; clear empties the ring', () => {
    const ring = new LengthRing(ATTRS);
    ring.write(0, 7, dataOf(1));
    const a = ring.leave(0, 9);
    const b = ring.leave(0, 9);
    assert.notEqual(a, b);
    assert.deepEqual(a, { timestamp: 9, data: dataOf(1), type: EXPIRED });
    ring.clear();
    ring.write(0, 8, dataOf(2));
    assert.deepEqual(ring.events(0, 1, 1, false), [{ timestamp: 8, data: dataOf(2), type: EXPIRED }]);
  });
});
