/**
 * The state of an aggregator that collects what its events carry into one collection (`list:collect`,
 * `list:merge`, `map:collect`, `map:merge`): a current event adds to it, an expired one takes out, a reset
 * empties it, and each step gives a copy (later events leave a value given out alone).
 */
import type { AggregatorState } from '../../registry/extension-impl.js';
import { JavaHashMap } from './java-hash-map.js';

/** How one kind of collection is made empty, copied, snapshotted and restored. */
export interface CollectionKind<C> {
  empty(): C;
  copy(held: C): C;
  snapshot(held: C): unknown;
  restore(state: unknown): C;
}

/** A list, snapshotted as `{ values }`. */
export const LIST_COLLECTION: CollectionKind<unknown[]> = {
  empty: () => [],
  copy: (held) => [...held],
  snapshot: (held) => ({ values: [...held] }),
  restore: (state) => [...(state as { values: unknown[] }).values],
};

/** A map (a Java HashMap, copied as `new HashMap<>(held)` copies), snapshotted as `{ entries }` (its pairs). */
export const MAP_COLLECTION: CollectionKind<JavaHashMap> = {
  empty: () => new JavaHashMap(),
  copy: (held) => JavaHashMap.copyOf(held),
  snapshot: (held) => ({ entries: [...held] }),
  restore: (state) => {
    const map = new JavaHashMap();
    for (const [k, v] of (state as { entries: [unknown, unknown][] }).entries) map.put(k, v);
    return map;
  },
};

/** Changes the collection held by an event's arguments (at most two). */
export type CollectionStep<C> = (held: C, first: unknown, second: unknown) => void;

/** One aggregator instance: `add` and `remove` change the collection held, in place. */
export function collectingState<C>(
  kind: CollectionKind<C>,
  add: CollectionStep<C>,
  remove: CollectionStep<C>,
): AggregatorState {
  let held = kind.empty();
  const copy = (): C => kind.copy(held);
  return {
    add(first, second) {
      add(held, first, second);
      return copy();
    },
    remove(first, second) {
      remove(held, first, second);
      return copy();
    },
    reset() {
      held = kind.empty();
      return copy();
    },
    value: copy,
    snapshot: () => kind.snapshot(held),
    restore(state) {
      held = kind.restore(state);
    },
  };
}
