import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { formatDate } from './java-date-format.js';
import {
  DATE_FORMAT,
  formatLocal,
  isNullish,
  LOCAL_ZONE,
  TIME_FORMAT,
  timeErrors,
  TIMESTAMP_FORMAT,
} from './common.js';
import { resolveZone, UTC } from './zones.js';

function clockText(name: 'currentDate' | 'currentTime', format: string, what: string, example: string): FunctionImpl {
  const base = {
    kind: 'function',
    namespace: 'time',
    name,
    description: `Gives the ${what} of the app clock, in the server's local zone, as \`${format}\`.`,
    parameters: [],
    returns: { type: ['string'], description: `The ${what} as \`${format}\`.` },
    examples: [{ syntax: `time:${name}()`, description: `Gives, for example, "${example}".` }],
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => () => formatDate(ctx.now(), format, LOCAL_ZONE, 'fast'),
  };
}

export const currentDate = clockText('currentDate', DATE_FORMAT, 'date', '2019-06-30');
export const currentTime = clockText('currentTime', TIME_FORMAT, 'time', '14:25:36');

const tsError = timeErrors('CurrentTimestampFunctionExtension');

const tsBase = {
  kind: 'function',
  namespace: 'time',
  name: 'currentTimestamp',
  description:
    "Gives the date and time of the app clock as `yyyy-MM-dd HH:mm:ss`, in the server's local zone or in the given zone (an IANA id or one of Java's short ids such as PST).",
  parameters: [
    {
      name: 'timezone',
      type: ['string'],
      optional: true,
      defaultValue: 'local zone',
      description: 'The zone to show the time in.',
    },
  ],
  returns: { type: ['string'], description: 'The timestamp as `yyyy-MM-dd HH:mm:ss`.' },
  examples: [
    { syntax: 'time:currentTimestamp()', description: 'Gives, for example, "2019-03-31 14:07:00".' },
    {
      syntax: "time:currentTimestamp('Asia/Kolkata')",
      description: 'The same instant in India: "2019-03-31 19:37:00".',
    },
  ],
} as const satisfies ExtensionSpec;

export const currentTimestamp: FunctionImpl = {
  spec: { ...tsBase, validate: validateWith(tsBase) },
  create: (ctx) => (zoneId) => {
    if (isNullish(zoneId)) return formatDate(ctx.now(), TIMESTAMP_FORMAT, LOCAL_ZONE, 'fast');
    const zone = resolveZone(String(zoneId));
    if (zone === undefined) throw tsError(`Provided time zone ${String(zoneId)} is invalid.`);
    return formatDate(ctx.now(), TIMESTAMP_FORMAT, zone, 'java.time');
  },
};

const utcError = timeErrors('UTCTimestampFunctionExtension');

const utcBase = {
  kind: 'function',
  namespace: 'time',
  name: 'utcTimestamp',
  description:
    'Gives the date and time of the app clock in UTC, as `yyyy-MM-dd HH:mm:ss` or in the given Java pattern.',
  parameters: [
    {
      name: 'date.format',
      type: ['string'],
      optional: true,
      defaultValue: 'yyyy-MM-dd HH:mm:ss',
      description: 'A Java date pattern for the result.',
    },
  ],
  returns: { type: ['string'], description: 'The UTC timestamp.' },
  examples: [{ syntax: 'time:utcTimestamp()', description: 'Gives, for example, "2019-07-03 09:58:34".' }],
} as const satisfies ExtensionSpec;

export const utcTimestamp: FunctionImpl = {
  spec: { ...utcBase, validate: validateWith(utcBase) },
  create: (ctx) => {
    let format = TIMESTAMP_FORMAT;
    return (f) => {
      if (!isNullish(f)) format = String(f);
      return formatLocal(ctx.now(), format, utcError, UTC);
    };
  },
};
