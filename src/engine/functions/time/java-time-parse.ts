/**
 * Parsing as java.time's `LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern))` does (Locale US,
 * ResolverStyle.SMART): fixed widths for two-letter fields, the whole text consumed, a zone or offset read and
 * dropped unless asked for, then SMART resolution: out-of-range months, days or hours are errors, a day past the
 * month's end is pulled back to it (30 February is 28 February), `G` BC turns the year of era into a proleptic year,
 * week-based fields (`Y`, `w`, `W` with a day of week) resolve with Sunday-first weeks, and a day of week that does
 * not match the date is a conflict. Dates are proleptic Gregorian.
 */
import { gregorianDay, dateOfDay } from './java-calendar.js';
import { zoneTextNames } from './java-time-zone-texts.js';
import { DateParseError } from './calendar-date-parse.js';
import { localToInstant, type Zone } from './zones.js';

interface Piece {
  readonly kind: 'field' | 'literal';
  readonly letter?: string;
  readonly count?: number;
  readonly text?: string;
}

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const DAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');
const NUMERIC = new Set('yYuMLwWDdFHkKhmsSnec');

function isNumeric(p: Piece | undefined): boolean {
  if (p?.kind !== 'field') return false;
  const { letter, count } = p as { letter: string; count: number };
  if ('MLec'.includes(letter)) return count <= 2;
  return NUMERIC.has(letter);
}

/** The longest zone name or id java.time reads at the start of `rest` (case matters), or 0. */
function zoneNameLength(rest: string, long: boolean): number {
  const { names, ids } = zoneTextNames(long);
  let best = 0;
  for (const list of [names, ids]) {
    for (const name of list) if (name.length > best && rest.startsWith(name)) best = name.length;
  }
  return best;
}

export interface JavaTimeParseOptions {
  readonly now: number;
  readonly ignoreOffset: boolean;
}

/** Parses `text` as LocalDateTime (or, with an offset and `ignoreOffset` false, as that instant) in `zone`. */
export function parseJavaTime(text: string, pieces: readonly Piece[], zone: Zone, o: JavaTimeParseOptions): number {
  const fail = (index: number): never => {
    throw new DateParseError(`Text '${text}' could not be parsed at index ${index}`);
  };
  const invalid = (message: string): never => {
    throw new DateParseError(`Text '${text}' could not be parsed: ${message}`);
  };
  const f = new Map<string, number>();
  let offset: number | undefined;
  let pos = 0;
  const matchName = (names: readonly string[], count: number): number => {
    const rest = text.slice(pos);
    const candidates = names.map((n) => (count === 5 ? n.slice(0, 1) : count >= 4 ? n : n.slice(0, 3)));
    const i = candidates.findIndex((n) => rest.startsWith(n));
    if (i < 0) fail(pos);
    pos += (candidates[i] as string).length;
    return i;
  };
  for (let pi = 0; pi < pieces.length; pi++) {
    const p = pieces[pi] as Piece;
    if (p.kind === 'literal') {
      if (!text.startsWith(p.text as string, pos)) fail(pos);
      pos += (p.text as string).length;
      continue;
    }
    const letter = p.letter as string;
    const count = p.count as number;
    if (isNumeric(p)) {
      const yearLike = 'yuY'.includes(letter);
      const start = pos;
      let sign = 1;
      if (yearLike && count !== 2 && (text[pos] === '-' || text[pos] === '+')) {
        sign = text[pos] === '-' ? -1 : 1;
        pos++;
      }
      let width = count >= 2 && !yearLike && letter !== 'S' ? count : isNumeric(pieces[pi + 1]) ? count : 19;
      if (letter === 'S') width = count;
      if (yearLike && count === 2) width = 2;
      const digitsStart = pos;
      while (pos < text.length && pos - digitsStart < width && /[0-9]/.test(text[pos] as string)) pos++;
      const digits = text.slice(digitsStart, pos);
      if (digits.length === 0) fail(start);
      if (count >= 2 && !yearLike && digits.length !== count) fail(start);
      if (yearLike && count >= 4 && digits.length < count) fail(start);
      // a '+' is for, and only for, years wider than the pattern
      if (yearLike && count >= 4 && (text[start] === '+') !== digits.length > count && text[start] !== '-') {
        fail(start);
      }
      let value = sign * Number(digits);
      if (yearLike && count === 2) {
        value += 2000;
      }
      if (letter === 'S') value = Math.round(Number(`0.${digits}`) * 1000);
      f.set(letter === 'L' ? 'M' : letter === 'c' ? 'e' : letter, value);
      continue;
    }
    switch (letter) {
      case 'M':
      case 'L':
        f.set('M', matchName(MONTHS, count) + 1);
        break;
      case 'E':
      case 'e':
      case 'c':
        f.set('E', matchName(DAYS, count) + 1);
        break;
      case 'a':
        f.set('a', matchName(['AM', 'PM'], 4));
        break;
      case 'G':
        f.set('G', matchName(['BC', 'AD'], 4));
        break;
      default: {
        const rest = text.slice(pos);
        const m = /^(?:(?:GMT|UTC)?([+-])(\d{2}):?(\d{2})?|(Z)(?![A-Za-z])|(GMT|UTC|UT)(?![A-Za-z+-]))/.exec(rest);
        if (m === null && (letter === 'z' || letter === 'V')) {
          const length = zoneNameLength(rest, letter === 'z' && count >= 4);
          if (length === 0) fail(pos);
          pos += length;
          break;
        }
        if (m === null) return fail(pos);
        offset = m[1] !== undefined ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) * 60000 : 0;
        pos += m[0].length;
      }
    }
  }
  if (pos < text.length) {
    throw new DateParseError(`Text '${text}' could not be parsed, unparsed text found at index ${pos}`);
  }
  const local = resolve(f, invalid) ?? invalid(`Unable to obtain LocalDateTime from TemporalAccessor`);
  return offset !== undefined && !o.ignoreOffset ? local - offset : localToInstant(local, zone);
}

