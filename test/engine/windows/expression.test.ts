import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expressionWindow } from '../../../src/engine/windows/expression.js';
import { expressionBatchWindow } from '../../../src/engine/windows/expression-batch.js';
import { compileCondition, FRAME_CURRENT } from '../../../src/engine/windows/expression-condition.js';
import { Harness, str, bool, attr, type ArgSpec, type Attrs } from './harness.js';
import type { WindowImpl } from '../../../src/engine/windows/window.js';

const CSE: Attrs = [
  { name: 'symbol', type: 'string' },
  { name: 'price', type: 'float' },
  { name: 'volume', type: 'int' },
  { name: 'expr', type: 'string' },
  { name: 'include', type: 'bool' },
];

/** Sends events stamped `at` (one per chunk) and returns the sorted current and expired values of column `col`. */
function run(impl: WindowImpl, args: ArgSpec[], events: [number, number, number, string?, boolean?][], col = 1) {
  const h = new Harness(impl, args, CSE, 1_000_000);
  for (const [at, price, volume, expr, include] of events)
    h.send({ at, data: ['WSO2', price, volume, expr ?? '', include ?? false] });
  const rows = h.flat();
  const pick = (kind: string) => rows.filter(([t]) => t === kind).map(([, d]) => d[col] as number);
  return { in: pick('C'), remove: pick('E'), rows };
}

const ts = (
  n: number,
  expr: (i: number) => string,
  include?: (i: number) => boolean,
): [number, number, number, string, boolean][] =>
  Array.from({ length: n }, (_, i) => [i, 60.5 + i, i, expr(i), include?.(i) ?? false]);

