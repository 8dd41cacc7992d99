/**
 * The granularities of incremental aggregations (Siddhi's TimePeriod.Duration: seconds to years;
 * no weeks) and where their buckets start and end: in UTC, or in the aggregation time zone (the
 * manager's `aggregationTimeZone`, Siddhi's `aggTimeZone`), where hours, days, months and years
 * start at the zone's wall-clock hour, midnight, first of the month and first of the year, as
 * Siddhi's IncrementalTimeConverterUtil computes them (ZonedDateTime.of: a start in a DST gap
 * moves later, one in an overlap takes the earlier offset). Seconds and minutes are always
 * whole UTC seconds and minutes, as in Siddhi.
 */
import type { AggregationDurations } from '../../lang/ast.js';
import { localToInstant, resolveZone, type Zone } from '../functions/time/zones.js';

export type Granularity = 'seconds' | 'minutes' | 'hours' | 'days' | 'months' | 'years';

export const GRANULARITIES: readonly Granularity[] = ['seconds', 'minutes', 'hours', 'days', 'months', 'years'];

const FIXED: Partial<Record<Granularity, number>> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The start of the bucket of `g` that holds `ts` (in UTC, or in `zone` when given). */
export function bucketStart(ts: number, g: Granularity, zone?: Zone): number {
  if (zone !== undefined && zoned(g)) return localToInstant(utcStart(ts + zone.offsetAt(ts), g), zone);
  return utcStart(ts, g);
}

/** The start of the bucket after the one holding `ts` (Siddhi's next emit time). */
export function nextBucketStart(ts: number, g: Granularity, zone?: Zone): number {
  if (zone !== undefined && zoned(g)) {
    // on the zone's wall clock (as if UTC millis): the start after the local start of ts's bucket
    return localToInstant(utcNext(utcStart(ts + zone.offsetAt(ts), g), g), zone);
  }
  return utcNext(ts, g);
}

/** Hours, days, months and years follow the aggregation time zone; seconds and minutes stay UTC. */
function zoned(g: Granularity): boolean {
  return g !== 'seconds' && g !== 'minutes';
}

/** The start of the UTC bucket of `g` holding `ts` (also a wall-clock start, given wall-clock millis). */
function utcStart(ts: number, g: Granularity): number {
  const size = FIXED[g];
  if (size !== undefined) return Math.floor(ts / size) * size;
  const d = new Date(ts);
  return g === 'months' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) : Date.UTC(d.getUTCFullYear(), 0, 1);
}

/** The start of the UTC bucket of `g` after the one holding `ts`. */
function utcNext(ts: number, g: Granularity): number {
  const size = FIXED[g];
  if (size !== undefined) return Math.floor(ts / size) * size + size;
  const d = new Date(ts);
  return g === 'months' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
}

/**
 * The zone of the manager's `aggregationTimeZone` (Siddhi's `aggTimeZone`): undefined for UTC
 * (the default), or a string error for an unknown zone.
 */
export function aggregationZone(id: string | undefined): Zone | undefined | string {
  if (id === undefined) return undefined;
  const zone = resolveZone(id.trim());
  if (zone === undefined) {
    return (
      `the aggregation time zone '${id}' is not a known time zone; use an IANA zone id such as 'Asia/Singapore' ` +
      `or 'America/New_York', 'UTC', or a fixed offset such as '+05:30'`
    );
  }
  // UTC itself takes the plain (faster) path; other zones at offset 0 give the same buckets through the zoned one.
  return ['UTC', 'GMT', 'UT', 'Z'].includes(zone.id) ? undefined : zone;
}

/** Siddhi's duration names (`sec`, `minutes`, `h`, `day`, ...), case-insensitive; undefined when unknown. */
export function normalizeDuration(text: string): Granularity | undefined {
  switch (text.trim().toLowerCase()) {
    case 'sec':
    case 'second':
    case 'seconds':
      return 'seconds';
    case 'min':
    case 'minute':
    case 'minutes':
      return 'minutes';
    case 'h':
    case 'hour':
    case 'hours':
      return 'hours';
    case 'day':
    case 'days':
      return 'days';
    case 'month':
    case 'months':
      return 'months';
    case 'year':
    case 'years':
      return 'years';
    default:
      return undefined;
  }
}

/** The granularities of `every ...`, smallest first; a string error when weeks (or an empty range) are asked for. */
export function aggregationGranularities(d: AggregationDurations): Granularity[] | string {
  const asked = d.kind === 'range' ? [d.from, d.to] : d.list;
  const bad = asked.find((g) => g === 'weeks');
  if (bad) return `aggregations cannot run every week; use sec, min, hour, day, month or year`;
  const idx = (g: string): number => GRANULARITIES.indexOf(g as Granularity);
  if (d.kind === 'range') {
    const from = idx(d.from);
    const to = idx(d.to);
    if (from > to) return `the range 'every ${d.from} ... ${d.to}' runs backwards; write the smaller one first`;
    return GRANULARITIES.slice(from, to + 1);
  }
  return GRANULARITIES.filter((g) => d.list.includes(g));
}
