/**
 * `unionSet(set)`: the union of the sets (from `createSet`) in the window, as a new Set object.
 * Each element is counted, so it leaves the union only when no set in the window still holds it.
 * The result is a fresh Set (output events keep references); it is built once per change, not per read.
 * A reset returns an empty set. Null (and non-Set) values are skipped.
 */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, countPairs } from './snapshot-fields.js';
import { argParameter, validateOneArg } from './spec-helpers.js';

function isIterableSet(v: unknown): v is Iterable<unknown> {
  return v instanceof Set || Array.isArray(v);
}

class UnionSet implements AggregatorState {
  private counts = new Map<unknown, number>();
  private published: Set<unknown> | undefined;

  add(v: unknown): unknown {
    if (isIterableSet(v)) {
      for (const o of v) {
        const c = this.counts.get(o);
        this.counts.set(o, c === undefined ? 1 : c + 1);
      }
      this.published = undefined;
    }
    return this.value();
  }

  remove(v: unknown): unknown {
    if (isIterableSet(v)) {
      for (const o of v) {
        const c = this.counts.get(o);
        if (c === undefined) continue;
        if (c > 1) this.counts.set(o, c - 1);
        else this.counts.delete(o);
      }
      this.published = undefined;
    }
    return this.value();
  }

  reset(): unknown {
    this.counts.clear();
    this.published = undefined;
    return new Set<unknown>();
  }

  value(): unknown {
    if (this.published === undefined) this.published = new Set(this.counts.keys());
    return this.published;
  }

  snapshot(): unknown {
    return { counts: [...this.counts] };
  }

  restore(state: unknown): void {
    this.counts = new Map(countPairs(asRecord(state, 'unionSet'), 'counts', 'unionSet'));
    this.published = undefined;
  }
}

export const unionSetAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'unionSet',
    description: 'Returns the union of the sets (made with createSet) over the events in the window.',
    parameters: [argParameter(['object'], 'The set to be unioned.', 'set')],
    returns: { type: ['object'], description: 'A Set holding every element of the sets in the window.' },
    returnTypeOf: () => 'object',
    validate: validateOneArg('unionSet', ['object']),
    examples: [
      {
        syntax:
          'from stockStream select createSet(symbol) as initialSet insert into initStream;\n' +
          'from initStream#window.timeBatch(10 sec) select unionSet(initialSet) as distinctSymbols insert into distinctStockStream;',
        description: 'The distinct symbols received in each 10 seconds.',
      },
    ],
  },
  create() {
    return () => new UnionSet();
  },
};
