/** `avg(arg)`: the mean as a double; nulls are skipped, the mean of nothing is null (also after a reset). */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, numberField } from './snapshot-fields.js';
import { NUMERIC_TYPES, argParameter, validateOneArg } from './spec-helpers.js';

class Avg implements AggregatorState {
  private sum = 0;
  private count = 0;

  /** Floats are averaged as their 32-bit values. */
  constructor(private readonly float: boolean) {}

  add(v: unknown): unknown {
    if (typeof v !== 'number') return this.value();
    this.sum += this.float ? Math.fround(v) : v;
    this.count++;
    return this.sum / this.count;
  }

  remove(v: unknown): unknown {
    if (typeof v !== 'number') return this.value();
    this.sum -= this.float ? Math.fround(v) : v;
    this.count--;
    return this.count === 0 ? null : this.sum / this.count;
  }

  reset(): unknown {
    this.sum = 0;
    this.count = 0;
    return null;
  }

  value(): unknown {
    return this.count === 0 ? null : this.sum / this.count;
  }

  snapshot(): unknown {
    return { sum: this.sum, count: this.count };
  }

  restore(state: unknown): void {
    const rec = asRecord(state, 'avg');
    this.sum = numberField(rec, 'sum', 'avg');
    this.count = numberField(rec, 'count', 'avg');
  }
}

export const avgAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'avg',
    description:
      'Returns the average of the values of the argument over the events in the window (or since the start).',
    parameters: [argParameter(NUMERIC_TYPES, 'The value to be averaged. Null values are skipped.')],
    returns: { type: ['double'], description: 'The average; null when no value was aggregated.' },
    returnTypeOf: () => 'double',
    validate: validateOneArg('avg', NUMERIC_TYPES),
    examples: [
      {
        syntax: 'from fooStream#window.timeBatch(10 sec) select avg(temp) as avgTemp insert into barStream;',
        description: 'The average temperature over each 10 seconds.',
      },
    ],
  },
  create(ctx) {
    const float = ctx.argTypes[0] === 'float';
    return () => new Avg(float);
  },
};
