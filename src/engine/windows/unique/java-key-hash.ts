/**
 * The Java hashCode of a unique key as siddhi-execution-unique holds it, for the windows whose output
 * order is the iteration order of a java.util.HashMap keyed by the key's value (the batch windows keep
 * the events of a batch in one and emit them in its order): the key's value boxed as its attribute type
 * (String, Integer, Long, Float, Double, Boolean; null as 0).
 */
import type { AttributeType } from '../../../lang/ast.js';
import { javaHashCode } from '../../runtime/java-hash-code.js';

export type JavaHash = (value: unknown) => number;

/** The hashCode of a key value of `type` as Java boxes it. */
export function javaHashOf(type: AttributeType): JavaHash {
  return (v) => javaHashCode(v, type);
}
