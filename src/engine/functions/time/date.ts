import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { asString, DATE_FORMAT, DEFAULT_FORMAT, formatLocal, isNullish, parseLocal, timeErrors } from './common.js';

const error = timeErrors('ExtractDateFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'date',
  description: 'Gives the date part of a date-time string, as `yyyy-MM-dd`.',
  parameters: [
    { name: 'date.value', type: ['string'], description: 'The date-time, in date.format.' },
    {
      name: 'date.format',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value.',
    },
  ],
  returns: { type: ['string'], description: 'The date as `yyyy-MM-dd`.' },
  examples: [
    { syntax: "time:date('2014/11/11 13:23:44', 'yyyy/MM/dd HH:mm:ss')", description: 'Gives "2014-11-11".' },
    { syntax: "time:date('2014-11-23 13:23:44.345')", description: 'Gives "2014-11-23".' },
  ],
} as const satisfies ExtensionSpec;

export const date: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const arity = ctx.argTypes.length;
    return (value, format) => {
      if (isNullish(value)) return null;
      if (arity === 2 && isNullish(format)) return null;
      const pattern = arity === 2 ? asString(format, error) : DEFAULT_FORMAT;
      return formatLocal(parseLocal(asString(value, error), pattern, error, ctx.now()), DATE_FORMAT, error);
    };
  },
};