describe('expression window', () => {
  test("'count() <= 2' holds the last two events (expressionWindowTest1)", () => {
    const h = new Harness(expressionWindow, [str('count() <= 2')], CSE, 5);
    for (let v = 0; v < 5; v++) h.send(['WSO2', 60 + v, v, '', false]);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[2])}`),
      ['C0', 'C1', 'E0', 'C2', 'E1', 'C3', 'E2', 'C4'],
    );
    assert.deepEqual(
      h.held().map((d) => d[2]),
      [3, 4],
    );
  });

  test('a changed expression re-judges the held events (expressionWindowTest6)', () => {
    const r = run(
      expressionWindow,
      [attr('expr')],
      ts(5, (i) => `eventTimestamp(last) - eventTimestamp(first) < ${i < 2 ? 2 : 4}`),
    );
    assert.deepEqual(r.in, [60.5, 61.5, 62.5, 63.5, 64.5]);
    assert.deepEqual(r.remove, [60.5]);
  });

  test('sum and time span together (expressionWindowTest15)', () => {
    const expr = 'sum(price) < 30 and eventTimestamp(last) - eventTimestamp(first) < 3';
    const events: [number, number, number, string][] = [
      [0, 10, 0, expr],
      [1, 5, 1, expr],
      [2, 10, 2, expr],
      [2, 10, 3, expr],
      [2, 10, 4, expr],
      [7, 10, 5, expr],
      [8, 15, 6, expr],
      [9, 10, 7, expr],
      [10, 10, 8, expr],
    ];
    const r = run(expressionWindow, [attr('expr')], events, 2);
    assert.deepEqual(r.in, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(r.remove.sort(), [0, 1, 2, 3, 4, 5, 6]);
  });

  test("'max(volume) - min(volume) <= 3' holds the events within a spread of 3, the extremes leaving with them", () => {
    const h = new Harness(expressionWindow, [str('max(volume) - min(volume) <= 3')], CSE, 20);
    // 8 makes the spread 4 until 5, 7 and 4 have left (the minimum leaving last); 2 makes it 7 until
    // 8, 6 and 9 have left (the maximum leaving last); then 2 again (a value held twice) and 3.
    for (const v of [5, 7, 4, 8, 6, 9, 2, 2, 3]) h.send(['WSO2', 60, v, '', false]);
    assert.deepEqual(
      h.kinds().map(([t, d]) => `${t}${String(d[2])}`),
      ['C5', 'C7', 'C4', 'E5', 'E7', 'E4', 'C8', 'C6', 'C9', 'E8', 'E6', 'E9', 'C2', 'C2', 'C3'],
    );
    assert.deepEqual(
      h.held().map((d) => d[2]),
      [2, 2, 3],
    );
  });

  test('an aggregate right of `and` misses the events its left side decides, as in Siddhi: aggregates go first', () => {
    const kinds = (condition: string): string[] => {
      const h = new Harness(expressionWindow, [str(condition)], CSE, 20);
      for (let v = 0; v < 4; v++) h.send(['WSO2', 60, v, '', false]);
      return h.kinds().map(([t, d]) => `${t}${String(d[2])}`);
    };
    // max(volume) does not see event 2 (count() <= 2 was false): when 0 and 1 have left, it holds
    // nothing, the condition is false, and event 3 empties the window.
    assert.deepEqual(kinds('count() <= 2 and max(volume) >= 0'), ['C0', 'C1', 'E0', 'C2', 'E1', 'E2', 'E3', 'C3']);
    assert.deepEqual(kinds('max(volume) >= 0 and count() <= 2'), ['C0', 'C1', 'E0', 'C2', 'E1', 'C3']);
  });

  test('snapshot and restore rebuild the aggregates', () => {
    const h = new Harness(expressionWindow, [str('count() <= 2')], CSE);
    h.send(['A', 1, 1, '', false]);
    h.send(['B', 1, 2, '', false]);
    h.take();
    const r = h.restored(expressionWindow, [str('count() <= 2')], CSE);
    r.send(['C', 1, 3, '', false]);
    assert.deepEqual(
      r.kinds().map(([t, d]) => `${t}${String(d[0])}`),
      ['EA', 'CC'],
    );
  });

  test('rejects an expression that is not a condition or does not parse', () => {
    assert.throws(() => new Harness(expressionWindow, [str('eventTimestamp(last)')], CSE), /bool/);
    assert.throws(() => new Harness(expressionWindow, [str('count( <= 2')], CSE), /invalid/);
    assert.throws(() => new Harness(expressionWindow, [str('nosuch > 2')], CSE), /unknown attribute/);
  });
});

describe('expressionBatch window', () => {
  test("'last.volume - first.volume < 2' batches (expressionBatchWindowTest2)", () => {
    const h = new Harness(expressionBatchWindow, [str('last.volume - first.volume < 2')], CSE, 9);
    for (let v = 0; v < 5; v++) h.send(['WSO2', 60.5 + v, v, '', false]);
    assert.deepEqual(
      h.take().map((c) => c.map(([t, d, at]) => `${t}${String(d[2])}@${at}`)),
      [
        ['C0@9', 'C1@9'],
        ['E0@9', 'E1@9', 'C2@9', 'C3@9'],
      ],
    );
    assert.deepEqual(
      h.held().map((d) => d[2]),
      [4],
    );
  });

  test('include.triggering.event from an attribute, with a changing expression (expressionBatchWindowTest17)', () => {
    const r = run(
      expressionBatchWindow,
      [attr('expr'), attr('include')],
      ts(
        10,
        (i) => `eventTimestamp(last) - eventTimestamp(first) < ${i < 3 ? 1 : i < 5 ? 0 : 2}`,
        (i) => i < 5,
      ),
    );
    assert.deepEqual(r.in.sort(), [60.5, 61.5, 62.5, 63.5, 64.5, 65.5, 66.5, 67.5, 68.5]);
    assert.deepEqual(r.remove.sort(), [60.5, 61.5, 62.5, 63.5, 64.5, 65.5, 66.5]);
  });

  test('stream.current.event emits at once (expressionBatchWindowTest18)', () => {
    const r = run(
      expressionBatchWindow,
      [attr('expr'), attr('include'), bool(true)],
      ts(
        10,
        (i) => `eventTimestamp(last) - eventTimestamp(first) < ${i < 3 ? 1 : i < 5 ? 0 : 2}`,
        (i) => i < 5,
      ),
    );
    assert.deepEqual(r.in.sort(), [60.5, 61.5, 62.5, 63.5, 64.5, 65.5, 66.5, 67.5, 68.5, 69.5]);
    assert.deepEqual(r.remove.sort(), [60.5, 61.5, 62.5, 63.5, 64.5, 65.5, 66.5, 67.5, 68.5]);
  });

  test('aggregates restart with each batch', () => {
    const h = new Harness(expressionBatchWindow, [str('sum(volume) < 10')], CSE);
    for (const v of [4, 4, 4, 4, 4]) h.send(['W', 1, v, '', false]);
    // 4+4 < 10, +4 fails: batch [4,4]; the third starts the next: 4+4 < 10, +4 fails again.
    assert.deepEqual(
      h.take().map((c) => c.map(([t]) => t).join('')),
      ['CC', 'EECC'],
    );
  });

  test('snapshot and restore', () => {
    const h = new Harness(expressionBatchWindow, [str('count() < 3')], CSE);
    h.send(['A', 1, 1, '', false]);
    h.send(['B', 1, 2, '', false]);
    h.take();
    const r = h.restored(expressionBatchWindow, [str('count() < 3')], CSE);
    r.send(['C', 1, 3, '', false]);
    assert.deepEqual(
      r.kinds().map(([t, d]) => `${t}${String(d[0])}`),
      ['CA', 'CB'],
    );
  });

  test("rejects 'eventTimestamp(last)' as not a condition (expressionBatchWindowTest20)", () => {
    assert.throws(
      () => new Harness(expressionBatchWindow, [str('eventTimestamp(last)'), attr('include'), bool(true)], CSE),
      /bool/,
    );
    assert.throws(() => new Harness(expressionBatchWindow, [str('count() < 3'), str('yes')], CSE), /include/);
  });
});

describe('window conditions', () => {
  test('int division truncates, null compares false, not/or/is null work', () => {
    const attrs: Attrs = [
      { name: 'a', type: 'int' },
      { name: 'b', type: 'double' },
    ];
    const ev = (a: unknown, b: unknown) => ({ timestamp: 0, data: [a, b], type: 0 as const });
    const check = (text: string, a: unknown, b: unknown) => {
      const e = ev(a, b);
      return compileCondition(text, attrs)({ event: e, first: e, last: e, kind: FRAME_CURRENT });
    };
    assert.equal(check('7 / 2 == 3', 0, 0), true);
    assert.equal(check('b / 2 == 3.5', 0, 7), true);
    assert.equal(check('a > 1', null, 0), false);
    assert.equal(check('not (a > 1) or b is null', 5, null), true);
    assert.equal(check("'x' == 'x' and -a < 0", 2, 0), true);
  });
});
