/**
 * `stdDev(arg)`: the population standard deviation as a double, kept incrementally as Siddhi does
 * (a running sum, mean and sum of squared deviations). One value gives exactly 0.0, none gives null.
 */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, numberField } from './snapshot-fields.js';
import { NUMERIC_TYPES, argParameter, validateOneArg } from './spec-helpers.js';

class StdDev implements AggregatorState {
  private mean = 0;
  private m2 = 0;
  private sum = 0;
  private count = 0;

  constructor(private readonly float: boolean) {}

  add(raw: unknown): unknown {
    if (typeof raw !== 'number') return this.value();
    const v = this.float ? Math.fround(raw) : raw;
    this.count++;
    if (this.count === 1) {
      this.sum = this.mean = v;
      this.m2 = 0;
      return 0;
    }
    const oldMean = this.mean;
    this.sum += v;
    this.mean = this.sum / this.count;
    this.m2 += (v - oldMean) * (v - this.mean);
    return Math.sqrt(this.m2 / this.count);
  }

  remove(raw: unknown): unknown {
    if (typeof raw !== 'number') return this.value();
    const v = this.float ? Math.fround(raw) : raw;
    this.count--;
    if (this.count <= 0) {
      this.count = 0;
      this.sum = this.mean = this.m2 = 0;
      return null;
    }
    const oldMean = this.mean;
    this.sum -= v;
    this.mean = this.sum / this.count;
    this.m2 -= (v - oldMean) * (v - this.mean);
    return this.count === 1 ? 0 : Math.sqrt(this.m2 / this.count);
  }

  reset(): unknown {
    this.sum = this.mean = this.m2 = 0;
    this.count = 0;
    return null;
  }

  value(): unknown {
    if (this.count === 0) return null;
    return this.count === 1 ? 0 : Math.sqrt(this.m2 / this.count);
  }

  snapshot(): unknown {
    return { sum: this.sum, mean: this.mean, m2: this.m2, count: this.count };
  }

  restore(state: unknown): void {
    const rec = asRecord(state, 'stdDev');
    this.sum = numberField(rec, 'sum', 'stdDev');
    this.mean = numberField(rec, 'mean', 'stdDev');
    this.m2 = numberField(rec, 'm2', 'stdDev');
    this.count = numberField(rec, 'count', 'stdDev');
  }
}

export const stdDevAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'stdDev',
    description: 'Returns the population standard deviation of the values of the argument. Null values are skipped.',
    parameters: [argParameter(NUMERIC_TYPES, 'The value whose standard deviation is computed.')],
    returns: { type: ['double'], description: 'The standard deviation: 0.0 for one value, null for none.' },
    returnTypeOf: () => 'double',
    validate: validateOneArg('stdDev', NUMERIC_TYPES),
    examples: [
      {
        syntax: 'from inputStream select stdDev(temp) as stdTemp insert into outputStream;',
        description: 'The standard deviation of the temperature since the start.',
      },
    ],
  },
  create(ctx) {
    const float = ctx.argTypes[0] === 'float';
    return () => new StdDev(float);
  },
};
