/** Groups of SiddhiQL types that extension parameters accept, and small helpers shared by the libraries. */
import type { AttributeType } from '../../../lang/ast.js';

export const NUMERIC_TYPES: readonly AttributeType[] = ['int', 'long', 'float', 'double'];
export const ALL_TYPES: readonly AttributeType[] = ['int', 'long', 'float', 'double', 'string', 'bool', 'object'];
export const STRING_OR_OBJECT: readonly AttributeType[] = ['string', 'object'];

/** Which argument is null, in Siddhi's words ("First", "Second", "Third", "Fourth"). */
export function argumentWord(index: number): string {
  return ['First', 'Second', 'Third', 'Fourth', 'Fifth'][index] ?? `Argument ${index + 1}`;
}

/** Java's `int` overflow: wraps to 32 bits. */
export function toInt32(n: number): number {
  return n | 0;
}
