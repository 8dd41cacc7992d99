/**
 * The order in which Siddhi 5.1 returns the rows of an aggregation read, so that a query keeping
 * the last row of a group (`select s.symbol, sum(s.total) ... group by i.symbol`) sees the same
 * row. Siddhi keeps each granularity's completed buckets in a table whose primary key is
 * (AGG_TIMESTAMP, group-by attributes): with a group by that is a java.util.HashMap keyed by
 * `"<AGG_TIMESTAMP>:-:<group values>:-:"` (iteration by hash bucket, the capacity following the
 * most rows the table held), without one a TreeMap (ascending AGG_TIMESTAMP). The buckets still
 * being filled come after the completed ones. With `@store` the completed buckets come from a
 * database table, in its primary-key order (AGG_TIMESTAMP, then the group-by values). With
 * `aggregate by` (event time) every row of the
 * read is re-aggregated through a fresh HashMap with the same keys, so all of them come out in
 * hash order.
 */
import type { AttributeType } from '../../lang/ast.js';
import { javaValueToString } from '../functions/shared/java-format.js';
import { javaBucket, javaCapacity } from '../table/java-scan-order.js';
import type { Bucket } from './bucket-store.js';

/**
 * Buckets (ascending start) in the order a HashMap of `javaCapacity(capacityRows)` iterates them:
 * by hash bucket, then in the given order (a stable counting sort: reads of a day of seconds stay fast).
 */
export function hashOrder(
  buckets: readonly Bucket[],
  groupTypes: readonly AttributeType[],
  capacityRows: number,
): Bucket[] {
  const n = buckets.length;
  const cap = javaCapacity(capacityRows);
  const slot = new Int32Array(n);
  const counts = new Int32Array(cap + 1);
  for (let i = 0; i < n; i++) {
    const s = javaBucket(keyHash(buckets[i]!, groupTypes), cap);
    slot[i] = s;
    counts[s + 1]!++;
  }
  for (let s = 0; s < cap; s++) counts[s + 1]! += counts[s]!;
  const out = new Array<Bucket>(n);
  for (let i = 0; i < n; i++) out[counts[slot[i]!]!++] = buckets[i]!;
  return out;
}

/**
 * Buckets (ascending start) as a database returns the rows of a granularity's table: by its primary
 * key, AGG_TIMESTAMP then the group-by values (numbers by value, text by UTF-16 code units, nulls first).
 */
export function primaryKeyOrder(buckets: readonly Bucket[]): Bucket[] {
  return [...buckets].sort((a, b) => a.start - b.start || compareGroups(a.groupValues, b.groupValues));
}

function compareGroups(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null || x === undefined) return -1;
    if (y === null || y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const sx = String(x);
    const sy = String(y);
    if (sx !== sy) return sx < sy ? -1 : 1;
  }
  return 0;
}

/** String.hashCode of Siddhi's group-by key of a bucket: each value as Java prints it, followed by ':-:'. */
function keyHash(b: Bucket, groupTypes: readonly AttributeType[]): number {
  let h = extend(extend(0, String(b.start)), DELIMITER);
  for (let i = 0; i < groupTypes.length; i++) {
    h = extend(extend(h, javaValueToString(b.groupValues[i], groupTypes[i])), DELIMITER);
  }
  return h;
}

/** Continues a String.hashCode over `s` (32-bit arithmetic over UTF-16 units). */
function extend(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

const DELIMITER = ':-:';
