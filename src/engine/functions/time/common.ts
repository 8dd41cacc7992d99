/** Pieces shared by the time functions: default patterns, the local zone, parsing and formatting with Siddhi's errors. */
import { errorsFor, type ExtensionRuntimeError } from '../shared/errors.js';
import { formatDate, parseDate, type Dialect } from './java-date-format.js';
import { UTC, type Zone } from './zones.js';

export const TIME_PACKAGE = 'io.siddhi.extension.execution.time';
export const DEFAULT_FORMAT = 'yyyy-MM-dd HH:mm:ss.SSS';
export const DATE_FORMAT = 'yyyy-MM-dd';
export const TIME_FORMAT = 'HH:mm:ss';
export const TIMESTAMP_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** The server's local zone: UTC, as on the reference machine. */
export const LOCAL_ZONE: Zone = UTC;

export type ErrorMaker = (message: string, cause?: unknown) => ExtensionRuntimeError;

export function timeErrors(javaClass: string): ErrorMaker {
  return errorsFor(`${TIME_PACKAGE}.${javaClass}`);
}

/**
 * Parses `text` with a Java pattern in the local zone, by FastDateFormat (as siddhi-execution-time does) unless
 * told otherwise; a failure becomes Siddhi's "does not match" error.
 */
export function parseLocal(
  text: string,
  format: string,
  error: ErrorMaker,
  now?: number,
  separator = '. ',
  dialect: Dialect = 'fast',
): number {
  try {
    return parseDate(text, format, LOCAL_ZONE, now === undefined ? { dialect } : { now, dialect });
  } catch (e) {
    throw error(
      `Provided format ${format} does not match with the timestamp ${text}${separator}${(e as Error).message}`,
      e,
    );
  }
}

/** Formats the instant in the local zone by FastDateFormat; an invalid pattern becomes a runtime error. */
export function formatLocal(ms: number, format: string, error: ErrorMaker, zone: Zone = LOCAL_ZONE): string {
  try {
    return formatDate(ms, format, zone, 'fast');
  } catch (e) {
    throw error((e as Error).message, e);
  }
}

export function isNullish(v: unknown): boolean {
  return v === null || v === undefined;
}

/** A Java cast of a value that should be a long; a string there is Siddhi's ClassCastException error. */
export function asLong(v: unknown, error: ErrorMaker): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw error(
    `Provided Data type cannot be cast to desired format. java.lang.${typeof v === 'string' ? 'String' : 'Object'} cannot be cast to java.lang.Long`,
  );
}

/** A Java cast of a value that should be a string. */
export function asString(v: unknown, error: ErrorMaker): string {
  if (typeof v === 'string') return v;
  throw error(
    `Provided Data type cannot be cast to desired format. java.lang.${typeof v === 'number' ? 'Long' : 'Object'} cannot be cast to java.lang.String`,
  );
}
