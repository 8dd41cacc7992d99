/**
 * `@distribution(strategy=...)` of a sink: which destination(s) get each message. `roundRobin` takes the
 * destinations in turn per message, `broadcast` sends to all, `partitioned` picks one by the Java hash of the
 * `partitionKey` attribute's value (so the same key always lands on the same destination).
 */
import { javaValueToString } from '../../engine/functions/shared/java-format.js';

export type DistributionStrategy = 'none' | 'roundRobin' | 'broadcast' | 'partitioned';

export const STRATEGIES: readonly DistributionStrategy[] = ['roundRobin', 'broadcast', 'partitioned'];

export function strategyOf(name: string): DistributionStrategy | undefined {
  return STRATEGIES.find((s) => s.toLowerCase() === name.toLowerCase());
}

/** Java's `String.hashCode`. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

/** The Java `hashCode` of an attribute value (Integer's value, Long's folded halves, String's hash). */
export function javaHash(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= -2147483648 && value <= 2147483647) return value;
    const big = BigInt.asUintN(64, BigInt(value));
    return Number(BigInt.asIntN(32, big ^ (big >> 32n)));
  }
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  return javaStringHash(typeof value === 'string' ? value : javaValueToString(value));
}

/** The destination index of a partition key value among `n` destinations. */
export function partitionIndex(value: unknown, n: number): number {
  return Math.abs(javaHash(value) % n);
}
