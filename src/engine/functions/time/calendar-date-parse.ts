/**
 * Parsing with the two Java parsers built on `GregorianCalendar`, which differ in what text they accept:
 *
 * - `fast`: commons-lang 3.3.2 `FastDateFormat` (what siddhi-execution-time uses). One regular expression: numbers
 *   are unsigned digits (as many as there are, or exactly the letter count when a number follows), names must match
 *   case and all, no blanks are skipped, `z`/`Z` read `GMT+hh`-style offsets, `+hh:mm`/`+hhmm` or a zone name
 *   (`PST`, `Pacific Standard Time`), after which the date is placed in that zone by its own rules. `H` is taken
 *   modulo 24 and `h` modulo 12, while `k` 24 rolls to the next day.
 * - `simple`: `java.text.SimpleDateFormat`. Blanks before a field are skipped, numbers may be negative, names match
 *   in any case, offsets are fixed numbers, `k` 24 and `h` 12 mean 0 while `H` 24 rolls over; `u` is the ISO day of
 *   week and `Y` the week-based year.
 *
 * Both then set the calendar fields in pattern order and let Java's lenient resolution decide (see java-calendar).
 * Text after the last field is ignored.
 */
import { FAST_TEXT_FIELDS, fastDateRegex } from './fast-date-regex.js';
import { F, FieldSet, type WeekRules } from './java-calendar.js';
import { zoneNames } from './zone-names.js';
import { javaCalendarInstant, resolveZone, type Zone } from './zones.js';

interface Field {
  readonly kind: 'field';
  readonly letter: string;
  readonly count: number;
}
type Piece = Field | { readonly kind: 'literal'; readonly text: string };

export type CalendarDialect = 'fast' | 'simple';

const MONTHS = 'January February March April May June July August September October November December'.split(' ');
const DAYS = 'Sunday Monday Tuesday Wednesday Thursday Friday Saturday'.split(' ');

/** SimpleDateFormat's names of months or days: the full names, then the three-letter ones. */
function namesOf(letter: string): readonly (readonly [string, number])[] {
  const full = letter === 'E' ? DAYS : MONTHS;
  const base = letter === 'E' ? 1 : 0;
  return [...full.map((n, i) => [n, i + base] as const), ...full.map((n, i) => [n.slice(0, 3), i + base] as const)];
}

const SIMPLE_NAMES: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  G: [
    ['BC', 0],
    ['AD', 1],
  ],
  a: [
    ['AM', 0],
    ['PM', 1],
  ],
};

const NUMERIC = new Set('yYuMLwWDdFHkKhmsS');

function isNumber(p: Piece | undefined, dialect: CalendarDialect): boolean {
  if (p === undefined) return false;
  // FastDateParser also counts a literal that starts with a digit as a number that follows.
  if (p.kind === 'literal') return dialect === 'fast' && /^[0-9]/.test(p.text);
  return NUMERIC.has(p.letter) && !((p.letter === 'M' || p.letter === 'L') && p.count >= 3);
}

export class DateParseError extends Error {}

/** What a zone field read: a zone whose rules place the date (fast) or a fixed offset (simple). */
type ZoneRead = { readonly zone: Zone } | { readonly offsetMs: number };

/** A FastDateParser offset (`GMT+5`, `GMT+0530` read as `GMT+053`, `+05:30`) as Java's `TimeZone.getTimeZone` reads it; GMT when out of range. */
function customOffset(sign: string, digits: string): number {
  let hours: number;
  let minutes: number;
  const colon = digits.indexOf(':');
  if (colon >= 0) {
    hours = Number(digits.slice(0, colon));
    minutes = Number(digits.slice(colon + 1));
  } else if (digits.length <= 2) {
    hours = Number(digits);
    minutes = 0;
  } else {
    hours = Math.floor(Number(digits) / 100);
    minutes = Number(digits) % 100;
  }
  if (hours > 23 || minutes > 59) return 0;
  return (sign === '-' ? -1 : 1) * (hours * 60 + minutes) * 60000;
}

