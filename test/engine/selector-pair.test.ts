import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QuerySelector, type SelectorConfig } from '../../src/engine/query/selector.js';
import type { OutputEvent, PairTag } from '../../src/engine/event/stream-event.js';
import type { AggregatorState } from '../../src/engine/registry/extension-impl.js';

/** sum(v), as a sliding window's selector feeds it. */
class Sum implements AggregatorState {
  total = 0;
  add(v: unknown): unknown {
    return (this.total += v as number);
  }
  remove(v: unknown): unknown {
    return (this.total -= v as number);
  }
  reset(): unknown {
    return (this.total = 0);
  }
  value(): unknown {
    return this.total;
  }
  snapshot(): unknown {
    return this.total;
  }
  restore(state: unknown): void {
    this.total = state as number;
  }
}

/**
 * A selector grouping by the first attribute over a sliding window, current events out: `select k,
 * sum(v) group by k` with `sum`, `select k group by k` without. `keys` records each group key read.
 */
function groupedSelector(sum: boolean): { selector: QuerySelector; out: unknown[][]; keys: string[] } {
  const out: unknown[][] = [];
  const keys: string[] = [];
  const cfg: SelectorConfig = {
    project: sum ? (d, _ts, a) => [d[0], a[0]] : (d) => [d[0]],
    aggregatorCount: sum ? 1 : 0,
    feed: sum ? (d, _ts, s, a, add) => void (a[0] = add ? s[0]!.add(d[1]) : s[0]!.remove(d[1])) : undefined,
    accumulate: sum ? (d, _ts, s, add) => void (add ? s[0]!.add(d[1]) : s[0]!.remove(d[1])) : undefined,
    createStates: () => (sum ? [new Sum()] : []),
    groupKey: (d) => {
      keys.push(d[0] as string);
      return d[0] as string;
    },
    having: undefined,
    compare: undefined,
    limit: undefined,
    offset: undefined,
    currentOn: true,
    expiredOn: false,
    batching: true,
  };
  const selector = new QuerySelector(
    cfg,
    () => assert.fail('a pair comes out as one event'),
    (e: OutputEvent) => out.push(e.data),
  );
  return { selector, out, keys };
}

describe('a grouped selector taking pairs from a sliding window', () => {
  test("takes the expired event's group from its tag while the group lives, else by its key", () => {
    const { selector, out, keys } = groupedSelector(true);
    selector.processOne(0, ['a', 5]);
    selector.processOne(0, ['b', 7]);
    // The window had no tag for a (it came in alone): its group is found by key.
    const tagC = selector.processPair(1, ['a', 5], 1, ['a', 2], undefined);
    const tagD = selector.processPair(1, ['b', 7], 1, ['b', 1], undefined);
    assert.deepEqual(out, [
      ['a', 5],
      ['b', 7],
      ['a', 2],
      ['b', 1],
    ]);
    assert.deepEqual(keys, ['a', 'b', 'a', 'a', 'b', 'b']);
    assert.ok(tagC?.live && tagD?.live);
    // With tags, only the current event's key is read: the expired one's group is the tag's.
    keys.length = 0;
    out.length = 0;
    const tagE = selector.processPair(2, ['a', 2], 2, ['b', 4], tagC);
    assert.deepEqual(out, [['b', 5]]);
    assert.deepEqual(keys, ['b']);
    // A restore drops the groups: the tags handed out before are no longer live, keys are read again.
    selector.restore(selector.snapshot());
    assert.equal(tagE?.live, false);
    keys.length = 0;
    out.length = 0;
    selector.processPair(3, ['b', 1], 3, ['a', 10], tagD);
    assert.deepEqual(out, [['a', 10]]);
    assert.deepEqual(keys, ['a', 'b']);
    // The group of b lost the 1 (found by key, not through the dropped tag): b is 4.
    out.length = 0;
    selector.processPair(4, ['a', 10], 4, ['b', 0], undefined);
    assert.deepEqual(out, [['b', 4]]);
  });

  test('without aggregators an expired event changes nothing: no key read for it, no tag', () => {
    const { selector, out, keys } = groupedSelector(false);
    const tag: PairTag | undefined = selector.processPair(0, ['x'], 0, ['y'], undefined);
    assert.equal(tag, undefined);
    assert.deepEqual(keys, ['y']);
    assert.deepEqual(out, [['y']]);
  });
});
