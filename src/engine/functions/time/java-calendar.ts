/**
 * Java's `GregorianCalendar` as `SimpleDateFormat` and commons-lang `FastDateFormat` use it: Julian dates before
 * 15 October 1582, Gregorian after; and its lenient resolution of the fields a pattern sets (day of month, day of
 * year, week of year or of month with a day of week, day of week in month), where the group set most recently wins.
 * Days are counted from 1970-01-01 (epoch days).
 */

/** The first Gregorian day, 1582-10-15, as an epoch day. */
export const CUTOVER_DAY = -141427;
const DAY_MS = 86400000;

/** Epoch day of a proleptic Gregorian date; month and day may be out of range (they roll over). */
export function gregorianDay(year: number, month: number, day: number): number {
  const total = year * 12 + (month - 1);
  const y0 = Math.floor(total / 12);
  const m = total - y0 * 12 + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy + day - 1 - 719468;
}

/** Epoch day of a Julian date (astronomical years: year 0 is 1 BC); month and day may be out of range. */
export function julianDay(year: number, month: number, day: number): number {
  const total = year * 12 + (month - 1);
  const y0 = Math.floor(total / 12);
  const m = total - y0 * 12 + 1;
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 4);
  const yoe = y - era * 4;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5);
  return era * 1461 + yoe * 365 + doy + day - 1 - 719470;
}

export interface CivilDate {
  /** Astronomical year: 0 is 1 BC. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function civilFrom(epochDay: number, julian: boolean): CivilDate {
  const z = epochDay + (julian ? 719470 : 719468);
  const cycle = julian ? 1461 : 146097;
  const era = Math.floor(z / cycle);
  const doe = z - era * cycle;
  const yoe = julian
    ? Math.floor((doe - Math.floor(doe / 1460)) / 365)
    : Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - (julian ? 0 : Math.floor(yoe / 100)));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * (julian ? 4 : 400) + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The date of an epoch day, Julian before the cutover (as Java's Calendar) or always Gregorian (as java.time). */
export function dateOfDay(epochDay: number, hybrid = true): CivilDate {
  return civilFrom(epochDay, hybrid && epochDay < CUTOVER_DAY);
}

/** Epoch day of a date in Java's hybrid calendar (Julian before 1582-10-15; a missing date is read as Julian). */
export function hybridDay(year: number, month: number, day: number): number {
  const g = gregorianDay(year, month, day);
  return g >= CUTOVER_DAY ? g : julianDay(year, month, day);
}

/** Epoch day of January 1 of a year in Java's calendar (1582 starts on the Julian January 1). */
export function hybridYearStart(year: number): number {
  return year > 1582 ? gregorianDay(year, 1, 1) : julianDay(year, 1, 1);
}

/** Days in a year of Java's calendar (1582 has 355). */
export function hybridYearLength(year: number): number {
  return hybridYearStart(year + 1) - hybridYearStart(year);
}

/** Java's DAY_OF_WEEK of an epoch day: 1 = Sunday .. 7 = Saturday. */
export function dayOfWeekOf(epochDay: number): number {
  return ((((epochDay + 4) % 7) + 7) % 7) + 1;
}

/** The epoch day of the given day of week on or before `epochDay` (Java's getDayOfWeekDateOnOrBefore). */
function onOrBefore(epochDay: number, dayOfWeek: number): number {
  return epochDay - ((((dayOfWeekOf(epochDay) - dayOfWeek) % 7) + 7) % 7);
}

/** Calendar fields a pattern can set, as Java numbers them. */
export const F = {
  ERA: 0,
  YEAR: 1,
  MONTH: 2,
  WEEK_OF_YEAR: 3,
  WEEK_OF_MONTH: 4,
  DAY_OF_MONTH: 5,
  DAY_OF_YEAR: 6,
  DAY_OF_WEEK: 7,
  DAY_OF_WEEK_IN_MONTH: 8,
  AM_PM: 9,
  HOUR: 10,
  HOUR_OF_DAY: 11,
  MINUTE: 12,
  SECOND: 13,
  MILLISECOND: 14,
  /** SimpleDateFormat's week-based year (`Y`); resolution ignores it. */
  WEEK_YEAR: 15,
} as const;

export interface WeekRules {
  /** Java's first day of week: 1 = Sunday, 2 = Monday. */
  readonly firstDay: number;
  readonly minimalDays: number;
}

/** A cleared Java Calendar that fields are set on in order; `resolve` gives the local wall-clock millis. */
export class FieldSet {
  private readonly value = new Array<number>(16).fill(0);
  private readonly stamp = new Array<number>(16).fill(0);
  private next = 2;

  set(field: number, value: number): void {
    this.value[field] = value;
    this.stamp[field] = this.next++;
  }

  isSet(field: number): boolean {
    return (this.stamp[field] as number) > 0;
  }

  get(field: number): number {
    return this.value[field] as number;
  }

  stampOf(field: number): number {
    return this.stamp[field] as number;
  }

  /** Sets era, year, month and day of month to the date of an epoch day, as Calendar.setWeekDate ends. */
  setDate(epochDay: number): void {
    const { year, month, day } = dateOfDay(epochDay);
    this.set(F.ERA, year > 0 ? 1 : 0);
    this.set(F.YEAR, year > 0 ? year : 1 - year);
    this.set(F.MONTH, month - 1);
    this.set(F.DAY_OF_MONTH, day);
  }

