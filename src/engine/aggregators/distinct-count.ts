/** `distinctCount(arg)`: the number of distinct values in the window, as a long (null counts as a value). */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, countPairs } from './snapshot-fields.js';
import { argParameter, validateOneArg } from './spec-helpers.js';
import type { AttributeType } from '../../lang/ast.js';

const TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float', 'string'];

class DistinctCount implements AggregatorState {
  private counts = new Map<unknown, number>();

  add(v: unknown): unknown {
    const c = this.counts.get(v);
    this.counts.set(v, c === undefined ? 1 : c + 1);
    return this.counts.size;
  }

  remove(v: unknown): unknown {
    const c = this.counts.get(v);
    if (c !== undefined) {
      if (c > 1) this.counts.set(v, c - 1);
      else this.counts.delete(v);
    }
    return this.counts.size;
  }

  reset(): unknown {
    this.counts.clear();
    return 0;
  }

  value(): unknown {
    return this.counts.size;
  }

  snapshot(): unknown {
    return { counts: [...this.counts] };
  }

  restore(state: unknown): void {
    this.counts = new Map(countPairs(asRecord(state, 'distinctCount'), 'counts', 'distinctCount'));
  }
}

export const distinctCountAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'distinctCount',
    description: 'Returns the number of distinct values of the argument over the events in the window.',
    parameters: [argParameter(TYPES, 'The value whose distinct occurrences are counted.')],
    returns: { type: ['long'], description: 'The number of distinct values.' },
    returnTypeOf: () => 'long',
    validate: validateOneArg('distinctCount', TYPES),
    examples: [
      {
        syntax: 'from fooStream#window.time(5 sec) select distinctCount(pageID) as count insert into barStream;',
        description: 'The number of distinct pages visited in the last 5 seconds.',
      },
    ],
  },
  create() {
    return () => new DistinctCount();
  },
};
