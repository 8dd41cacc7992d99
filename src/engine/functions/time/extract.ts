import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { fieldsOf, weekOfYear, weekRulesOf } from './calendar.js';
import { asLong, asString, DEFAULT_FORMAT, isNullish, LOCAL_ZONE, parseLocal, timeErrors } from './common.js';

const error = timeErrors('ExtractAttributesFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'extract',
  description:
    'Gives one field of a date: YEAR, QUARTER, MONTH (1-12), WEEK (week of year, by the locale: en_US by default), ' +
    'DAY (of month), HOUR (0-23), MINUTE or SECOND. An unknown unit gives 0.',
  parameters: [
    { name: 'unit', type: ['string'], constantOnly: true, description: 'The field to extract (any case).' },
    { name: 'date.value', type: ['string'], description: 'The date, in date.format.' },
    {
      name: 'date.format',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value.',
    },
    {
      name: 'locale',
      type: ['string'],
      optional: true,
      constantOnly: true,
      defaultValue: 'en_US',
      description: 'A Java locale such as en_US or fr_FR; it decides how weeks are numbered.',
    },
    { name: 'timestamp.in.milliseconds', type: ['long'], description: 'The date in epoch milliseconds.' },
  ],
  signatures: [
    ['unit', 'date.value'],
    ['unit', 'date.value', 'date.format'],
    ['unit', 'date.value', 'date.format', 'locale'],
    ['timestamp.in.milliseconds', 'unit'],
    ['timestamp.in.milliseconds', 'unit', 'locale'],
  ],
  returns: { type: ['int'], description: 'The value of the field.' },
  examples: [
    {
      syntax: "time:extract('YEAR', '2019/11/11 13:23:44.657', 'yyyy/MM/dd HH:mm:ss.SSS')",
      description: 'Gives 2019.',
    },
    { syntax: "time:extract('DAY', '2019-11-12 13:23:44.657')", description: 'Gives 12.' },
    { syntax: "time:extract(1394484824000, 'hour')", description: 'Gives 20.' },
  ],
} as const satisfies ExtensionSpec;

export const extract: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const byMillis = ctx.argTypes[0] === 'long';
    const arity = ctx.argTypes.length;
    const unit = String(byMillis ? ctx.constants[1] : ctx.constants[0]).toUpperCase();
    const locale = byMillis ? (arity === 3 ? ctx.constants[2] : undefined) : arity === 4 ? ctx.constants[3] : undefined;
    const week = weekRulesOf(typeof locale === 'string' ? locale : undefined);
    return (...args) => {
      let ms: number;
      if (byMillis) {
        if (isNullish(args[0])) return null;
        ms = asLong(args[0], error);
      } else {
        if (isNullish(args[1])) return null;
        if (arity >= 3 && isNullish(args[2])) return null;
        const format = arity >= 3 ? asString(args[2], error) : DEFAULT_FORMAT;
        ms = parseLocal(asString(args[1], error), format, error, ctx.now());
      }
      const f = fieldsOf(ms, LOCAL_ZONE);
      switch (unit) {
        case 'YEAR':
          return f.year;
        case 'MONTH':
          return f.month;
        case 'SECOND':
          return f.second;
        case 'MINUTE':
          return f.minute;
        case 'HOUR':
          return f.hour;
        case 'DAY':
          return f.day;
        case 'WEEK':
          return weekOfYear(f, week).week;
        case 'QUARTER':
          return Math.floor((f.month - 1) / 3) + 1;
        default:
          return 0;
      }
    };
  },
};
