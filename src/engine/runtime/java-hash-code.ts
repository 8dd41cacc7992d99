/**
 * Java's `hashCode` of the values a SiddhiQL map can hold as keys: String, Boolean, the boxed numbers, null,
 * lists and maps. A number's Java class decides its hash (Integer 5, Long 5 and Double 5.0 differ), so callers
 * that know the attribute type pass it; without one a whole number in the int range counts as an Integer, a
 * larger one as a Long and any other as a Double, as a JSON reader would have boxed them.
 */
import type { AttributeType } from '../../lang/ast.js';
import { javaStringHash } from '../table/java-scan-order.js';

const scratch = new DataView(new ArrayBuffer(8));

/** Long.hashCode: the two halves of the 64-bit value xored. */
function longHash(value: number): number {
  const big = BigInt.asIntN(64, BigInt(Math.trunc(value)));
  return Number(BigInt.asIntN(32, big ^ (big >> 32n)));
}

/** Double.hashCode: the halves of its IEEE bits (every NaN as the canonical one). */
function doubleHash(value: number): number {
  if (Number.isNaN(value)) return 0x7ff80000;
  scratch.setFloat64(0, value);
  return (scratch.getInt32(0) ^ scratch.getInt32(4)) | 0;
}

/** Float.hashCode: its 32 IEEE bits (every NaN as the canonical one). */
function floatHash(value: number): number {
  if (Number.isNaN(value)) return 0x7fc00000;
  scratch.setFloat32(0, value);
  return scratch.getInt32(0);
}

function numberHash(value: number, type: AttributeType | undefined): number {
  switch (type) {
    case 'int':
      return value | 0;
    case 'long':
      return longHash(value);
    case 'float':
      return floatHash(value);
    case 'double':
      return doubleHash(value);
    default:
      if (!Number.isInteger(value)) return doubleHash(value);
      return (value | 0) === value ? value : longHash(value);
  }
}

/** `Objects.hashCode(value)` as Java computes it for the value's boxed class. */
export function javaHashCode(value: unknown, type?: AttributeType): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return javaStringHash(value);
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  if (typeof value === 'number') return numberHash(value, type);
  if (typeof value === 'bigint') return longHash(Number(value));
  if (Array.isArray(value)) {
    // List.hashCode: 31 * h + the hash of each element, from 1.
    let h = 1;
    for (const e of value) h = (Math.imul(31, h) + javaHashCode(e)) | 0;
    return h;
  }
  if (value instanceof Map) {
    // Map.hashCode: the sum of each entry's key hash xor value hash.
    let h = 0;
    for (const [k, v] of value) h = (h + (javaHashCode(k) ^ javaHashCode(v))) | 0;
    return h;
  }
  if (typeof value === 'object') {
    let h = 0;
    for (const [k, v] of Object.entries(value)) h = (h + (javaStringHash(k) ^ javaHashCode(v))) | 0;
    return h;
  }
  return 0;
}
