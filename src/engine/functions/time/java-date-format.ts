/**
 * Java date patterns (`yyyy-MM-dd HH:mm:ss.SSS`) with English names, in three dialects:
 * - `fast`: commons-lang 3.3.2 `FastDateFormat`, which siddhi-execution-time uses for nearly everything. It knows
 *   fewer letters (no `Y`, `u`, `X`, `L`: Java throws "Illegal pattern component"), prints `y` with at least four
 *   digits and `ZZ` with a colon.
 * - `simple`: `java.text.SimpleDateFormat`.
 * - `java.time`: `DateTimeFormatter` (`u` is the year, `S` a fraction, `e`/`c` localized days, `Q` quarters, five
 *   letters narrow), on the proleptic Gregorian calendar; the other two use Java's Julian-then-Gregorian calendar.
 *
 * This file tokenizes and formats; parsing is in calendar-date-parse (fast, simple: lenient Calendar resolution)
 * and java-time-parse (java.time: SMART resolution, the whole text consumed).
 */
import { fieldsOf, US_WEEK, weekOfMonth, weekOfYear, type WeekRules } from './calendar.js';
import { DateParseError, parseCalendarDate } from './calendar-date-parse.js';
import { zoneTexts } from './java-time-zone-texts.js';
import { parseJavaTime } from './java-time-parse.js';
import { formatOffset, type Zone } from './zones.js';

export { DateParseError };

export type Dialect = 'fast' | 'simple' | 'java.time';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface FieldToken {
  readonly kind: 'field';
  readonly letter: string;
  readonly count: number;
}
interface LiteralToken {
  readonly kind: 'literal';
  readonly text: string;
}
type Token = FieldToken | LiteralToken;

const LETTERS: Readonly<Record<Dialect, string>> = {
  fast: 'GyMdhHmsSEDFwWakKzZ',
  simple: 'GyYMLwWDdFEuaHkKhmsSzZX',
  'java.time': 'GuyYMLQqwWDdFEecaHkKhmsSnzZXxVO',
};

/** Tokens of a pattern; throws on an unknown letter or an unterminated quote, as Java does. */
const tokenCache = new Map<string, Token[]>();

/** The tokens of a pattern, cached: patterns are nearly always constants of the app. */
export function tokenize(pattern: string, dialect: Dialect = 'simple'): Token[] {
  const key = `${dialect}\u0000${pattern}`;
  let tokens = tokenCache.get(key);
  if (!tokens) {
    tokens = tokenizeUncached(pattern, dialect);
    if (tokenCache.size < 1000) tokenCache.set(key, tokens);
  }
  return tokens;
}

function tokenizeUncached(pattern: string, dialect: Dialect): Token[] {
  const letters = LETTERS[dialect];
  const tokens: Token[] = [];
  let i = 0;
  const literal = (t: string): void => {
    const last = tokens[tokens.length - 1];
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + t };
    else tokens.push({ kind: 'literal', text: t });
  };
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        literal("'");
        i += 2;
        continue;
      }
      let text = '';
      i++;
      while (true) {
        if (i >= pattern.length) throw new Error(`Unterminated quote in pattern "${pattern}"`);
        if (pattern[i] === "'") {
          if (pattern[i + 1] === "'") {
            text += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += pattern[i];
        i++;
      }
      literal(text);
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      if (!letters.includes(c)) {
        throw new Error(
          dialect === 'fast' ? `Illegal pattern component: ${c.repeat(n)}` : `Illegal pattern character '${c}'`,
        );
      }
      tokens.push({ kind: 'field', letter: c, count: n });
      i += n;
      continue;
    }
    literal(c);
    i++;
  }
  return tokens;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + s.padStart(width, '0');
}