  /** Local wall-clock time in epoch millis (as if the zone were UTC), with Java's lenient rules. */
  resolve(week: WeekRules): number {
    const st = (f: number): number => this.stamp[f] as number;
    const agg = (a: number, b: number): number => (a === 0 || b === 0 ? 0 : Math.max(a, b));
    const dowStamp = st(F.DAY_OF_WEEK);
    const monthStamp = st(F.MONTH);
    let domStamp = st(F.DAY_OF_MONTH);
    let womStamp = agg(st(F.WEEK_OF_MONTH), dowStamp);
    let dowimStamp = agg(st(F.DAY_OF_WEEK_IN_MONTH), dowStamp);
    const doyStamp = st(F.DAY_OF_YEAR);
    let woyStamp = agg(st(F.WEEK_OF_YEAR), dowStamp);
    let best = Math.max(domStamp, womStamp, dowimStamp, doyStamp, woyStamp);
    if (best === 0) {
      womStamp = st(F.WEEK_OF_MONTH);
      dowimStamp = Math.max(st(F.DAY_OF_WEEK_IN_MONTH), dowStamp);
      woyStamp = st(F.WEEK_OF_YEAR);
      best = Math.max(womStamp, dowimStamp, woyStamp);
      if (best === 0) best = domStamp = monthStamp;
    }
    let mode: 'dom' | 'wom' | 'dowim' | 'doy' | 'woy';
    if (
      best === domStamp ||
      (best === womStamp && st(F.WEEK_OF_MONTH) >= st(F.WEEK_OF_YEAR)) ||
      (best === dowimStamp && st(F.DAY_OF_WEEK_IN_MONTH) >= st(F.WEEK_OF_YEAR))
    ) {
      if (best === domStamp) mode = 'dom';
      else if (womStamp === dowimStamp) mode = st(F.WEEK_OF_MONTH) >= st(F.DAY_OF_WEEK_IN_MONTH) ? 'wom' : 'dowim';
      else mode = best === womStamp ? 'wom' : 'dowim';
    } else mode = best === doyStamp ? 'doy' : 'woy';
    const useDow = dowStamp !== 0 && mode !== 'dom' && mode !== 'doy';

    let year = this.isSet(F.YEAR) ? this.get(F.YEAR) : 1970;
    if (this.isSet(F.ERA) && this.get(F.ERA) === 0) year = 1 - year;

    const hourOfDayStamp = st(F.HOUR_OF_DAY);
    const hourStamp = agg(st(F.HOUR), st(F.AM_PM));
    let hourBest = Math.max(hourStamp, hourOfDayStamp);
    if (hourBest === 0) hourBest = Math.max(st(F.HOUR), st(F.AM_PM));
    let timeOfDay =
      hourBest !== 0 && hourBest === hourOfDayStamp
        ? this.get(F.HOUR_OF_DAY)
        : this.get(F.HOUR) + 12 * (hourBest !== 0 && this.isSet(F.AM_PM) ? this.get(F.AM_PM) : 0);
    timeOfDay = ((timeOfDay * 60 + this.get(F.MINUTE)) * 60 + this.get(F.SECOND)) * 1000 + this.get(F.MILLISECOND);
    let extraDays = Math.floor(timeOfDay / DAY_MS);
    timeOfDay -= extraDays * DAY_MS;

    const dayIn = (julian: boolean): number => this.dayInYear(year, julian, mode, useDow, week);
    let day: number;
    if (year > 1582) day = dayIn(false);
    else if (year < 1582) day = dayIn(true);
    else {
      const jfd = dayIn(true) + extraDays;
      const gfd = dayIn(false) + extraDays;
      day = mode === 'doy' || mode === 'woy' ? jfd : gfd >= CUTOVER_DAY ? gfd : jfd;
      extraDays = 0;
    }
    day += extraDays;
    return day * DAY_MS + timeOfDay;
  }

  private dayInYear(
    year: number,
    julian: boolean,
    mode: 'dom' | 'wom' | 'dowim' | 'doy' | 'woy',
    useDow: boolean,
    week: WeekRules,
  ): number {
    const dayOf = julian ? julianDay : gregorianDay;
    if (mode === 'doy' || mode === 'woy') {
      let start = dayOf(year, 1, 1);
      if (!julian && year === 1582 && start < CUTOVER_DAY) start = CUTOVER_DAY;
      if (mode === 'doy') return start + this.get(F.DAY_OF_YEAR) - 1;
      let first = onOrBefore(start + 6, week.firstDay);
      if (first - start >= week.minimalDays) first -= 7;
      if (useDow && this.get(F.DAY_OF_WEEK) !== week.firstDay) first = onOrBefore(first + 6, this.get(F.DAY_OF_WEEK));
      return first + 7 * (this.get(F.WEEK_OF_YEAR) - 1);
    }
    const month = this.get(F.MONTH) + 1;
    const start = dayOf(year, month, 1);
    if (mode === 'dom') return start + (this.isSet(F.DAY_OF_MONTH) ? this.get(F.DAY_OF_MONTH) - 1 : 0);
    if (mode === 'wom') {
      let first = onOrBefore(start + 6, week.firstDay);
      if (first - start >= week.minimalDays) first -= 7;
      if (useDow) first = onOrBefore(first + 6, this.get(F.DAY_OF_WEEK));
      return first + 7 * (this.get(F.WEEK_OF_MONTH) - 1);
    }
    const dow = useDow ? this.get(F.DAY_OF_WEEK) : week.firstDay;
    const dowim = this.isSet(F.DAY_OF_WEEK_IN_MONTH) ? this.get(F.DAY_OF_WEEK_IN_MONTH) : 1;
    if (dowim >= 0) return onOrBefore(start + 7 * dowim - 1, dow);
    const length = dayOf(year, month + 1, 1) - start;
    return onOrBefore(start + length + 7 * (dowim + 1) - 1, dow);
  }
}
