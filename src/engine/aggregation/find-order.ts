/**
 * The order in which Siddhi 5.1 returns the rows of an aggregation read, so that a query keeping
 * the last row of a group (`select s.symbol, sum(s.total) ... group by i.symbol`) sees the same
 * row. Siddhi keeps each granularity's completed buckets in a table whose primary key is
 * (AGG_TIMESTAMP, group-by attributes): with a group by that is a java.util.HashMap keyed by
 * `"<AGG_TIMESTAMP>:-:<group values>:-:"` (iteration by hash bucket, the capacity following the
 * most rows the table held), without one a TreeMap (ascending AGG_TIMESTAMP). The buckets still
 * being filled come after the completed ones. With `aggregate by` (event time) every row of the
 * read is re-aggregated through a fresh HashMap with the same keys, so all of them come out in
 * hash order.
 */
import type { AttributeType } from '../../lang/ast.js';
import { javaBucket, javaCapacity, javaNumberString, javaStringHash } from '../table/java-scan-order.js';
import type { Bucket } from './bucket-store.js';

/** Buckets (ascending start) in the order a HashMap of `javaCapacity(capacityRows)` iterates them. */
export function hashOrder(
  buckets: readonly Bucket[],
  groupTypes: readonly AttributeType[],
  capacityRows: number,
): Bucket[] {
  const cap = javaCapacity(capacityRows);
  const hashed = buckets.map((b, i) => ({ b, i, h: javaBucket(javaStringHash(keyOf(b, groupTypes)), cap) }));
  hashed.sort((x, y) => x.h - y.h || x.i - y.i);
  return hashed.map((x) => x.b);
}

/** Siddhi's group-by key of a bucket: each value as Java prints it, followed by ':-:'. */
function keyOf(b: Bucket, groupTypes: readonly AttributeType[]): string {
  let s = `${b.start}${DELIMITER}`;
  for (let i = 0; i < groupTypes.length; i++) {
    const v = b.groupValues[i];
    const t = groupTypes[i];
    s +=
      (v === null || v === undefined
        ? 'null'
        : typeof v === 'number' && (t === 'double' || t === 'float')
          ? javaNumberString(v, t === 'float')
          : String(v)) + DELIMITER;
  }
  return s;
}

const DELIMITER = ':-:';
