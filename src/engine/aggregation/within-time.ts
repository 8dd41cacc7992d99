/**
 * `within` of aggregation reads: `within '2017-06-** **:**:**'` (a pattern naming a whole second,
 * minute, hour, day, month or year, optionally with a `+05:30` offset) or `within start, end`
 * (longs, or `yyyy-MM-dd HH:mm:ss [+hh:mm]` strings). Results are `[start, end)` in epoch millis.
 */
import { nextBucketStart, type Granularity } from './granularity.js';

/** A within value or per value that cannot be used; the query (or joined event) fails with this message. */
export class AggregationReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AggregationReadError';
  }
}

const UTC_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ZONED_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2}):(\d{2})$/;

/** Epoch millis of `yyyy-MM-dd HH:mm:ss` (UTC) or `yyyy-MM-dd HH:mm:ss +hh:mm`. */
export function unixTime(text: string): number {
  const t = text.trim();
  const m = UTC_TIME.exec(t) ?? ZONED_TIME.exec(t);
  if (!m) {
    throw new AggregationReadError(
      `timestamp '${t}' is neither 'yyyy-MM-dd HH:mm:ss' (UTC) nor 'yyyy-MM-dd HH:mm:ss +hh:mm' (with a UTC offset such as +05:30)`,
    );
  }
  const n = (i: number): number => Number(m[i]);
  const local = Date.UTC(n(1), n(2) - 1, n(3), n(4), n(5), n(6));
  if (m[7] === undefined) return local;
  const offset = (n(8) * 60 + n(9)) * 60_000 * (m[7] === '-' ? -1 : 1);
  return local - offset;
}

const D = '[0-9]{2}';
const W = '\\*\\*';
/** The six patterns, finest first: the index is how many trailing fields are wildcards. */
const SHAPES = [
  `[0-9]{4}-${D}-${D} ${D}:${D}:${D}`,
  `[0-9]{4}-${D}-${D} ${D}:${D}:${W}`,
  `[0-9]{4}-${D}-${D} ${D}:${W}:${W}`,
  `[0-9]{4}-${D}-${D} ${W}:${W}:${W}`,
  `[0-9]{4}-${D}-${W} ${W}:${W}:${W}`,
  `[0-9]{4}-${W}-${W} ${W}:${W}:${W}`,
];
const UTC_PATTERNS = SHAPES.map((s) => new RegExp(`^${s}$`));
const ZONED_PATTERNS = SHAPES.map((s) => new RegExp(`^${s} [+-][0-9]{2}:[0-9]{2}$`));
const SPAN = [1000, 60_000, 3_600_000, 86_400_000];

function formatError(text: string): AggregationReadError {
  return new AggregationReadError(
    `'within ${JSON.stringify(text)}' has an unknown format: write <yyyy>-**-** **:**:**, <yyyy>-<MM>-** **:**:**, ` +
      `<yyyy>-<MM>-<dd> **:**:**, <yyyy>-<MM>-<dd> <HH>:**:**, <yyyy>-<MM>-<dd> <HH>:<mm>:** or ` +
      `<yyyy>-<MM>-<dd> <HH>:<mm>:<ss>, optionally followed by a UTC offset such as +05:30`,
  );
}

/** `[start, end)` of a single within pattern. */
export function withinPattern(text: string): [number, number] {
  const t = text.trim();
  const patterns = t.length === 19 ? UTC_PATTERNS : t.length === 26 ? ZONED_PATTERNS : undefined;
  const i = patterns?.findIndex((p) => p.test(t)) ?? -1;
  if (i < 0) throw formatError(t);
  if (i < 4) {
    const start = unixTime(t.replace(/\*/g, '0'));
    return [start, start + SPAN[i]!];
  }
  const filled = i === 4 ? t.replace('** **:**:**', '01 00:00:00') : t.replace('**-** **:**:**', '01-01 00:00:00');
  const start = unixTime(filled);
  const offset = start - unixTime(filled.slice(0, 19));
  const g: Granularity = i === 4 ? 'months' : 'years';
  // offset = -(the UTC offset): the wall-clock start is start - offset.
  return [start, nextBucketStart(start - offset, g) + offset];
}

function instant(v: unknown, which: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return unixTime(v);
  throw new AggregationReadError(`the ${which} of 'within' must be a long or a string, but is ${String(v)}`);
}

/** `[start, end)` of `within start` (a pattern) or `within start, end`. */
export function withinRange(start: unknown, end?: unknown, hasEnd = end !== undefined): [number, number] {
  if (!hasEnd) {
    if (typeof start !== 'string') {
      throw new AggregationReadError(`a single 'within' value must be a string pattern, but is ${String(start)}`);
    }
    return withinPattern(start);
  }
  const s = instant(start, 'start');
  const e = instant(end, 'end');
  if (!(s < e)) {
    throw new AggregationReadError(
      `the start of 'within' must be before its end, but the start is ${s} and the end is ${e} (epoch millis)`,
    );
  }
  return [s, e];
}