function readFastZone(rest: string): { length: number; read: ZoneRead } | undefined {
  const gmt = /^GMT([+-])(\d{2,3})/.exec(rest);
  if (gmt) return { length: gmt[0].length, read: { offsetMs: customOffset(gmt[1] as string, gmt[2] as string) } };
  const num = /^([+-])(\d{2}:?\d{2})/.exec(rest);
  if (num) return { length: num[0].length, read: { offsetMs: customOffset(num[1] as string, num[2] as string) } };
  for (const [name, id] of zoneNames()) {
    if (rest.startsWith(name)) {
      const zone = resolveZone(id);
      if (zone) return { length: name.length, read: { zone } };
    }
  }
  return undefined;
}

const SIMPLE_OFFSET: Readonly<Record<number, RegExp>> = {
  1: /^([+-])(\d{2})()|^Z/,
  2: /^([+-])(\d{2})(\d{2})|^Z/,
  3: /^([+-])(\d{2}):(\d{2})|^Z/,
};

function readSimpleZone(rest: string, letter: string, count: number): { length: number; read: ZoneRead } | undefined {
  const m =
    letter === 'X'
      ? (SIMPLE_OFFSET[Math.min(count, 3)] as RegExp).exec(rest)
      : /^(?:(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?|(?:GMT|UTC)(?![A-Za-z+-]))/.exec(rest);
  if (m === null) return undefined;
  const offsetMs = m[1] === undefined ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] || 0)) * 60000;
  return { length: m[0].length, read: { offsetMs } };
}

export interface CalendarParseOptions {
  readonly dialect: CalendarDialect;
  /** The pattern, for FastDateFormat's error message. */
  readonly pattern: string;
  /** The instant "now", for two-digit years (they resolve within 80 years before and 20 after). */
  readonly now: number;
  readonly week: WeekRules;
}