/** Formats the instant `ms` in `zone` with a Java pattern. */
export function formatDate(
  ms: number,
  pattern: string,
  zone: Zone,
  dialect: Dialect = 'simple',
  week: WeekRules = US_WEEK,
): string {
  const f = fieldsOf(ms, zone, dialect !== 'java.time');
  let out = '';
  for (const t of tokenize(pattern, dialect)) {
    if (t.kind === 'literal') {
      out += t.text;
      continue;
    }
    const { letter, count } = t;
    const yearText = (y: number): string =>
      count === 2
        ? pad(dialect === 'java.time' ? Math.abs(y % 100) : ((y % 100) + 100) % 100, 2)
        : pad(y, dialect === 'fast' ? Math.max(count, 4) : count);
    // java.time: five letters give the narrow form (the first letter)
    const text = (name: string): string =>
      dialect === 'java.time' && count === 5 ? name.slice(0, 1) : count >= 4 ? name : name.slice(0, 3);
    switch (letter) {
      case 'G':
        out += f.year > 0 ? 'AD' : 'BC';
        break;
      case 'y':
        out += yearText(f.year > 0 ? f.year : 1 - f.year);
        break;
      case 'u':
        out += dialect === 'java.time' ? yearText(f.year) : String(((f.dayOfWeek + 5) % 7) + 1);
        break;
      case 'Y':
        out += yearText(weekOfYear(f, week).weekYear);
        break;
      case 'M':
      case 'L':
        out += count >= 3 ? text(MONTHS[f.month - 1] as string) : pad(f.month, count);
        break;
      case 'Q':
      case 'q': {
        const quarter = Math.floor((f.month - 1) / 3) + 1;
        out +=
          count === 3
            ? `Q${quarter}`
            : count === 4
              ? `${quarter}${['st', 'nd', 'rd', 'th'][quarter - 1] as string} quarter`
              : pad(quarter, count === 2 ? 2 : 1);
        break;
      }
      case 'w':
        out += pad(weekOfYear(f, week).week, count);
        break;
      case 'W':
        out += pad(weekOfMonth(f, week), count);
        break;
      case 'D':
        out += pad(f.dayOfYear, count);
        break;
      case 'd':
        out += pad(f.day, count);
        break;
      case 'F':
        // java.time (17) prints the aligned day of week in the month here
        out += pad(dialect === 'java.time' ? ((f.day - 1) % 7) + 1 : Math.floor((f.day - 1) / 7) + 1, count);
        break;
      case 'E':
        out += text(DAYS[f.dayOfWeek - 1] as string);
        break;
      case 'e':
      case 'c':
        // localized day of week: a number counted from the locale's first day for one or two letters
        out +=
          count <= 2 ? pad(((f.dayOfWeek - week.firstDay + 7) % 7) + 1, count) : text(DAYS[f.dayOfWeek - 1] as string);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(f.hour, count);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, count);
        break;
      case 'K':
        out += pad(f.hour % 12, count);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, count);
        break;
      case 'm':
        out += pad(f.minute, count);
        break;
      case 's':
        out += pad(f.second, count);
        break;
      case 'S':
        out +=
          dialect !== 'java.time'
            ? pad(f.millis, count)
            : String(f.millis).padStart(3, '0').padEnd(count, '0').slice(0, count);
        break;
      case 'n':
        out += String(f.millis * 1000000);
        break;
      case 'z':
        out += javaZoneText(ms, zone, count >= 4);
        break;
      case 'V':
        out += zone.id;
        break;
      case 'O':
        out += f.offsetMs === 0 ? 'GMT' : `GMT${formatOffset(f.offsetMs, true)}`;
        break;
      case 'Z':
        out +=
          dialect === 'fast'
            ? formatOffset(f.offsetMs, count >= 2)
            : dialect === 'simple'
              ? formatOffset(f.offsetMs, false)
              : count === 4
                ? f.offsetMs === 0
                  ? 'GMT'
                  : `GMT${formatOffset(f.offsetMs, true)}`
                : count === 5
                  ? f.offsetMs === 0
                    ? 'Z'
                    : formatOffset(f.offsetMs, true)
                  : formatOffset(f.offsetMs, false);
        break;
      case 'X':
      case 'x': {
        if (letter === 'X' && f.offsetMs === 0) {
          out += 'Z';
          break;
        }
        const full = formatOffset(f.offsetMs, count >= 3);
        out += count === 1 ? full.slice(0, 3) : full;
        break;
      }
    }
  }
  return out;
}

/**
 * Java's zone text: its standard or daylight name, by whether the zone is ahead of its standard offset that year
 * (java.time's table; the java.util names FastDateFormat and SimpleDateFormat print agree for the zones checked).
 */
function javaZoneText(ms: number, zone: Zone, long: boolean): string {
  const texts = zoneTexts(zone.id);
  if (texts === undefined) return long ? zone.longName(ms) : zone.shortName(ms);
  const year = new Date(ms).getUTCFullYear();
  const standard = Math.min(zone.offsetAt(Date.UTC(year, 0, 1)), zone.offsetAt(Date.UTC(year, 6, 1)));
  const daylight = zone.offsetAt(ms) > standard;
  if (long) return daylight ? texts.longDaylight : texts.longStandard;
  return daylight ? texts.shortDaylight : texts.shortStandard;
}

export interface ParseOptions {
  readonly dialect?: Dialect;
  /** For two-digit years: the instant "now" (years resolve within 80 years before and 20 after). */
  readonly now?: number;
  /** Read an offset in the text but keep the wall-clock time (java.time's LocalDateTime.parse). */
  readonly ignoreOffset?: boolean;
  /** Week numbering for week fields (fast and simple); en_US by default. */
  readonly week?: WeekRules;
}

const DEFAULT_NOW = 1577836800000;

/** Parses text with a Java pattern in `zone`, giving epoch millis. */
export function parseDate(text: string, pattern: string, zone: Zone, options: ParseOptions = {}): number {
  const dialect = options.dialect ?? 'simple';
  const tokens = tokenize(pattern, dialect);
  if (dialect !== 'java.time') {
    return parseCalendarDate(text, tokens, zone, {
      dialect,
      pattern,
      now: options.now ?? DEFAULT_NOW,
      week: options.week ?? US_WEEK,
    });
  }
  return parseJavaTime(text, tokens, zone, {
    now: options.now ?? DEFAULT_NOW,
    ignoreOffset: options.ignoreOffset === true,
  });
}
