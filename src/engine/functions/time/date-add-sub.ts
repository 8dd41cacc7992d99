import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { addToInstant } from './calendar.js';
import {
  asLong,
  asString,
  DEFAULT_FORMAT,
  formatLocal,
  isNullish,
  LOCAL_ZONE,
  parseLocal,
  timeErrors,
} from './common.js';

const UNITS = 'SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR';

function make(name: 'dateAdd' | 'dateSub', javaClass: string, sign: 1 | -1): FunctionImpl {
  const error = timeErrors(javaClass);
  const verb = sign === 1 ? 'Adds' : 'Subtracts';
  const base = {
    kind: 'function',
    namespace: 'time',
    name,
    description:
      `${verb} an amount of a unit (${UNITS}) ${sign === 1 ? 'to' : 'from'} a date, with Java calendar arithmetic ` +
      "(months clamp the day to the month's end). A date string gives the result in its pattern; epoch milliseconds give the result as text of epoch milliseconds.",
    parameters: [
      { name: 'date.value', type: ['string'], description: 'The date, in date.format.' },
      { name: 'expr', type: ['int'], description: `The amount to ${sign === 1 ? 'add' : 'subtract'}.` },
      { name: 'unit', type: ['string'], constantOnly: true, description: `The unit: ${UNITS} (any case).` },
      {
        name: 'date.format',
        type: ['string'],
        optional: true,
        defaultValue: DEFAULT_FORMAT,
        description: 'The Java pattern of date.value and of the result.',
      },
      { name: 'timestamp.in.milliseconds', type: ['long'], description: 'The date as epoch milliseconds.' },
    ],
    signatures: [
      ['date.value', 'expr', 'unit'],
      ['date.value', 'expr', 'unit', 'date.format'],
      ['timestamp.in.milliseconds', 'expr', 'unit'],
    ],
    returns: { type: ['string'], description: 'The new date in date.format, or its epoch milliseconds as text.' },
    examples: [
      {
        syntax: `time:${name}('2019-06-15 13:25:44', 2, 'YEAR', 'yyyy-MM-dd HH:mm:ss')`,
        description: `Gives "${sign === 1 ? '2021' : '2017'}-06-15 13:25:44".`,
      },
      {
        syntax: `time:${name}(1415692424000, 2, 'HOUR')`,
        description: `Gives "${sign === 1 ? '1415699624000' : '1415685224000'}".`,
      },
    ],
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const byMillis = ctx.argTypes[0] === 'long';
      const constantUnit = String(ctx.constants[2] ?? '').toUpperCase();
      const arity = ctx.argTypes.length;
      return (...args) => {
        if (byMillis) {
          if (isNullish(args[0]) || isNullish(args[1]) || isNullish(args[2])) return null;
          const ms = asLong(args[0], error);
          // Siddhi's dateAdd reads the unit of this form as given (case-sensitive); dateSub upper-cases it.
          const unit = sign === 1 ? String(args[2]) : constantUnit;
          return String(addToInstant(ms, unit, sign * Number(args[1]), LOCAL_ZONE));
        }
        if (isNullish(args[0]) || isNullish(args[1])) return null;
        if (arity === 4 && isNullish(args[3])) return null;
        const format = arity === 4 ? asString(args[3], error) : DEFAULT_FORMAT;
        const text = asString(args[0], error);
        const ms = parseLocal(text, format, error, ctx.now());
        return formatLocal(addToInstant(ms, constantUnit, sign * Number(args[1]), LOCAL_ZONE), format, error);
      };
    },
  };
}

export const dateAdd = make('dateAdd', 'DateAddFunctionExtension', 1);
export const dateSub = make('dateSub', 'DateSubFunctionExtension', -1);
