import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { asLong, asString, DEFAULT_FORMAT, isNullish, parseLocal, timeErrors } from './common.js';

const error = timeErrors('DateDifferenceFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'dateDiff',
  description:
    'Gives the number of whole days from the second date to the first (first minus second, truncated toward zero).',
  parameters: [
    { name: 'date.value1', type: ['string'], description: 'The first date.' },
    { name: 'date.value2', type: ['string'], description: 'The second date.' },
    {
      name: 'date.format1',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value1.',
    },
    {
      name: 'date.format2',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value2.',
    },
    { name: 'timestamp.in.milliseconds1', type: ['long'], description: 'The first date in epoch milliseconds.' },
    { name: 'timestamp.in.milliseconds2', type: ['long'], description: 'The second date in epoch milliseconds.' },
  ],
  signatures: [
    ['date.value1', 'date.value2', 'date.format1', 'date.format2'],
    ['date.value1', 'date.value2'],
    ['timestamp.in.milliseconds1', 'timestamp.in.milliseconds2'],
  ],
  returns: { type: ['long'], description: 'The difference in days.' },
  examples: [
    {
      syntax:
        "time:dateDiff('2014-11-11 13:23:44', '2014-11-9 13:23:44', 'yyyy-MM-dd HH:mm:ss', 'yyyy-MM-dd HH:mm:ss')",
      description: 'Gives 2.',
    },
    { syntax: 'time:dateDiff(1415692424000, 1412841224000)', description: 'Gives 33.' },
  ],
} as const satisfies ExtensionSpec;

export const dateDiff: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const byMillis = ctx.argTypes[0] === 'long';
    const arity = ctx.argTypes.length;
    return (...args) => {
      if (isNullish(args[0]) || isNullish(args[1])) return null;
      let first: number;
      let second: number;
      if (byMillis) {
        first = asLong(args[0], error);
        second = asLong(args[1], error);
      } else {
        if (arity === 4 && (isNullish(args[2]) || isNullish(args[3]))) return null;
        const f1 = arity === 4 ? asString(args[2], error) : DEFAULT_FORMAT;
        const f2 = arity === 4 ? asString(args[3], error) : DEFAULT_FORMAT;
        first = parseLocal(asString(args[0], error), f1, error, ctx.now());
        second = parseLocal(asString(args[1], error), f2, error, ctx.now());
      }
      return Math.trunc((first - second) / 86400000) + 0;
    };
  },
};
