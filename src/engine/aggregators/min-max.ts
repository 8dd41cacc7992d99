/**
 * `min(arg)` / `max(arg)` over the events in the window, of the argument's type. Removals may come in
 * any order (sliding, sort and external windows): the values are kept in a counting heap, so taking
 * out the current extreme finds the next one. Nulls are skipped; an empty window (and a reset) gives null.
 */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { ExtremeTracker } from './extreme-tracker.js';
import { asRecord, countPairs } from './snapshot-fields.js';
import { sameTypeNumericAggregator } from './spec-helpers.js';

class Extreme implements AggregatorState {
  private readonly values: ExtremeTracker;

  constructor(
    private readonly max: boolean,
    private readonly float: boolean,
  ) {
    this.values = new ExtremeTracker(max);
  }

  add(v: unknown): unknown {
    if (typeof v === 'number') this.values.add(this.float ? Math.fround(v) : v);
    return this.values.peek();
  }

  remove(v: unknown): unknown {
    if (typeof v === 'number') this.values.remove(this.float ? Math.fround(v) : v);
    return this.values.peek();
  }

  reset(): unknown {
    this.values.clear();
    return null;
  }

  value(): unknown {
    return this.values.peek();
  }

  snapshot(): unknown {
    return { values: this.values.entries() };
  }

  restore(state: unknown): void {
    const name = this.max ? 'max' : 'min';
    this.values.clear();
    for (const [v, c] of countPairs(asRecord(state, name), 'values', name)) {
      if (typeof v !== 'number') throw new TypeError(`cannot restore ${name}(): a value is not a number`);
      for (let i = 0; i < c; i++) this.values.add(v);
    }
  }
}

export const maxAggregator: AggregatorImpl = sameTypeNumericAggregator(
  {
    name: 'max',
    description: 'Returns the maximum value of the argument over the events in the window (or since the start).',
    argument: 'The value whose maximum is found. Null values are skipped.',
    returns: 'The maximum, of the argument type; null for an empty window.',
    example: {
      syntax: 'from fooStream#window.timeBatch(10 sec) select max(temp) as maxTemp insert into barStream;',
      description: 'The highest temperature in each 10 seconds.',
    },
  },
  (float) => new Extreme(true, float),
);

export const minAggregator: AggregatorImpl = sameTypeNumericAggregator(
  {
    name: 'min',
    description: 'Returns the minimum value of the argument over the events in the window (or since the start).',
    argument: 'The value whose minimum is found. Null values are skipped.',
    returns: 'The minimum, of the argument type; null for an empty window.',
    example: {
      syntax: 'from fooStream#window.timeBatch(10 sec) select min(temp) as minTemp insert into barStream;',
      description: 'The lowest temperature in each 10 seconds.',
    },
  },
  (float) => new Extreme(false, float),
);
