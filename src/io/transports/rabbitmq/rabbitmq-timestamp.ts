/**
 * The rabbitmq sink's `timestamp` option. Siddhi takes a day as dd/MM/yyyy and stamps every message
 * with it, and stamps the publish time when the option is absent; 'true'/'false' turn the publish-time
 * stamp on or off.
 */

/** Seconds since the epoch to stamp, the publish time ('now'), or no timestamp ('none'). */
export type TimestampRule = number | 'now' | 'none';

export function messageTimestamp(value: string | undefined): TimestampRule {
  if (value === undefined) return 'now';
  const v = value.trim();
  if (/^true$/i.test(v)) return 'now';
  if (/^false$/i.test(v)) return 'none';
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) {
    throw new Error(`rabbitmq sink option timestamp='${value}' is not a date as dd/MM/yyyy (nor 'true' or 'false')`);
  }
  // Midnight of that day in the local time zone; out-of-range days and months roll over, as Java's
  // lenient date parsing does (32/01/2020 is 01/02/2020).
  return Math.floor(new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1])).getTime() / 1000);
}
