/**
 * `maximum(a, b, ...)` / `minimum(a, b, ...)`: the largest / smallest argument, all of one numeric type.
 * Faithful to Siddhi: with one argument the value passes through; with more, nulls are skipped and the
 * search starts from Java's Double.MIN_VALUE (4.9e-324) for maximum and Double.MAX_VALUE for minimum, so
 * `maximum(-1, -2)` on ints is 0 and `minimum` of nulls on ints is 2147483647. The result is cast back to the
 * argument type as Java casts (`(int)`, `(long)`, `(float)`).
 */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { doubleToInt, doubleToLong } from './java-numbers.js';
import { NUMERIC_TYPES } from './spec-parts.js';

function castBack(type: AttributeType): (d: number) => number {
  switch (type) {
    case 'int':
      return doubleToInt;
    case 'long':
      return doubleToLong;
    case 'float':
      return Math.fround;
    default:
      return (d) => d;
  }
}

function extremum(max: boolean): FunctionImpl {
  const name = max ? 'maximum' : 'minimum';
  const base: ExtensionSpec = {
    kind: 'function',
    namespace: '',
    name,
    description: `Returns the ${max ? 'largest' : 'smallest'} of its arguments, which must all have the same numeric type.`,
    parameters: [
      { name: 'arg', type: NUMERIC_TYPES, repeat: true, description: 'One or more values of the same numeric type.' },
    ],
    returns: { type: NUMERIC_TYPES, description: 'The type of the arguments.' },
    examples: [
      {
        syntax: `${name}(price1, price2, price3)`,
        description: `The ${max ? 'largest' : 'smallest'} of the three prices.`,
      },
    ],
  };
  return {
    spec: {
      ...base,
      returnTypeOf: (argTypes) => argTypes[0] ?? 'double',
      validate: validateWith(base, (argTypes) =>
        argTypes.some((t) => t !== argTypes[0])
          ? `${name}() arguments must all have the same type, but found ${argTypes.join(', ')}`
          : undefined,
      ),
    },
    create(ctx) {
      const type = ctx.argTypes[0] ?? 'double';
      if (ctx.argTypes.length === 1) return (v: unknown) => (v === undefined ? null : v);
      const back = castBack(type);
      const float = type === 'float';
      const start = max ? Number.MIN_VALUE : Number.MAX_VALUE;
      const pick = (acc: number, v: unknown): number => {
        if (typeof v !== 'number') return acc;
        const d = float ? Math.fround(v) : v;
        return max ? (d > acc ? d : acc) : d < acc ? d : acc;
      };
      if (ctx.argTypes.length === 2) return (a: unknown, b: unknown) => back(pick(pick(start, a), b));
      if (ctx.argTypes.length === 3) {
        return (a: unknown, b: unknown, c: unknown) => back(pick(pick(pick(start, a), b), c));
      }
      return (...args: unknown[]) => {
        let acc = start;
        for (let i = 0; i < args.length; i++) acc = pick(acc, args[i]);
        return back(acc);
      };
    },
  };
}

export const maximumFunction = extremum(true);
export const minimumFunction = extremum(false);
