import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lengthWindow } from '../../../src/engine/windows/length.js';
import type { PairSink, PairTag, StreamEvent } from '../../../src/engine/event/stream-event.js';
import { Harness, int, str, attr, STOCK, type Follows } from './harness.js';

/**
 * A pair sink that tags each current event with its symbol, records [expired symbol, current symbol,
 * the tag handed back with the expired event], and throws on the symbol 'boom'.
 */
function taggingPair(): { follows: Follows; pairs: [unknown, unknown, string | undefined][] } {
  const pairs: [unknown, unknown, string | undefined][] = [];
  const emitPair: PairSink = (_ets, expired, _ts, data, tag) => {
    pairs.push([expired[0], data[0], (tag as (PairTag & { of: string }) | undefined)?.of]);
    if (data[0] === 'boom') throw new Error('boom');
    return { live: true, of: String(data[0]) } as PairTag;
  };
  return { follows: { emitPair }, pairs };
}

describe('length window', () => {
  test('the oldest event expires before the current one that pushes it out, stamped with now', () => {
    const h = new Harness(lengthWindow, [int(2)], STOCK, 1000);
    h.send(['IBM', 700, 0]);
    h.send(['WSO2', 60.5, 1]);
    h.clock.advanceTo(1500);
    h.send(['ORCL', 10, 2]);
    assert.deepEqual(h.take(), [
      [['C', ['IBM', 700, 0], 1000]],
      [['C', ['WSO2', 60.5, 1], 1000]],
      [
        ['E', ['IBM', 700, 0], 1500],
        ['C', ['ORCL', 10, 2], 1500],
      ],
    ]);
    assert.deepEqual(h.held(), [
      ['WSO2', 60.5, 1],
      ['ORCL', 10, 2],
    ]);
  });

  test('a chunk of several events interleaves expiries in order', () => {
    const h = new Harness(lengthWindow, [int(1)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3]);
    assert.deepEqual(h.kinds(), [
      ['C', ['A', 1, 1]],
      ['E', ['A', 1, 1]],
      ['C', ['B', 2, 2]],
      ['E', ['B', 2, 2]],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('length(0) lets each event through, expires it at once and resets', () => {
    const h = new Harness(lengthWindow, [int(0)], STOCK, 7);
    h.send(['A', 1, 1]);
    assert.deepEqual(h.flat(), [
      ['C', ['A', 1, 1], 7],
      ['E', ['A', 1, 1], 7],
      ['R', [], 7],
    ]);
  });

  test('does not mutate the input events', () => {
    const h = new Harness(lengthWindow, [int(1)], STOCK);
    const e = { timestamp: 0, data: ['A', 1, 1], type: 0 as const };
    h.window.process([e]);
    h.clock.advanceTo(50);
    h.send(['B', 2, 2]);
    assert.deepEqual(e, { timestamp: 0, data: ['A', 1, 1], type: 0 });
  });

  test('snapshot and restore continue with the same output', () => {
    const h = new Harness(lengthWindow, [int(2)], STOCK);
    h.send(['A', 1, 1]);
    h.send(['B', 2, 2]);
    h.take();
    const r = h.restored(lengthWindow, [int(2)], STOCK);
    r.send(['C', 3, 3]);
    assert.deepEqual(r.kinds(), [
      ['E', ['A', 1, 1]],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('hands each leaving event back with the tag its pair sink returned for it, and no other', () => {
    const { follows, pairs } = taggingPair();
    const h = new Harness(lengthWindow, [int(3)], STOCK, 0, undefined, follows);
    const one = (sym: string): void => h.window.processOne!(h.clock.now(), [sym, 1, 1]);
    // Filling the window: chunks, no pairs.
    for (const sym of ['a', 'b', 'c']) one(sym);
    assert.equal(pairs.length, 0);
    one('d'); // a leaves: it came in a chunk, no tag
    one('e');
    h.send(['f', 1, 1]); // a chunk of one in a full window takes the pair path too
    one('g'); // d leaves with its tag
    h.send(['h', 1, 1], ['i', 1, 1]); // a chunk of two: e and f leave in a chunk, h and i have no tag
    one('j'); // g leaves with its tag
    one('k'); // h leaves: no tag (not e's, whose place it took)
    one('l'); // i leaves: no tag
    assert.throws(() => one('boom')); // j leaves with its tag; boom is held, with no tag
    one('m'); // k
    one('n'); // l
    one('o'); // boom leaves: no tag (not j's, whose place it took)
    assert.deepEqual(pairs, [
      ['a', 'd', undefined],
      ['b', 'e', undefined],
      ['c', 'f', undefined],
      ['d', 'g', 'd'],
      ['g', 'j', 'g'],
      ['h', 'k', undefined],
      ['i', 'l', undefined],
      ['j', 'boom', 'j'],
      ['k', 'm', 'k'],
      ['l', 'n', 'l'],
      ['boom', 'o', undefined],
    ]);
    assert.deepEqual(
      h.take().map((c) => c.map(([kind, d]) => `${kind}${String(d[0])}`)),
      [['Ca'], ['Cb'], ['Cc'], ['Ee', 'Ch', 'Ef', 'Ci']],
    );
    // Restored in place, the window holds the revision's events without tags, and tags what comes in after.
    const revision = JSON.parse(JSON.stringify(h.window.snapshot())) as unknown;
    one('p');
    one('q');
    h.window.restore(revision);
    pairs.length = 0;
    for (const sym of ['r', 's', 't', 'u']) one(sym);
    assert.deepEqual(pairs, [
      ['m', 'r', undefined],
      ['n', 's', undefined],
      ['o', 't', undefined],
      ['r', 'u', 'r'],
    ]);
  });

  test('holds the last n events oldest first after going round, nulls included, through snapshot and restore', () => {
    const h = new Harness(lengthWindow, [int(3)], STOCK);
    for (let i = 0; i < 8; i++) {
      h.clock.advanceTo(i * 10);
      h.send([`s${i}`, i === 6 ? null : i, i]);
    }
    const held = (w: { contents(): StreamEvent[] }): unknown[] => w.contents().map((e) => [e.timestamp, e.data]);
    const expected = [
      [50, ['s5', 5, 5]],
      [60, ['s6', null, 6]],
      [70, ['s7', 7, 7]],
    ];
    assert.deepEqual(held(h.window), expected);
    h.take();
    const r = h.restored(lengthWindow, [int(3)], STOCK);
    assert.deepEqual(held(r.window), expected);
    r.clock.advanceTo(80);
    r.send(['s8', 8, 8]);
    r.send(['s9', 9, 9]);
    assert.deepEqual(r.kinds(), [
      ['E', ['s5', 5, 5]],
      ['C', ['s8', 8, 8]],
      ['E', ['s6', null, 6]],
      ['C', ['s9', 9, 9]],
    ]);
  });

  test('a window longer than a chunk of slots expires each event in order, round and round', () => {
    const n = 5000; // more than one chunk of the ring (4096 slots)
    const h = new Harness(lengthWindow, [int(n)], STOCK);
    const event = (i: number): unknown[] => [`s${i}`, i % 9 === 0 ? null : i / 4, i];
    const expired: unknown[][] = [];
    for (let i = 0; i < 2 * n + 123; i++) {
      h.send(event(i));
      for (const [kind, data] of h.kinds()) if (kind === 'E') expired.push(data);
    }
    assert.equal(expired.length, n + 123);
    expired.forEach((d, i) => assert.deepEqual(d, event(i)));
    const held = h.held();
    assert.equal(held.length, n);
    assert.deepEqual(held[0], event(n + 123));
    assert.deepEqual(held[n - 1], event(2 * n + 122));
  });

  test('rejects a non-constant or non-int length at creation', () => {
    assert.throws(() => new Harness(lengthWindow, [attr('volume')], STOCK), /window.length/);
    assert.throws(() => new Harness(lengthWindow, [str('2')], STOCK), /int/);
    assert.throws(() => new Harness(lengthWindow, [int(2), int(3)], STOCK), /one argument/);
  });
});
