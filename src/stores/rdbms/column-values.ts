/**
 * How `#rdbms:query` reads a column into a SiddhiQL type, as Siddhi does through JDBC's typed getters
 * (`getString`, `getInt`, `getLong`, `getDouble`, `getFloat`, `getBoolean`): an SQL NULL reads as null only
 * into a string, and as 0 or false into the other types. Columns come as the drivers' text (PostgreSQL,
 * MariaDB/MySQL) or as SQLite's own values (numbers, text, blobs).
 */
import type { AttributeType } from '../../lang/ast.js';

/** The types a definition list may name. */
export type ReadType = Exclude<AttributeType, 'object'>;

const TRUE_TEXTS = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE_TEXTS = new Set(['0', 'false', 'f', 'no', 'n', 'off', '']);

function text(raw: unknown): string {
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return String(raw);
}

function badValue(raw: unknown, type: string): Error {
  return new Error(`the value '${text(raw)}' cannot be read as ${type}`);
}

/** A number from a column value (text is read as a decimal number; an empty text as 0). */
function numberOf(raw: unknown, type: string): number {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (Buffer.isBuffer(raw)) {
    // MySQL BIT(n): an unsigned big-endian number.
    let n = 0;
    for (const b of raw) n = n * 256 + b;
    return n;
  }
  const s = String(raw).trim();
  if (s === '') return 0;
  if (s === 'NaN') return NaN;
  const n = Number(s);
  if (Number.isNaN(n) || /^0[xob]/i.test(s)) throw badValue(raw, type);
  return n;
}

function integerOf(raw: unknown, type: 'int' | 'long'): number {
  const n = numberOf(raw, type);
  if (!Number.isFinite(n)) throw badValue(raw, type);
  const whole = Math.trunc(n);
  if (type === 'int' && (whole < -2147483648 || whole > 2147483647)) throw badValue(raw, type);
  return whole;
}

function boolOf(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  if (typeof raw === 'bigint') return raw !== 0n;
  if (Buffer.isBuffer(raw)) return raw.some((b) => b !== 0);
  const s = String(raw).trim().toLowerCase();
  if (TRUE_TEXTS.has(s)) return true;
  if (FALSE_TEXTS.has(s)) return false;
  const n = Number(s);
  if (Number.isNaN(n)) throw badValue(raw, 'bool');
  return n !== 0;
}

/** One column value read as `type`. */
export function readColumn(raw: unknown, type: ReadType): unknown {
  if (raw === null || raw === undefined) {
    switch (type) {
      case 'string':
        return null;
      case 'bool':
        return false;
      default:
        return 0;
    }
  }
  switch (type) {
    case 'string':
      return typeof raw === 'string' ? raw : text(raw);
    case 'int':
    case 'long':
      return integerOf(raw, type);
    case 'double':
      return numberOf(raw, 'double');
    case 'float':
      return Math.fround(numberOf(raw, 'float'));
    case 'bool':
      return boolOf(raw);
  }
}

/** A row's values read as the definition list's types, column by column from the first. */
export function readRow(row: readonly unknown[], types: readonly ReadType[]): unknown[] {
  if (row.length < types.length) {
    throw new Error(
      `the query returned ${row.length} column${row.length === 1 ? '' : 's'}, but attribute.definition.list names ${types.length}`,
    );
  }
  const out = new Array<unknown>(types.length);
  for (let i = 0; i < types.length; i++) out[i] = readColumn(row[i], types[i]!);
  return out;
}