/** Parses `text` with the pattern's pieces in `zone`, giving epoch millis. */
export function parseCalendarDate(text: string, pieces: readonly Piece[], zone: Zone, o: CalendarParseOptions): number {
  const fast = o.dialect === 'fast';
  const fail = (): never => {
    throw new DateParseError(
      fast ? `Unparseable date: "${text}" does not match ${fastDateRegex(o.pattern)}` : `Unparseable date: "${text}"`,
    );
  };
  const cal = new FieldSet();
  let zoneRead: ZoneRead | undefined;
  let pos = 0;
  const skipBlanks = (): void => {
    if (!fast) while (text[pos] === ' ' || text[pos] === '\t') pos++;
  };
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i] as Piece;
    if (p.kind === 'literal') {
      if (!text.startsWith(p.text, pos)) fail();
      pos += p.text.length;
      continue;
    }
    const { letter, count } = p;
    skipBlanks();
    if (isNumber(p, o.dialect)) {
      const width = isNumber(pieces[i + 1], o.dialect) ? count : Infinity;
      const start = pos;
      let negative = false;
      if (!fast && text[pos] === '-') {
        negative = true;
        pos++;
      }
      const digitsStart = pos;
      while (pos < text.length && pos - digitsStart < width && /[0-9]/.test(text[pos] as string)) pos++;
      const digits = text.slice(digitsStart, pos);
      if (digits.length === 0 || (fast && width !== Infinity && digits.length < width)) fail();
      let value = Number(digits) * (negative ? -1 : 1);
      if (Math.abs(value) > 2147483647) {
        if (fast) throw new DateParseError(`For input string: "${digits}"`);
        fail();
      }
      if ((letter === 'y' || letter === 'Y') && count <= 2) {
        const twoDigits = fast ? value < 100 : pos - start === 2 && !negative;
        if (twoDigits) {
          const startYear = new Date(o.now).getUTCFullYear() - 80;
          value += Math.floor(startYear / 100) * 100;
          if (value < startYear) value += 100;
        }
      }
      switch (letter) {
        case 'y':
          cal.set(F.YEAR, value);
          break;
        case 'Y':
          cal.set(F.WEEK_YEAR, value);
          break;
        case 'u':
          cal.set(F.DAY_OF_WEEK, value === 7 ? 1 : value + 1);
          break;
        case 'M':
        case 'L':
          cal.set(F.MONTH, value - 1);
          break;
        case 'w':
          cal.set(F.WEEK_OF_YEAR, value);
          break;
        case 'W':
          cal.set(F.WEEK_OF_MONTH, value);
          break;
        case 'D':
          cal.set(F.DAY_OF_YEAR, value);
          break;
        case 'd':
          cal.set(F.DAY_OF_MONTH, value);
          break;
        case 'F':
          cal.set(F.DAY_OF_WEEK_IN_MONTH, value);
          break;
        case 'H':
          cal.set(F.HOUR_OF_DAY, fast ? value % 24 : value);
          break;
        case 'k':
          cal.set(F.HOUR_OF_DAY, !fast && value === 24 ? 0 : value);
          break;
        case 'h':
          cal.set(F.HOUR, fast ? value % 12 : value === 12 ? 0 : value);
          break;
        case 'K':
          cal.set(F.HOUR, value);
          break;
        case 'm':
          cal.set(F.MINUTE, value);
          break;
        case 's':
          cal.set(F.SECOND, value);
          break;
        case 'S':
          cal.set(F.MILLISECOND, value);
          break;
      }
      continue;
    }
    if (letter === 'z' || letter === 'Z' || letter === 'X') {
      const got = fast ? readFastZone(text.slice(pos)) : readSimpleZone(text.slice(pos), letter, count);
      if (got === undefined) return fail();
      zoneRead = got.read;
      pos += got.length;
      continue;
    }
    const names = fast ? (FAST_TEXT_FIELDS[letter] ?? []) : (SIMPLE_NAMES[letter] ?? namesOf(letter));
    let best: readonly [string, number] | undefined;
    if (fast) best = names.find(([n]) => text.startsWith(n, pos));
    else {
      const rest = text.slice(pos).toLowerCase();
      for (const entry of names) {
        if (rest.startsWith(entry[0].toLowerCase()) && entry[0].length > (best?.[0].length ?? 0)) best = entry;
      }
    }
    if (best === undefined) return fail();
    pos += best[0].length;
    const field = letter === 'G' ? F.ERA : letter === 'a' ? F.AM_PM : letter === 'E' ? F.DAY_OF_WEEK : F.MONTH;
    cal.set(field, best[1]);
  }
  if (cal.stampOf(F.WEEK_YEAR) > cal.stampOf(F.YEAR)) setWeekDate(cal, o.week);
  const local = cal.resolve(o.week);
  if (zoneRead === undefined) return javaCalendarInstant(local, zone);
  if ('zone' in zoneRead) return javaCalendarInstant(local, zoneRead.zone);
  return local - zoneRead.offsetMs;
}

/** SimpleDateFormat's week date (`Y` read after any `y`): the day of week in the week of the week-based year. */
function setWeekDate(cal: FieldSet, week: WeekRules): void {
  const start = new FieldSet();
  start.set(F.YEAR, cal.get(F.WEEK_YEAR));
  start.set(F.WEEK_OF_YEAR, 1);
  start.set(F.DAY_OF_WEEK, week.firstDay);
  const weekOfYear = cal.isSet(F.WEEK_OF_YEAR) ? cal.get(F.WEEK_OF_YEAR) : 1;
  const dow = cal.isSet(F.DAY_OF_WEEK) ? cal.get(F.DAY_OF_WEEK) : week.firstDay;
  const days = ((dow - week.firstDay + 7) % 7) + 7 * (weekOfYear - 1);
  cal.setDate(Math.floor(start.resolve(week) / 86400000) + days);
}