function check(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  invalid: (m: string) => never,
  maxText = String(max),
): void {
  if (value !== undefined && (value < min || value > max)) {
    invalid(`Invalid value for ${name} (valid values ${min} - ${maxText}): ${value}`);
  }
}

/** SMART resolution of the parsed fields into local wall-clock millis, or undefined when no date can be formed. */
function resolve(f: Map<string, number>, invalid: (m: string) => never): number | undefined {
  const yoe = f.get('y');
  if (yoe !== undefined && (yoe < 1 || yoe > 999999999)) {
    invalid(`Invalid value for YearOfEra (valid values 1 - 999999999/1000000000): ${yoe}`);
  }
  check('MonthOfYear', f.get('M'), 1, 12, invalid);
  check('DayOfMonth', f.get('d'), 1, 31, invalid, '28/31');
  check('DayOfYear', f.get('D'), 1, 366, invalid, '365/366');
  // 24:00 is the next midnight
  const endOfDay = f.get('H') === 24 && !f.get('m') && !f.get('s') && !f.get('S');
  check('HourOfDay', endOfDay ? 0 : f.get('H'), 0, 23, invalid);
  check('ClockHourOfDay', f.get('k'), 1, 24, invalid);
  check('ClockHourOfAmPm', f.get('h'), 1, 12, invalid);
  check('HourOfAmPm', f.get('K'), 0, 11, invalid);
  check('MinuteOfHour', f.get('m'), 0, 59, invalid);
  check('SecondOfMinute', f.get('s'), 0, 59, invalid);
  check('DayOfWeek', f.get('e'), 1, 7, invalid);
  let year = f.get('u');
  if (year === undefined && yoe !== undefined) year = f.get('G') === 0 ? 1 - yoe : yoe;
  // day of week, Sunday = 1 (text) or localized number (Sunday first in Locale US)
  const dow = f.get('E') ?? f.get('e');
  let day: number | undefined;
  if (year !== undefined && f.has('M') && f.has('d')) {
    const month = f.get('M') as number;
    const length = gregorianDay(year, month + 1, 1) - gregorianDay(year, month, 1);
    day = gregorianDay(year, month, Math.min(f.get('d') as number, length));
  } else if (year !== undefined && f.has('D')) {
    const doy = f.get('D') as number;
    const length = gregorianDay(year + 1, 1, 1) - gregorianDay(year, 1, 1);
    if (doy > length) invalid(`Invalid date 'DayOfYear 366' as '${year}' is not a leap year`);
    day = gregorianDay(year, 1, doy);
  } else if (year !== undefined && f.has('M') && f.has('W') && dow !== undefined) {
    const first = gregorianDay(year, f.get('M') as number, 1);
    day = first - ((((first + 4) % 7) + 7) % 7) + 7 * ((f.get('W') as number) - 1) + (dow - 1);
  } else if (f.has('Y') && f.has('w') && dow !== undefined) {
    const jan1 = gregorianDay(f.get('Y') as number, 1, 1);
    day = jan1 - ((((jan1 + 4) % 7) + 7) % 7) + 7 * ((f.get('w') as number) - 1) + (dow - 1);
  }
  if (day === undefined) return undefined;
  if (dow !== undefined && (f.has('d') || f.has('D'))) {
    const actual = ((((day + 4) % 7) + 7) % 7) + 1;
    if (actual !== dow) {
      const { year: y, month, day: d } = dateOfDay(day, false);
      const iso = (sunFirst: number): number => ((sunFirst + 5) % 7) + 1;
      const date = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      invalid(`Conflict found: Field DayOfWeek ${iso(actual)} differs from DayOfWeek ${iso(dow)} derived from ${date}`);
    }
  }
  let hour = f.get('H') ?? (f.has('k') ? (f.get('k') as number) % 24 : undefined);
  if (hour === undefined && f.has('a')) {
    const inHalf = f.get('K') ?? (f.has('h') ? (f.get('h') as number) % 12 : undefined);
    if (inHalf !== undefined) hour = inHalf + 12 * (f.get('a') as number);
  }
  // LocalDateTime needs an hour of day (an hour of am/pm without am/pm is not one)
  if (hour === undefined) return undefined;
  const time = ((hour * 60 + (f.get('m') ?? 0)) * 60 + (f.get('s') ?? 0)) * 1000 + (f.get('S') ?? 0);
  return day * 86400000 + time;
}
