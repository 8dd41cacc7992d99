import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { asLong, asString, DEFAULT_FORMAT, formatLocal, isNullish, parseLocal, timeErrors } from './common.js';

const error = timeErrors('DateFormatFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'dateFormat',
  description: 'Rewrites a date (a string in a Java pattern, or epoch milliseconds) in another Java pattern.',
  parameters: [
    { name: 'date.value', type: ['string'], description: 'The date, in date.source.format.' },
    { name: 'date.target.format', type: ['string'], description: 'The Java pattern of the result.' },
    {
      name: 'date.source.format',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value.',
    },
    { name: 'timestamp.in.milliseconds', type: ['long'], description: 'The date in epoch milliseconds.' },
  ],
  signatures: [
    ['date.value', 'date.target.format', 'date.source.format'],
    ['date.value', 'date.target.format'],
    ['timestamp.in.milliseconds', 'date.target.format'],
  ],
  returns: { type: ['string'], description: 'The date in the target pattern.' },
  examples: [
    {
      syntax: "time:dateFormat('2014/11/11 13:23:44', 'mm:ss', 'yyyy/MM/dd HH:mm:ss')",
      description: 'Gives "23:44".',
    },
    { syntax: "time:dateFormat(1415712224000, 'yyyy-MM-dd')", description: 'Gives "2014-11-11".' },
  ],
} as const satisfies ExtensionSpec;

export const dateFormat: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const byMillis = ctx.argTypes[0] === 'long';
    const arity = ctx.argTypes.length;
    return (...args) => {
      if (isNullish(args[0]) || isNullish(args[1])) return null;
      if (byMillis) return formatLocal(asLong(args[0], error), asString(args[1], error), error);
      if (arity === 3 && isNullish(args[2])) return null;
      const source = arity === 3 ? asString(args[2], error) : DEFAULT_FORMAT;
      const ms = parseLocal(asString(args[0], error), source, error, ctx.now(), ' ');
      return formatLocal(ms, asString(args[1], error), error);
    };
  },
};
