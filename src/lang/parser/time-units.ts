/** Time units of SiddhiQL time constants (`5 sec`), as Siddhi's TimeConstant counts them. */
import type { TimeGranularity } from '../ast.js';

export type TimeUnitName = 'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds' | 'milliseconds';

/** Milliseconds per unit. A month is 2,630,000,000 ms (30.44 days) and a year 31,556,900,000 ms, as in Siddhi. */
export const MILLIS_PER_UNIT: Readonly<Record<TimeUnitName, number>> = {
  years: 31_556_900_000,
  months: 2_630_000_000,
  weeks: 7 * 24 * 60 * 60 * 1000,
  days: 24 * 60 * 60 * 1000,
  hours: 60 * 60 * 1000,
  minutes: 60 * 1000,
  seconds: 1000,
  milliseconds: 1,
};

/** Units in the order a time constant must list them (`1 hour 30 min`, not `30 min 1 hour`). */
export const UNIT_ORDER: readonly TimeUnitName[] = [
  'years',
  'months',
  'weeks',
  'days',
  'hours',
  'minutes',
  'seconds',
  'milliseconds',
];

/** The unit a time-unit keyword token names (token type names are `Years`, `Minutes`, ...). */
export function unitOfToken(tokenTypeName: string): TimeUnitName {
  return tokenTypeName.toLowerCase() as TimeUnitName;
}

/** Incremental aggregation durations: `sec`, `min`, `hour`, `day`, `month`, `year` (Siddhi rejects `week`). */
export function granularityOfUnit(unit: TimeUnitName): TimeGranularity | undefined {
  switch (unit) {
    case 'seconds':
    case 'minutes':
    case 'hours':
    case 'days':
    case 'months':
    case 'years':
      return unit;
    default:
      return undefined;
  }
}
