/**
 * JSON parsed with every number kept as its source text (`100` and `100.0` differ, as in Jackson's tokens),
 * so mappers can apply Siddhi's type rules (a decimal for an int drops the message). Uses `lossless-json`.
 */
import { parse } from 'lossless-json';
import { javaDoubleToString } from '../../../engine/functions/shared/java-format.js';

export class RawNumber {
  constructor(readonly text: string) {}
  /** The number is written with a fraction or exponent (Jackson's VALUE_NUMBER_FLOAT). */
  get isDecimal(): boolean {
    return /[.eE]/.test(this.text);
  }
  get value(): number {
    return Number(this.text);
  }
  /** Java's text of the number as json-smart reads it (Integer/Long, or Double for decimals). */
  get javaText(): string {
    return this.isDecimal ? javaDoubleToString(this.value) : this.text;
  }
}

/** Parses JSON text; numbers become `RawNumber`. Throws on invalid JSON. */
export function parseRawJson(text: string): unknown {
  return parse(text, null, (value: string) => new RawNumber(value));
}

/** Plain JS value (numbers as numbers) of a parsed tree. */
export function toPlain(value: unknown): unknown {
  if (value instanceof RawNumber) return value.value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

/** Compact JSON text of a parsed tree, numbers as written. */
export function rawStringify(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(rawStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${rawStringify(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RawNumber);
}
