import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionWindow } from '../../../src/engine/windows/session.js';
import { Harness, ms, str, attr, k, type Attrs } from './harness.js';

const PURCHASE: Attrs = [
  { name: 'user', type: 'string' },
  { name: 'item_number', type: 'int' },
  { name: 'price', type: 'float' },
  { name: 'quantity', type: 'int' },
];
const S = 1_577_836_800_000;

describe('session window', () => {
  test('current events pass at once; the session leaves when the gap passes', () => {
    const h = new Harness(sessionWindow, [ms(1000), attr('user')], PURCHASE, S);
    h.send(['user0', 101, 34.4, 5]);
    h.send(['user0', 102, 24.6, 2]);
    h.clock.advanceBy(10);
    h.send(['user1', 103, 22.4, 1]);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['C101', 'C102', 'C103'],
    );
    h.clock.advanceTo(S + 1000);
    assert.deepEqual(h.take(), [
      [
        ['E', ['user0', 101, 34.4, 5], S],
        ['E', ['user0', 102, 24.6, 2], S],
      ],
    ]);
    h.clock.advanceTo(S + 1010);
    assert.deepEqual(h.take(), [[['E', ['user1', 103, 22.4, 1], S + 10]]]);
  });

  test('a late event within the gap joins the session at its start; a later one is dropped', () => {
    // testSessionWindow15 and 16.
    const h = new Harness(sessionWindow, [ms(2000), attr('user')], PURCHASE, S);
    h.send({ at: S, data: ['user0', 101, 34.4, 5] });
    h.send({ at: S + 10, data: ['user0', 102, 24.5, 2] });
    h.send({ at: S - 1000, data: ['user0', 103, 24.5, 2] });
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['C101', 'C102', 'C103'],
    );
    h.clock.advanceBy(2500);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['E103', 'E101', 'E102'],
    );

    const late = new Harness(sessionWindow, [ms(2000), attr('user')], PURCHASE, S);
    late.send({ at: S, data: ['user0', 101, 34.4, 5] });
    late.send({ at: S - 2500, data: ['user0', 104, 24.5, 2] });
    late.clock.advanceBy(2500);
    assert.deepEqual(
      late.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['C101', 'E101'],
    );
  });

  test('with allowed latency a closed session waits for late events before it leaves', () => {
    const h = new Harness(sessionWindow, [ms(1000), attr('user'), ms(500)], PURCHASE, S);
    h.send(['u', 1, 1, 1]);
    h.take();
    h.clock.advanceTo(S + 1000);
    assert.deepEqual(h.take(), []);
    h.send({ at: S + 200, data: ['u', 2, 1, 1] });
    h.clock.advanceTo(S + 1700);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[1])}`),
      ['C2', 'E1', 'E2'],
    );
  });

  test('no key: one session for all events', () => {
    const h = new Harness(sessionWindow, [ms(100)], PURCHASE);
    h.send(['a', 1, 1, 1]);
    h.clock.advanceTo(50);
    h.send(['b', 2, 1, 1]);
    h.clock.advanceTo(149);
    assert.equal(h.flat().length, 2);
    h.clock.advanceTo(150);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[0])}`),
      ['Ea', 'Eb'],
    );
  });

  test('snapshot and restore', () => {
    const h = new Harness(sessionWindow, [ms(1000), attr('user')], PURCHASE);
    h.send(['u', 1, 1, 1]);
    h.take();
    const r = h.restored(sessionWindow, [ms(1000), attr('user')], PURCHASE);
    assert.deepEqual(r.held(), [['u', 1, 1, 1]]);
    r.clock.advanceTo(1000);
    assert.deepEqual(r.kinds(), [['E', ['u', 1, 1, 1]]]);
    assert.deepEqual(h.take(), []);
  });

  test('rejects bad arguments at creation (testSessionWindow1-10)', () => {
    const bad = [
      [ms(5000), attr('user'), ms(2000), int1()],
      [str('3'), attr('user'), ms(2000)],
      [ms(5000), str('user'), ms(2000)],
      [ms(5000), attr('item_number'), ms(2000)],
      [ms(5000), attr('user'), attr('item_number')],
      [ms(5000), attr('item_number')],
      [ms(5000), str('5')],
      [ms(5000), ms(6000)],
    ];
    for (const args of bad) assert.throws(() => new Harness(sessionWindow, args, PURCHASE), /session/);
  });
});

function int1(): ReturnType<typeof k> {
  return k(1, 'int');
}
