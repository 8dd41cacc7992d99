import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { DEFAULT_FORMAT, isNullish, parseLocal, timeErrors } from './common.js';

const error = timeErrors('TimestampInMillisecondsFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'timestampInMilliseconds',
  description:
    'Without arguments, gives the app clock in epoch milliseconds; with a date string (and optionally its Java pattern, by default `yyyy-MM-dd HH:mm:ss.SSS`), gives that date in epoch milliseconds.',
  parameters: [
    { name: 'date.value', type: ['string'], optional: true, description: 'The date to read.' },
    {
      name: 'date.format',
      type: ['string'],
      optional: true,
      defaultValue: 'yyyy-MM-dd HH:mm:ss.SSS',
      description: 'The Java pattern of date.value.',
    },
  ],
  returns: { type: ['long'], description: 'Epoch milliseconds.' },
  examples: [
    { syntax: 'time:timestampInMilliseconds()', description: 'The current time, for example 1562153080000.' },
    {
      syntax: "time:timestampInMilliseconds('2007-11-30 10:30:19', 'yyyy-MM-DD HH:MM:SS')",
      description: 'Reads the date with the pattern.',
    },
    { syntax: "time:timestampInMilliseconds('2007-11-30 10:30:19.000')", description: 'Gives 1196418619000.' },
  ],
} as const satisfies ExtensionSpec;

export const timestampInMilliseconds: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const arity = ctx.argTypes.length;
    return (...args) => {
      if (arity < 2) {
        const value = args[0];
        if (isNullish(value)) return ctx.now();
        return parseLocal(String(value), DEFAULT_FORMAT, error, ctx.now(), '');
      }
      if (isNullish(args[0]) || isNullish(args[1])) return null;
      return parseLocal(String(args[0]), String(args[1]), error, ctx.now(), '');
    };
  },
};
