/**
 * `maxForever(arg)` / `minForever(arg)`: the extreme since the start, whatever leaves a window.
 * As in Siddhi, an expired value is folded in like a new one (it cannot change the result) and a
 * reset keeps the value. Null values are skipped; nothing seen yet gives null.
 */
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, nullableField } from './snapshot-fields.js';
import { sameTypeNumericAggregator } from './spec-helpers.js';

class Forever implements AggregatorState {
  private current: number | null = null;

  constructor(
    private readonly max: boolean,
    private readonly float: boolean,
  ) {}

  add(raw: unknown): unknown {
    if (typeof raw !== 'number') return this.current;
    const v = this.float ? Math.fround(raw) : raw;
    const c = this.current;
    if (c === null || (this.max ? c < v : c > v)) this.current = v;
    return this.current;
  }

  remove(raw: unknown): unknown {
    return this.add(raw);
  }

  reset(): unknown {
    return this.current;
  }

  value(): unknown {
    return this.current;
  }

  snapshot(): unknown {
    return { value: this.current };
  }

  restore(state: unknown): void {
    const v = nullableField(asRecord(state, this.max ? 'maxForever' : 'minForever'), 'value');
    this.current = typeof v === 'number' ? v : null;
  }
}

export const maxForeverAggregator: AggregatorImpl = sameTypeNumericAggregator(
  {
    name: 'maxForever',
    description: 'Returns the maximum value of the argument since the start, ignoring events leaving windows.',
    argument: 'The value whose maximum is kept.',
    returns: 'The maximum, of the argument type; null before any value.',
    example: {
      syntax: 'from inputStream select maxForever(temp) as max insert into outputStream;',
      description: 'The highest temperature ever seen.',
    },
  },
  (float) => new Forever(true, float),
);

export const minForeverAggregator: AggregatorImpl = sameTypeNumericAggregator(
  {
    name: 'minForever',
    description: 'Returns the minimum value of the argument since the start, ignoring events leaving windows.',
    argument: 'The value whose minimum is kept.',
    returns: 'The minimum, of the argument type; null before any value.',
    example: {
      syntax: 'from inputStream select minForever(temp) as min insert into outputStream;',
      description: 'The lowest temperature ever seen.',
    },
  },
  (float) => new Forever(false, float),
);
