/**
 * The granularities of incremental aggregations (Siddhi's TimePeriod.Duration: seconds to years;
 * no weeks) and where their buckets start and end, in UTC.
 */
import type { AggregationDurations } from '../../lang/ast.js';

export type Granularity = 'seconds' | 'minutes' | 'hours' | 'days' | 'months' | 'years';

export const GRANULARITIES: readonly Granularity[] = ['seconds', 'minutes', 'hours', 'days', 'months', 'years'];

const FIXED: Partial<Record<Granularity, number>> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
};

/** The start of the bucket of `g` that holds `ts` (UTC). */
export function bucketStart(ts: number, g: Granularity): number {
  const size = FIXED[g];
  if (size !== undefined) return Math.floor(ts / size) * size;
  const d = new Date(ts);
  return g === 'months' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) : Date.UTC(d.getUTCFullYear(), 0, 1);
}

/** The start of the bucket after the one holding `ts` (Siddhi's next emit time). */
export function nextBucketStart(ts: number, g: Granularity): number {
  const size = FIXED[g];
  if (size !== undefined) return Math.floor(ts / size) * size + size;
  const d = new Date(ts);
  return g === 'months' ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) : Date.UTC(d.getUTCFullYear() + 1, 0, 1);
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
