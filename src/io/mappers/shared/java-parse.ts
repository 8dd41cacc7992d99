/**
 * Java's parsing of text into attribute values, as Siddhi's `AttributeConverter.getPropertyValue` does it
 * (`Integer.parseInt`, `Long.parseLong`, `Float.parseFloat`, `Double.parseDouble`, `Boolean.parseBoolean`).
 * Failures throw `JavaParseError` with Java's `NumberFormatException` message.
 */
import type { AttributeType } from '../../../lang/ast.js';

export class JavaParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JavaParseError';
  }
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/;
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function inputError(text: string): JavaParseError {
  return new JavaParseError(`For input string: "${text}"`);
}

function parseWhole(text: string, min: bigint, max: bigint): number {
  if (!INTEGER.test(text)) throw inputError(text);
  const n = BigInt(text);
  if (n < min || n > max) throw inputError(text);
  return Number(n);
}

/** `Integer.parseInt`: digits with an optional sign, no spaces, within 32 bits. */
export function parseJavaInt(text: string): number {
  return parseWhole(text, INT_MIN, INT_MAX);
}

/** `Long.parseLong`: digits with an optional sign, within 64 bits (held as a JS number). */
export function parseJavaLong(text: string): number {
  return parseWhole(text, LONG_MIN, LONG_MAX);
}

/** `Double.parseDouble`: trims control characters and spaces, accepts `1e3`, `NaN`, `Infinity`, `2.5d`. */
export function parseJavaDouble(text: string): number {
  // eslint-disable-next-line no-control-regex
  const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = DECIMAL.exec(trimmed);
  if (!m) throw new JavaParseError(trimmed === '' ? 'empty String' : `For input string: "${text}"`);
  return Number(trimmed.replace(/[fFdD]$/, ''));
}

/** `Float.parseFloat`: as `parseJavaDouble`, rounded to 32 bits. */
export function parseJavaFloat(text: string): number {
  return Math.fround(parseJavaDouble(text));
}

/** `Boolean.parseBoolean`: true only for "true" in any case; anything else is false. */
export function parseJavaBool(text: string): boolean {
  return text.toLowerCase() === 'true';
}

/** `AttributeConverter.getPropertyValue(text, type)`: string and object keep the text. */
export function convertText(text: string, type: AttributeType): unknown {
  switch (type) {
    case 'int':
      return parseJavaInt(text);
    case 'long':
      return parseJavaLong(text);
    case 'float':
      return parseJavaFloat(text);
    case 'double':
      return parseJavaDouble(text);
    case 'bool':
      return parseJavaBool(text);
    default:
      return text;
  }
}

/** The message of a thrown value. */
export function reason(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
