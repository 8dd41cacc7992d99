import type { AggregatorImpl, AggregatorState } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { MATH_PACKAGE } from './numeric.js';

const error = errorsFor(`${MATH_PACKAGE}.PercentileFunctionExtension`);

const base = {
  kind: 'aggregator',
  namespace: 'math',
  name: 'percentile',
  description:
    'Gives the p-th percentile of the values in the window (or since the last reset), by the nearest-rank method: ' +
    'rank p·n/100 rounded half up; a whole rank below n averages that value and the next. Int and long values are ' +
    'held as 32-bit floats, as Siddhi does.',
  parameters: [
    { name: 'arg', type: NUMERIC_TYPES, description: 'The value to aggregate.' },
    {
      name: 'p',
      type: ['double'],
      constantOnly: true,
      description: 'The percentile, a constant double above 0 and at most 100.',
    },
  ],
  returns: { type: ['double'], description: 'The percentile value.' },
  examples: [
    {
      syntax: 'from s#window.length(10) select math:percentile(temperature, 97.0) as p',
      description: 'The 97th percentile of the last 10 temperatures.',
    },
  ],
} as const satisfies ExtensionSpec;

function extra(_argTypes: readonly unknown[], constants: readonly unknown[]): string | undefined {
  const p = constants[1];
  if (typeof p === 'number' && (p <= 0 || p > 100)) return 'Percentile value should be in 0 < p ≤ 100 range';
  return undefined;
}

/** First index of `value` in sorted `list`, or where it would go. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The percentile of sorted values, null when there are none. */
export function percentileOf(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const rank = (p * n) / 100;
  if (rank % 1 === 0) {
    if (rank === n) return sorted[n - 1] as number;
    if (rank === 0) return sorted[0] as number;
    return ((sorted[rank - 1] as number) + (sorted[rank] as number)) / 2;
  }
  const index = Math.round(rank);
  return index === 0 ? (sorted[0] as number) : (sorted[index - 1] as number);
}

export const percentile: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base, extra) },
  create: (ctx) => {
    const p = Number(ctx.constants[1]);
    const type = ctx.argTypes[0];
    const held = type === 'double' ? (x: number) => x : (x: number) => Math.fround(x);
    return (): AggregatorState => {
      let values: number[] = [];
      return {
        add(v) {
          if (v !== null && v !== undefined) {
            const x = held(Number(v));
            values.splice(lowerBound(values, x), 0, x);
          }
          return percentileOf(values, p);
        },
        remove(v) {
          if (v !== null && v !== undefined) {
            const x = held(Number(v));
            const i = lowerBound(values, x);
            if (values[i] !== x) throw error(`Percentile cannot remove ${x}: the value is not held`);
            values.splice(i, 1);
          }
          return percentileOf(values, p);
        },
        reset() {
          values = [];
          return 0;
        },
        value: () => percentileOf(values, p),
        snapshot: () => ({ values: values.slice() }),
        restore(state) {
          values = ((state as { values: number[] }).values ?? []).slice();
        },
      };
    };
  },
};
