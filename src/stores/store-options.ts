/**
 * The elements of a `@store(...)` / `@cache(...)` annotation as a case-insensitive option map, and
 * the masking that keeps credentials out of every log line and error message a store writes.
 */
import type { Annotation } from '../lang/ast.js';
import { CompileError } from '../plan/expression/compile.js';
import { parseTimeText } from '../engine/time/time-text.js';

export class StoreOptions {
  private readonly values = new Map<string, string>();
  private readonly read = new Set<string>();

  constructor(
    readonly annotation: Annotation,
    readonly tableId: string,
  ) {
    for (const e of annotation.elements) if (e.key !== undefined) this.values.set(e.key.toLowerCase(), e.value);
  }

  get(key: string): string | undefined {
    const k = key.toLowerCase();
    this.read.add(k);
    return this.values.get(k);
  }

  /** The option's value, or a creation error naming the table and the option. */
  required(key: string, what: string): string {
    const v = this.get(key);
    if (v === undefined || v === '') throw this.error(`needs ${key} (${what})`);
    return v;
  }

  int(key: string, fallback: number): number {
    const v = this.get(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw this.error(`${key} must be a whole number, found '${v}'`);
    return n;
  }

  /** A duration option ('5 sec', '1 min', or milliseconds), in ms; undefined when not written. */
  time(key: string): number | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    const ms = parseTimeText(v);
    if (typeof ms === 'string') throw this.error(`${key}: ${ms}`);
    return ms;
  }

  /** Options written but never read by the store (typos, options of other stores). */
  unread(): string[] {
    return [...this.values.keys()].filter((k) => k !== 'type' && !this.read.has(k));
  }

  error(msg: string): CompileError {
    return new CompileError(
      `table '${this.tableId}': @${this.annotation.name}${this.type ? `(type='${this.type}')` : ''} ${msg}`,
      this.annotation.span,
    );
  }

  get type(): string {
    return this.values.get('type') ?? '';
  }
}

/** Replaces every secret (password, a URL's user-info) in a text with `***`. */
export function masker(secrets: readonly (string | undefined)[]): (text: string) => string {
  const list = secrets.filter((s): s is string => typeof s === 'string' && s.length > 0);
  return (text) => {
    let t = text.replace(/\/\/([^/@\s]*):([^/@\s]*)@/g, '//$1:***@').replace(/(password=)[^&\s]*/gi, '$1***');
    for (const s of list) t = t.split(s).join('***');
    return t;
  };
}

/** The message of an unknown thrown value, masked. */
export function maskedMessage(e: unknown, mask: (text: string) => string): string {
  return mask(e instanceof Error ? e.message : String(e));
}

/** `field.length = "symbol:100, name:50"`: VARCHAR lengths by attribute. */
export function fieldLengths(opts: StoreOptions, attributes: readonly { name: string }[]): Map<string, number> {
  const out = new Map<string, number>();
  const v = opts.get('field.length');
  if (!v) return out;
  for (const part of v.split(',')) {
    const [name, len] = part.split(':').map((s) => s.trim());
    const n = Number(len);
    if (!name || !Number.isInteger(n) || n <= 0 || !attributes.some((a) => a.name === name)) {
      throw opts.error(`field.length entry '${part.trim()}' must be <attribute>:<length> of an attribute of the table`);
    }
    out.set(name, n);
  }
  return out;
}
