/**
 * `sum(arg)`: int/long sum to long, float/double to double (floats folded as their 32-bit values).
 * Nulls are skipped; the sum of nothing is null. As in Siddhi, a reset returns 0 for a long sum
 * and null for a double sum, though the value after either is null.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, numberField } from './snapshot-fields.js';
import { NUMERIC_TYPES, argParameter, validateOneArg } from './spec-helpers.js';

/** One running sum; `resetValue` is what a reset returns (0 for a long sum, null for a double one). */
class Sum implements AggregatorState {
  private sum = 0;
  private count = 0;

  constructor(
    private readonly resetValue: 0 | null,
    private readonly float: boolean,
  ) {}

  add(v: unknown): unknown {
    if (typeof v !== 'number') return this.value();
    // Float inputs are summed as their 32-bit values (55.6f adds 55.599998474121094).
    this.sum += this.float ? Math.fround(v) : v;
    this.count++;
    return this.sum;
  }

  remove(v: unknown): unknown {
    if (typeof v !== 'number') return this.value();
    this.sum -= this.float ? Math.fround(v) : v;
    this.count--;
    return this.count === 0 ? null : this.sum;
  }

  reset(): unknown {
    this.sum = 0;
    this.count = 0;
    return this.resetValue;
  }

  value(): unknown {
    return this.count === 0 ? null : this.sum;
  }

  snapshot(): unknown {
    return { sum: this.sum, count: this.count };
  }

  restore(state: unknown): void {
    const rec = asRecord(state, 'sum');
    this.sum = numberField(rec, 'sum', 'sum');
    this.count = numberField(rec, 'count', 'sum');
  }
}

function sumReturnType(argTypes: readonly AttributeType[]): AttributeType {
  const t = argTypes[0];
  return t === 'int' || t === 'long' ? 'long' : 'double';
}

export const sumAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'sum',
    description: 'Returns the sum of the values of the argument over the events in the window (or since the start).',
    parameters: [argParameter(NUMERIC_TYPES, 'The value to be summed. Null values are skipped.')],
    returns: {
      type: ['long', 'double'],
      description: 'long for int and long arguments, double for float and double; null when nothing was summed.',
    },
    returnTypeOf: sumReturnType,
    validate: validateOneArg('sum', NUMERIC_TYPES),
    examples: [
      {
        syntax: 'from fooStream#window.timeBatch(5 sec) select sum(volume) as volumeSum insert into barStream;',
        description: 'The total volume over each 5 seconds.',
      },
    ],
  },
  create(ctx) {
    switch (ctx.argTypes[0]) {
      case 'int':
      case 'long':
        return () => new Sum(0, false);
      case 'float':
        return () => new Sum(null, true);
      default:
        return () => new Sum(null, false);
    }
  },
};
