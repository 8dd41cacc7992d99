/**
 * Time zones as Java's `ZoneId.of(id, ZoneId.SHORT_IDS)` reads them: IANA ids, Java's three-letter ids
 * (PST is America/Los_Angeles, IST is Asia/Kolkata), fixed offsets (`+05:30`, `GMT-8`, `UTC`). Offsets of IANA
 * zones come from Intl. The server's "local" zone is UTC, as on the reference machine.
 */

/** Java's `ZoneId.SHORT_IDS`. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

export interface Zone {
  readonly id: string;
  /** Offset from UTC in milliseconds at the instant `ms`. */
  offsetAt(ms: number): number;
  /** Short display name at `ms` (`UTC`, `PST`, `GMT+05:30`). */
  shortName(ms: number): string;
  /** Long display name at `ms` (`Coordinated Universal Time`). */
  longName(ms: number): string;
}

function fixedZone(id: string, offsetMs: number): Zone {
  const name = offsetMs === 0 ? 'UTC' : `GMT${formatOffset(offsetMs, true)}`;
  return {
    id,
    offsetAt: () => offsetMs,
    shortName: () => name,
    longName: () => (offsetMs === 0 ? 'Coordinated Universal Time' : name),
  };
}

/** `+05:30` (colon) or `+0530`. */
export function formatOffset(offsetMs: number, colon: boolean): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const total = Math.round(Math.abs(offsetMs) / 60000);
  const hh = String(Math.floor(total / 60)).padStart(2, '0');
  const mm = String(total % 60).padStart(2, '0');
  return colon ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
}

export const UTC: Zone = fixedZone('UTC', 0);

function ianaZone(id: string): Zone | undefined {
  let parts: Intl.DateTimeFormat;
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  const shortFmt = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'short' });
  const longFmt = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'long' });
  const nameOf = (fmt: Intl.DateTimeFormat, ms: number): string =>
    fmt.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? id;
  return {
    id,
    offsetAt(ms) {
      const second = Math.floor(ms / 1000) * 1000;
      const f: Record<string, string> = {};
      for (const p of parts.formatToParts(second)) f[p.type] = p.value;
      let year = Number(f.year);
      if (f.era === 'BC' || f.era === 'B') year = 1 - year;
      const d = new Date(0);
      d.setUTCFullYear(year, Number(f.month) - 1, Number(f.day));
      d.setUTCHours(Number(f.hour), Number(f.minute), Number(f.second), 0);
      return d.getTime() - second;
    },
    shortName: (ms) => nameOf(shortFmt, ms),
    longName: (ms) => nameOf(longFmt, ms),
  };
}

const cache = new Map<string, Zone | undefined>();

/** The zone for a Java zone id, or undefined when Java would reject it. */
export function resolveZone(id: string): Zone | undefined {
  if (cache.has(id)) return cache.get(id);
  let zone: Zone | undefined;
  const mapped = SHORT_IDS[id] ?? id;
  const offset = /^(?:(?:UTC|GMT|UT)(?=[+-])|)([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/.exec(mapped);
  if (mapped === 'Z' || mapped === 'UTC' || mapped === 'GMT' || mapped === 'UT') zone = fixedZone(mapped, 0);
  else if (offset !== null) {
    const ms =
      (Number(offset[2]) * 3600 + Number(offset[3] ?? 0) * 60 + Number(offset[4] ?? 0)) *
      1000 *
      (offset[1] === '-' ? -1 : 1);
    zone = Math.abs(ms) <= 18 * 3600000 ? fixedZone(mapped, ms) : undefined;
  } else if (/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(mapped)) zone = ianaZone(mapped);
  cache.set(id, zone);
  return zone;
}

/** The instant of a wall-clock time (given as if it were UTC millis) in a zone; in a gap, later; in an overlap, earlier. */
export function localToInstant(localMs: number, zone: Zone): number {
  const first = zone.offsetAt(localMs);
  const guess = localMs - first;
  const second = zone.offsetAt(guess);
  if (second === first) {
    const earlier = localMs - zone.offsetAt(guess - 3600000);
    if (earlier !== guess && zone.offsetAt(earlier) === localMs - earlier) return Math.min(earlier, guess);
    return guess;
  }
  const retry = localMs - second;
  return zone.offsetAt(retry) === second ? retry : Math.max(guess, retry);
}

/**
 * The instant of a wall-clock time as Java's Calendar places it in a zone: a time in a gap is read with the offset
 * before the gap, a time in an overlap with the offset after it (both the later instant).
 */
export function javaCalendarInstant(localMs: number, zone: Zone): number {
  const before = localMs - zone.offsetAt(localMs - 86400000);
  const after = localMs - zone.offsetAt(localMs + 86400000);
  const valid = [before, after].filter((t) => t + zone.offsetAt(t) === localMs);
  return valid.length > 0 ? Math.max(...valid) : Math.max(before, after);
}
