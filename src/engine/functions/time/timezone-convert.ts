import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { isNullish, LOCAL_ZONE, timeErrors } from './common.js';
import { formatDate, parseDate } from './java-date-format.js';
import { localToInstant, resolveZone, UTC } from './zones.js';

const error = timeErrors('TimezoneConvertFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'time',
  name: 'timezoneConvert',
  description:
    'Reads a local date-time with a java.time pattern, places it in the source zone (the local zone by default) and ' +
    'writes the same instant, in the same pattern, in the target zone. An offset in the text is ignored.',
  parameters: [
    { name: 'date.value', type: ['string'], description: 'The date-time to convert.' },
    { name: 'date.format', type: ['string'], description: 'The java.time pattern of date.value and of the result.' },
    { name: 'target.timezone', type: ['string'], description: 'The zone to convert to (IANA id or Java short id).' },
    {
      name: 'source.timezone',
      type: ['string'],
      optional: true,
      defaultValue: 'local zone',
      description: 'The zone date.value is in.',
    },
  ],
  returns: { type: ['string'], description: 'The date-time in the target zone.' },
  examples: [
    {
      syntax: "time:timezoneConvert('2019-08-21 13:25:35', 'yyyy-MM-dd HH:mm:ss', 'Asia/Kolkata', 'UTC')",
      description: 'Gives "2019-08-21 18:55:35".',
    },
  ],
} as const satisfies ExtensionSpec;

export const timezoneConvert: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const arity = ctx.argTypes.length;
    return (...args) => {
      if (args.slice(0, arity).some(isNullish)) return null;
      const [value, pattern, target, source] = args.map((a) => String(a)) as [string, string, string, string?];
      const sourceZone = arity === 4 ? resolveZone(source as string) : LOCAL_ZONE;
      if (sourceZone === undefined) throw error(`Unknown time-zone ID: ${String(source)}`);
      const targetZone = resolveZone(target);
      if (targetZone === undefined) throw error(`Unknown time-zone ID: ${target}`);
      let ms: number;
      try {
        const local = parseDate(value, pattern, UTC, { dialect: 'java.time', now: ctx.now(), ignoreOffset: true });
        ms = localToInstant(local, sourceZone);
      } catch (e) {
        throw error(
          `Provided date value : ${value} cannot be parsed by given pattern ${pattern} ${(e as Error).message}`,
          e,
        );
      }
      try {
        return formatDate(ms, pattern, targetZone, 'java.time');
      } catch (e) {
        throw error((e as Error).message, e);
      }
    };
  },
};
