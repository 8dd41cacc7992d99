import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lengthBatchWindow } from '../../../src/engine/windows/length-batch.js';
import { Harness, int, bool, attr, STOCK, type Row } from './harness.js';

/** A lengthBatch(2) window sent A and B at 100, then C and D at 300: what it emitted, chunk by chunk. */
function twoBatches(follows: ConstructorParameters<typeof Harness>[5] = {}): { h: Harness; chunks: Row[][] } {
  const h = new Harness(lengthBatchWindow, [int(2)], STOCK, 100, undefined, follows);
  h.send(['A', 1, 1]);
  assert.deepEqual(h.take(), []);
  h.send(['B', 2, 2]);
  h.clock.advanceTo(300);
  h.send(['C', 3, 3]);
  h.send(['D', 4, 4]);
  return { h, chunks: h.take() };
}

describe('lengthBatch window', () => {
  test('emits each full batch: previous batch expired, RESET, then the new current events', () => {
    const { h, chunks } = twoBatches();
    assert.deepEqual(chunks, [
      [
        ['R', [], 100],
        ['C', ['A', 1, 1], 100],
        ['C', ['B', 2, 2], 100],
      ],
      [
        ['E', ['A', 1, 1], 300],
        ['E', ['B', 2, 2], 300],
        ['R', [], 300],
        ['C', ['C', 3, 3], 300],
        ['C', ['D', 4, 4], 300],
      ],
    ]);
    // Joins see the last complete batch.
    assert.deepEqual(h.held(), [
      ['C', 3, 3],
      ['D', 4, 4],
    ]);
  });

  test('before a selector that outputs no expired event, a batch leaves without expired events', () => {
    assert.deepEqual(twoBatches({ expiredBeforeResetUnread: true }).chunks, [
      [
        ['R', [], 100],
        ['C', ['A', 1, 1], 100],
        ['C', ['B', 2, 2], 100],
      ],
      [
        ['R', [], 300],
        ['C', ['C', 3, 3], 300],
        ['C', ['D', 4, 4], 300],
      ],
    ]);
    // With stream.current.event, the batch boundary is a RESET alone.
    const s = new Harness(lengthBatchWindow, [int(2), bool(true)], STOCK, 0, undefined, {
      expiredBeforeResetUnread: true,
    });
    s.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3]);
    assert.deepEqual(s.kinds(), [
      ['C', ['A', 1, 1]],
      ['C', ['B', 2, 2]],
      ['R', []],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('before a selector that folds batches, each event is handed on as it comes and none is held', () => {
    const calls: unknown[][] = [];
    let active = true;
    const fold = {
      active: () => active,
      add: (ts: number, d: unknown[]) => calls.push(['add', ts, [...d]]),
      emit: (ts: number, d: unknown[]) => calls.push(['emit', ts, [...d]]),
      reset: () => calls.push(['reset']),
    };
    const h = new Harness(lengthBatchWindow, [int(2)], STOCK, 100, undefined, { fold });
    h.send(['A', 1, 1]);
    h.send(['B', 2, 2], ['C', 3, 3]);
    assert.deepEqual(h.take(), []);
    assert.deepEqual(calls, [
      ['add', 100, ['A', 1, 1]],
      ['add', 100, ['B', 2, 2]],
      ['emit', 100, ['B', 2, 2]],
      ['add', 100, ['C', 3, 3]],
    ]);
    assert.deepEqual(h.held(), []);
    // A revision holds the count only; a revision from before folding holds the batch's events, which
    // are folded afresh before the next event.
    const saved = JSON.parse(JSON.stringify(h.window.snapshot())) as { count: number; current: unknown[] };
    assert.equal(saved.count, 1);
    assert.deepEqual(saved.current, []);
    const old = new Harness(lengthBatchWindow, [int(2)], STOCK, 0, undefined, {});
    old.send(['C', 3, 3]);
    const oldState = JSON.parse(JSON.stringify(old.window.snapshot())) as unknown;
    calls.length = 0;
    const restored = new Harness(lengthBatchWindow, [int(2)], STOCK, 200, undefined, { fold });
    restored.window.restore(oldState);
    restored.send(['D', 4, 4]);
    assert.deepEqual(calls, [
      ['reset'],
      ['add', 0, ['C', 3, 3]],
      ['add', 200, ['D', 4, 4]],
      ['emit', 200, ['D', 4, 4]],
    ]);
    // When the selector does not fold, the window works as before.
    active = false;
    const plain = new Harness(lengthBatchWindow, [int(2)], STOCK, 0, undefined, { fold });
    plain.send(['A', 1, 1], ['B', 2, 2]);
    assert.equal(plain.take().length, 1);
  });

  test('one chunk completing two batches emits two chunks', () => {
    const h = new Harness(lengthBatchWindow, [int(2)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3], ['D', 4, 4], ['E', 5, 5]);
    const chunks = h.take();
    assert.equal(chunks.length, 2);
    assert.deepEqual(
      chunks[1]!.map(([t, d]) => [t, d[0]]),
      [
        ['E', 'A'],
        ['E', 'B'],
        ['R', undefined],
        ['C', 'C'],
        ['C', 'D'],
      ],
    );
  });

  test('stream.current.event emits events as they come and expires them in batches', () => {
    const h = new Harness(lengthBatchWindow, [int(2), bool(true)], STOCK);
    h.send(['A', 1, 1]);
    h.send(['B', 2, 2]);
    h.send(['C', 3, 3]);
    assert.deepEqual(h.kinds(), [
      ['C', ['A', 1, 1]],
      ['C', ['B', 2, 2]],
      ['E', ['A', 1, 1]],
      ['E', ['B', 2, 2]],
      ['R', []],
      ['C', ['C', 3, 3]],
    ]);
  });

  test('snapshot and restore keep the half-filled batch and the previous batch', () => {
    const h = new Harness(lengthBatchWindow, [int(2)], STOCK);
    h.send(['A', 1, 1], ['B', 2, 2], ['C', 3, 3]);
    h.take();
    const r = h.restored(lengthBatchWindow, [int(2)], STOCK);
    r.send(['D', 4, 4]);
    assert.deepEqual(r.kinds(), [
      ['E', ['A', 1, 1]],
      ['E', ['B', 2, 2]],
      ['R', []],
      ['C', ['C', 3, 3]],
      ['C', ['D', 4, 4]],
    ]);
  });

  test('rejects bad arguments at creation', () => {
    assert.throws(() => new Harness(lengthBatchWindow, [attr('volume')], STOCK), /constant/);
    assert.throws(() => new Harness(lengthBatchWindow, [int(2), int(1)], STOCK), /stream.current.event/);
    assert.throws(() => new Harness(lengthBatchWindow, [int(2), bool(true), int(1)], STOCK), /one or two/);
  });
});
