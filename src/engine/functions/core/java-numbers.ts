/**
 * Java's number conversions, as `convert` and `maximum`/`minimum` need them: narrowing casts
 * (`(int) 3.9e10` saturates, `(int) someLong` keeps the low 32 bits) and the `parseXxx` methods
 * (a malformed string gives null here, where Java throws NumberFormatException and Siddhi returns null).
 */
import { javaTrim } from '../shared/java-string.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
/** 2^63: Long.MAX_VALUE as the nearest double (a double cannot hold it exactly). */
const LONG_LIMIT = 2 ** 63;

/** Java's `(int) d` for a double or float. */
export function doubleToInt(d: number): number {
  if (d !== d) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d);
}

/** Java's `(long) d` for a double or float (within a JS number's precision). */
export function doubleToLong(d: number): number {
  if (d !== d) return 0;
  if (d >= LONG_LIMIT) return LONG_LIMIT;
  if (d <= -LONG_LIMIT) return -LONG_LIMIT;
  return Math.trunc(d);
}

/** Java's `(int) l` for a long: the low 32 bits, as a signed int. */
export function longToInt(l: number): number {
  return l | 0;
}

const INTEGER_TEXT = /^[+-]?[0-9]+$/;

/** `Integer.parseInt(s)`, or null when Java would throw. */
export function parseJavaInt(s: string): number | null {
  if (!INTEGER_TEXT.test(s)) return null;
  const n = Number(s);
  return n >= INT_MIN && n <= INT_MAX ? n : null;
}

/** `Long.parseLong(s)`, or null when Java would throw. */
export function parseJavaLong(s: string): number | null {
  if (!INTEGER_TEXT.test(s)) return null;
  const b = BigInt(s);
  if (b > 9223372036854775807n || b < -9223372036854775808n) return null;
  return Number(b);
}

/** Java's floating-point literal grammar as `Double.parseDouble` reads it (decimal forms; hex forms too). */
const DECIMAL_TEXT = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?)$/;
const HEX_TEXT = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?[0-9]+)[fFdD]?$/;

/** `Double.parseDouble(s)`, or null when Java would throw. */
export function parseJavaDouble(s: string): number | null {
  const t = javaTrim(s);
  if (DECIMAL_TEXT.test(t)) {
    const last = t.charCodeAt(t.length - 1);
    // strip an f/F/d/D suffix (but not the final letter of NaN / Infinity)
    const body = last === 102 || last === 70 || last === 100 || last === 68 ? t.slice(0, -1) : t;
    return Number(body);
  }
  const hex = HEX_TEXT.exec(t);
  if (hex !== null) {
    const [, sign, whole, frac, exp] = hex as unknown as [string, string, string, string, string];
    if (whole === '' && frac === '') return null;
    const mantissa = parseInt(whole + frac || '0', 16);
    const v = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    return sign === '-' ? -v : v;
  }
  return null;
}

/** `Float.parseFloat(s)` (the 32-bit value), or null when Java would throw. */
export function parseJavaFloat(s: string): number | null {
  const d = parseJavaDouble(s);
  return d === null ? null : Math.fround(d);
}

/** `Boolean.parseBoolean(s)`: true only for "true" in any case. */
export function parseJavaBoolean(s: string): boolean {
  return s.length === 4 && s.toLowerCase() === 'true';
}
