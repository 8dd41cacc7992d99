/**
 * The order in which Siddhi 5.1 scans an in-memory table with a primary key, so that a scan (a
 * join on a non-key condition, an on-demand query, an aggregate over the table) meets rows in the
 * same order and emits the same "last" row. Siddhi keeps such rows in a TreeMap when the key is one
 * numeric attribute (ascending key order) and otherwise in a java.util.HashMap keyed by the value
 * (one attribute) or by the values joined with ':-:' (several): its iteration order is by bucket
 * (the spread String/Boolean hash masked by the capacity, which doubles past 3/4 full and never
 * shrinks), then by insertion within a bucket. Tables without a primary key scan in insertion order.
 */
import type { AttributeType } from '../../lang/ast.js';
import { javaValueToString } from '../functions/shared/java-format.js';

export type ScanOrder = 'insertion' | 'numeric' | 'hash';

const KEY_DELIMITER = ':-:';
const NUMERIC: readonly AttributeType[] = ['int', 'long', 'float', 'double'];

export function scanOrderOf(keyTypes: readonly AttributeType[]): ScanOrder {
  if (keyTypes.length === 0) return 'insertion';
  if (keyTypes.length === 1 && NUMERIC.includes(keyTypes[0]!)) return 'numeric';
  if (keyTypes.length === 1 && keyTypes[0] === 'object') return 'insertion';
  return 'hash';
}

/** java.lang.String.hashCode: s[0]*31^(n-1) + ... + s[n-1], in 32-bit arithmetic over UTF-16 units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The bucket HashMap puts a key hash in: (h ^ h >>> 16) & (capacity - 1). */
export function javaBucket(hash: number, capacity: number): number {
  return (hash ^ (hash >>> 16)) & (capacity - 1);
}

/** The table capacity of a HashMap that has held at most `maxSize` entries (16, doubled past 3/4). */
export function javaCapacity(maxSize: number): number {
  let cap = 16;
  while (maxSize > cap * 0.75) cap *= 2;
  return cap;
}

/** The Java hashCode of a row's primary key, as Siddhi builds the key. */
export function javaKeyHash(row: readonly unknown[], key: readonly number[], types: readonly AttributeType[]): number {
  if (key.length === 1) {
    const v = row[key[0]!];
    if (v === null || v === undefined) return 0;
    if (typeof v === 'boolean') return v ? 1231 : 1237;
    return javaStringHash(String(v));
  }
  let s = '';
  for (let i = 0; i < key.length; i++) s += javaValueToString(row[key[i]!], types[i]!) + KEY_DELIMITER;
  return javaStringHash(s);
}

/**
 * Rows (given in the primary-key map's insertion order) in Siddhi's scan order.
 * `maxSize` is the most keys the table has held (its HashMap capacity never shrinks).
 */
export function orderForScan(
  rows: readonly unknown[][],
  order: ScanOrder,
  key: readonly number[],
  types: readonly AttributeType[],
  maxSize: number,
): unknown[][] {
  if (order === 'insertion') return rows.slice();
  if (order === 'numeric') {
    const k = key[0]!;
    return rows.slice().sort((a, b) => compareNumbers(a[k], b[k]));
  }
  const cap = javaCapacity(maxSize);
  const buckets = rows.map((r) => javaBucket(javaKeyHash(r, key, types), cap));
  const idx = rows.map((_, i) => i).sort((a, b) => buckets[a]! - buckets[b]! || a - b);
  return idx.map((i) => rows[i]!);
}

function compareNumbers(a: unknown, b: unknown): number {
  if (typeof a !== 'number') return typeof b === 'number' ? 1 : 0;
  if (typeof b !== 'number') return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}
