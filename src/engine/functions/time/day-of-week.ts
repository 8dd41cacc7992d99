import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { asString, DATE_FORMAT, DEFAULT_FORMAT, formatLocal, isNullish, parseLocal, timeErrors } from './common.js';

const error = timeErrors('ExtractDayOfWeekFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'dayOfWeek',
  description:
    'Gives the English name of the day of the week of a date. Without a pattern, the text before the first space is read as `yyyy-MM-dd`.',
  parameters: [
    { name: 'date.value', type: ['string'], description: 'The date.' },
    {
      name: 'date.format',
      type: ['string'],
      optional: true,
      defaultValue: DEFAULT_FORMAT,
      description: 'The Java pattern of date.value.',
    },
  ],
  returns: { type: ['string'], description: 'Monday, Tuesday, ... or Sunday.' },
  examples: [
    { syntax: "time:dayOfWeek('2017-10-20 13:23:44', 'yyyy-MM-dd HH:mm:ss')", description: 'Gives "Friday".' },
    { syntax: "time:dayOfWeek('2014-9-22')", description: 'Gives "Monday".' },
  ],
} as const satisfies ExtensionSpec;

export const dayOfWeek: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const arity = ctx.argTypes.length;
    return (value, format) => {
      if (isNullish(value)) return null;
      const text = asString(value, error);
      let ms: number;
      if (arity === 2) {
        if (isNullish(format)) return null;
        ms = parseLocal(text, asString(format, error), error, ctx.now(), '');
      } else {
        // Siddhi reads the one-argument form with SimpleDateFormat, not FastDateFormat.
        ms = parseLocal(text.split(' ')[0] as string, DATE_FORMAT, error, ctx.now(), '', 'simple');
      }
      return formatLocal(ms, 'EEEE', error);
    };
  },
};
