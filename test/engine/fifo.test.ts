import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Fifo } from '../../src/engine/runtime/fifo.js';

describe('Fifo', () => {
  test('gives elements back in the order they went in, across its compactions and emptyings', () => {
    const q = new Fifo<number>();
    const expected: number[] = [];
    let next = 0;
    let taken = 0;
    // Rounds of pushes and shifts that take the head past 1,024 and past half the array (a
    // compaction), and empty the queue now and then.
    for (let round = 0; round < 40; round++) {
      const pushes = (round * 397) % 3000;
      for (let i = 0; i < pushes; i++) {
        q.push(next);
        expected.push(next++);
      }
      const shifts = round % 5 === 4 ? q.size : Math.floor(q.size * 0.7);
      for (let i = 0; i < shifts; i++) assert.equal(q.shift(), expected[taken++]);
      assert.equal(q.size, expected.length - taken);
      assert.equal(q.peek(), expected[taken]);
      if (q.size > 2) assert.equal(q.at(2), expected[taken + 2]);
    }
    assert.deepEqual(q.toArray(), expected.slice(taken));
    assert.deepEqual(q.drain(), expected.slice(taken));
    assert.equal(q.size, 0);
    assert.equal(q.shift(), undefined);
    assert.equal(q.peek(), undefined);
    q.push(7);
    assert.deepEqual(q.toArray(), [7]);
  });

  test('findIndex and removeAt: the oldest leaves as by shift, another from the middle, order kept', () => {
    const q = Fifo.of([10, 11, 12, 13, 14, 15]);
    q.shift();
    assert.equal(
      q.findIndex((x) => x === 13),
      2,
    );
    assert.equal(
      q.findIndex((x) => x > 100),
      -1,
    );
    q.removeAt(2);
    assert.deepEqual(q.toArray(), [11, 12, 14, 15]);
    q.removeAt(0);
    assert.deepEqual(q.toArray(), [12, 14, 15]);
    assert.equal(
      q.findIndex((x) => x === 12),
      0,
    );
    q.removeAt(q.size - 1);
    q.push(16);
    assert.deepEqual(q.toArray(), [12, 14, 16]);
  });
});
