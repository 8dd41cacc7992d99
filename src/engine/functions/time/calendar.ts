/**
 * Java `Calendar` field arithmetic in a zone: the fields of an instant (Julian before 15 October 1582, as Java's
 * GregorianCalendar; or proleptic Gregorian, as java.time), week numbering by locale (en_US: weeks start Sunday,
 * week 1 holds January 1; fr_FR: Monday, 4 days), and `add` with Java's rules (adding months clamps the day to the
 * month's end).
 */
import {
  dateOfDay,
  dayOfWeekOf,
  hybridDay,
  hybridYearLength,
  hybridYearStart,
  type WeekRules,
} from './java-calendar.js';
import { localToInstant, type Zone } from './zones.js';

export type { WeekRules };

export interface DateFields {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millis: number;
  /** Java's DAY_OF_WEEK: 1 = Sunday .. 7 = Saturday. */
  readonly dayOfWeek: number;
  readonly dayOfYear: number;
  readonly offsetMs: number;
}

export const US_WEEK: WeekRules = { firstDay: 1, minimalDays: 1 };

/** Week rules of a Java locale such as `en_US` or `fr_FR`. */
export function weekRulesOf(locale: string | undefined): WeekRules {
  if (locale === undefined || locale === '') return US_WEEK;
  try {
    const l = new Intl.Locale(locale.replace(/_/g, '-')) as Intl.Locale & {
      weekInfo?: { firstDay: number; minimalDays: number };
      getWeekInfo?: () => { firstDay: number; minimalDays: number };
    };
    const info = l.getWeekInfo?.() ?? l.weekInfo;
    if (info === undefined) return US_WEEK;
    return { firstDay: (info.firstDay % 7) + 1, minimalDays: info.minimalDays };
  } catch {
    return US_WEEK;
  }
}

function utcDate(year: number, month: number, day: number, h = 0, m = 0, s = 0, ms = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, ms);
  return d.getTime();
}

export function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] as number;
}

/**
 * The calendar fields of the instant `ms` in `zone`: in Java's calendar (Julian before the 1582 cutover) unless
 * `hybrid` is false (java.time's proleptic Gregorian).
 */
export function fieldsOf(ms: number, zone: Zone, hybrid = true): DateFields {
  const offsetMs = zone.offsetAt(ms);
  const local = ms + offsetMs;
  const epochDay = Math.floor(local / 86400000);
  const timeOfDay = local - epochDay * 86400000;
  const { year, month, day } = dateOfDay(epochDay, hybrid);
  const startOfYear = hybrid ? hybridYearStart(year) : Math.floor(utcDate(year, 1, 1) / 86400000);
  return {
    year,
    month,
    day,
    hour: Math.floor(timeOfDay / 3600000),
    minute: Math.floor(timeOfDay / 60000) % 60,
    second: Math.floor(timeOfDay / 1000) % 60,
    millis: timeOfDay % 1000,
    dayOfWeek: dayOfWeekOf(epochDay),
    dayOfYear: epochDay - startOfYear + 1,
    offsetMs,
  };
}

/** Day of year (1-based) where week 1 of `year` starts (may be <= 0). */
function week1Start(year: number, rules: WeekRules): number {
  const jan1Dow = dayOfWeekOf(hybridYearStart(year));
  const rel = (jan1Dow - rules.firstDay + 7) % 7;
  return 7 - rel >= rules.minimalDays ? 1 - rel : 8 - rel;
}

/** Java's WEEK_OF_YEAR and its week-based year. */
export function weekOfYear(
  f: Pick<DateFields, 'year' | 'dayOfYear'>,
  rules: WeekRules,
): { week: number; weekYear: number } {
  const start = week1Start(f.year, rules);
  if (f.dayOfYear < start) {
    const prevDays = hybridYearLength(f.year - 1);
    return weekOfYear({ year: f.year - 1, dayOfYear: f.dayOfYear + prevDays }, rules);
  }
  const yearDays = hybridYearLength(f.year);
  const nextStart = week1Start(f.year + 1, rules) + yearDays;
  if (f.dayOfYear >= nextStart) return { week: 1, weekYear: f.year + 1 };
  return { week: Math.floor((f.dayOfYear - start) / 7) + 1, weekYear: f.year };
}

/** Java's WEEK_OF_MONTH. */
export function weekOfMonth(f: Pick<DateFields, 'day' | 'dayOfWeek'>, rules: WeekRules): number {
  const firstDow = ((f.dayOfWeek - 1 - ((f.day - 1) % 7) + 7) % 7) + 1;
  const rel = (firstDow - rules.firstDay + 7) % 7;
  const start = 7 - rel >= rules.minimalDays ? 1 - rel : 8 - rel;
  return Math.floor((f.day - start) / 7) + 1;
}

export type CalendarUnit = 'YEAR' | 'MONTH' | 'QUARTER' | 'WEEK' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

/** Java `Calendar.add` of `amount` units to the instant `ms` in `zone`; an unknown unit leaves it unchanged. */
export function addToInstant(ms: number, unit: string, amount: number, zone: Zone): number {
  switch (unit) {
    case 'SECOND':
      return ms + amount * 1000;
    case 'MINUTE':
      return ms + amount * 60000;
    case 'HOUR':
      return ms + amount * 3600000;
    case 'DAY':
    case 'WEEK':
    case 'MONTH':
    case 'QUARTER':
    case 'YEAR': {
      const f = fieldsOf(ms, zone);
      let { year, month, day } = f;
      const timeOfDay = ((f.hour * 60 + f.minute) * 60 + f.second) * 1000 + f.millis;
      if (unit === 'DAY' || unit === 'WEEK') {
        const local = hybridDay(year, month, day) * 86400000 + timeOfDay + amount * (unit === 'DAY' ? 1 : 7) * 86400000;
        return localToInstant(local, zone);
      }
      const months = unit === 'YEAR' ? amount * 12 : unit === 'QUARTER' ? amount * 3 : amount;
      const total = year * 12 + (month - 1) + months;
      year = Math.floor(total / 12);
      month = total - year * 12 + 1;
      // the month's last day number (31 in October 1582, which skips the 5th to the 14th)
      day = Math.min(day, dateOfDay(hybridDay(year, month + 1, 1) - 1).day);
      return localToInstant(hybridDay(year, month, day) * 86400000 + timeOfDay, zone);
    }
    default:
      return ms;
  }
}

export { utcDate };
