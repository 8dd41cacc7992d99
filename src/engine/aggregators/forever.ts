/**
 * `maxForever(arg)` / `minForever(arg)`: the extreme since the start, whatever leaves a window.
 * As in Siddhi, an expired value is folded in like a new one (it cannot change the result) and a
 * reset keeps the value. Null values are skipped; nothing seen yet gives null.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';
import { asRecord, nullableField } from './snapshot-fields.js';
import { NUMERIC_TYPES, argParameter, validateOneArg } from './spec-helpers.js';

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

function sameAsArg(argTypes: readonly AttributeType[]): AttributeType {
  return argTypes[0] ?? 'double';
}

export const maxForeverAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'maxForever',
    description: 'Returns the maximum value of the argument since the start, ignoring events leaving windows.',
    parameters: [argParameter(NUMERIC_TYPES, 'The value whose maximum is kept.')],
    returns: { type: NUMERIC_TYPES, description: 'The maximum, of the argument type; null before any value.' },
    returnTypeOf: sameAsArg,
    validate: validateOneArg('maxForever', NUMERIC_TYPES),
    examples: [
      {
        syntax: 'from inputStream select maxForever(temp) as max insert into outputStream;',
        description: 'The highest temperature ever seen.',
      },
    ],
  },
  create(ctx) {
    const float = ctx.argTypes[0] === 'float';
    return () => new Forever(true, float);
  },
};

export const minForeverAggregator: AggregatorImpl = {
  spec: {
    kind: 'aggregator',
    namespace: '',
    name: 'minForever',
    description: 'Returns the minimum value of the argument since the start, ignoring events leaving windows.',
    parameters: [argParameter(NUMERIC_TYPES, 'The value whose minimum is kept.')],
    returns: { type: NUMERIC_TYPES, description: 'The minimum, of the argument type; null before any value.' },
    returnTypeOf: sameAsArg,
    validate: validateOneArg('minForever', NUMERIC_TYPES),
    examples: [
      {
        syntax: 'from inputStream select minForever(temp) as min insert into outputStream;',
        description: 'The lowest temperature ever seen.',
      },
    ],
  },
  create(ctx) {
    const float = ctx.argTypes[0] === 'float';
    return () => new Forever(false, float);
  },
};
