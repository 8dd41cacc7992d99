import type { AggregatorImpl, AggregatorState } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { javaValueToString } from '../shared/java-format.js';
import { validateWith } from '../shared/overloads.js';

const base = {
  kind: 'aggregator',
  namespace: 'str',
  name: 'groupConcat',
  description:
    'Joins the values of the events in the window (or since the last reset) into one string, in arrival order of ' +
    'first appearance, or sorted ascending or descending; optionally without duplicates.',
  parameters: [
    { name: 'key', type: ['string'], description: 'The value to collect.' },
    { name: 'separator', type: ['string'], optional: true, defaultValue: ',', description: 'Text put between values.' },
    {
      name: 'distinct',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      constantOnly: true,
      description: 'true to list each value once.',
    },
    {
      name: 'order',
      type: ['string'],
      optional: true,
      defaultValue: 'No order',
      constantOnly: true,
      description: "'ASC' or 'DESC' to sort the values; otherwise they keep the order in which they first arrived.",
    },
  ],
  returns: { type: ['string'], description: 'The joined values; an empty string when there are none.' },
  examples: [
    {
      syntax: 'from s#window.time(5 min) select str:groupConcat(symbol) as symbols',
      description: 'With "WSO2" and "IBM" in the window, gives "WSO2,IBM".',
    },
    {
      syntax: "from s#window.time(5 min) select str:groupConcat(symbol, '-', true, 'ASC') as symbols",
      description: 'Gives the distinct symbols, sorted and joined with "-": "IBM-WSO2".',
    },
  ],
} as const satisfies ExtensionSpec;

function extra(_argTypes: readonly unknown[], constants: readonly unknown[]): string | undefined {
  const order = constants[3];
  if (typeof order === 'string' && !['ASC', 'DESC'].includes(order.toUpperCase())) {
    return `str:groupConcat() function's fourth attribute 'order' should be either 'ASC' or 'DESC', but found '${order}'`;
  }
  return undefined;
}

function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const groupConcat: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base, extra) },
  create: (ctx) => {
    const distinct = ctx.constants[2] === true;
    const orderText = ctx.constants[3];
    const order = typeof orderText === 'string' ? orderText.toUpperCase() : undefined;
    const withSeparator = ctx.argTypes.length > 1;
    return (): AggregatorState => {
      let counts = new Map<string, number>();
      let separator = ',';
      const text = (): string => {
        let keys = [...counts.keys()];
        if (order === 'ASC') keys.sort(compareUtf16);
        else if (order === 'DESC') keys.sort((a, b) => compareUtf16(b, a));
        if (!distinct) keys = keys.flatMap((k) => Array<string>(counts.get(k) as number).fill(k));
        return keys.join(separator);
      };
      return {
        add(value, sep) {
          if (!withSeparator) {
            if (value === null || value === undefined) return counts.size === 0 ? '' : text();
          } else separator = javaValueToString(sep);
          const key = javaValueToString(value);
          counts.set(key, (counts.get(key) ?? 0) + 1);
          return text();
        },
        remove(value, sep) {
          if (!withSeparator) {
            if (value === null || value === undefined) return text();
          } else separator = javaValueToString(sep);
          const key = javaValueToString(value);
          const n = counts.get(key);
          if (n === 1) counts.delete(key);
          else if (n !== undefined) counts.set(key, n - 1);
          return text();
        },
        reset() {
          counts.clear();
          return '';
        },
        value: () => text(),
        snapshot: () => ({ counts: [...counts.entries()], separator }),
        restore(state) {
          const s = state as { counts: [string, number][]; separator: string };
          counts = new Map(s.counts);
          separator = s.separator;
        },
      };
    };
  },
};
