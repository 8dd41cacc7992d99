/**
 * The Java hashCode of a unique key as siddhi-execution-unique holds it, for the windows whose output
 * order is the iteration order of a java.util.HashMap keyed by the key's value (the batch windows keep
 * the events of a batch in one and emit them in its order): a string key hashes as String.hashCode, an
 * int as Integer, a long as Long, a float as Float, a double as Double, a bool as Boolean, null as 0.
 */
import type { AttributeType } from '../../../lang/ast.js';
import { javaStringHash } from '../../table/java-scan-order.js';

export type JavaHash = (value: unknown) => number;

const bits = new DataView(new ArrayBuffer(8));

/** Long.hashCode of the 64-bit pattern hi:lo: hi ^ lo, as a 32-bit int. */
function foldLong(hi: number, lo: number): number {
  return (hi ^ lo) | 0;
}

function longHash(v: number): number {
  const b = BigInt.asUintN(64, BigInt(Math.trunc(v)));
  return foldLong(Number(b >> 32n), Number(b & 0xffffffffn));
}

function doubleHash(v: number): number {
  // Double.doubleToLongBits folds every NaN into one pattern.
  if (Number.isNaN(v)) return foldLong(0x7ff80000, 0);
  bits.setFloat64(0, v);
  return foldLong(bits.getInt32(0), bits.getInt32(4));
}

function floatHash(v: number): number {
  if (Number.isNaN(v)) return 0x7fc00000;
  bits.setFloat32(0, v);
  return bits.getInt32(0);
}

/** The hashCode of a key value of `type` as Java boxes it (a value of another kind hashes as its own). */
export function javaHashOf(type: AttributeType): JavaHash {
  return (v) => {
    if (v === null || v === undefined) return 0;
    if (typeof v === 'string') return javaStringHash(v);
    if (typeof v === 'boolean') return v ? 1231 : 1237;
    if (typeof v !== 'number') return javaStringHash(String(v));
    switch (type) {
      case 'long':
        return longHash(v);
      case 'float':
        return floatHash(v);
      case 'double':
        return doubleHash(v);
      default:
        return v | 0;
    }
  };
}
