/** Siddhi's typing rules for arithmetic and comparison, shared by the planner and the code generator. */
import type { AttributeType } from '../lang/ast.js';

const NUMERIC_RANK: Partial<Record<AttributeType, number>> = { int: 1, long: 2, float: 3, double: 4 };

export function isNumeric(t: AttributeType): boolean {
  return NUMERIC_RANK[t] !== undefined;
}

/** The type of `a op b` for arithmetic: the wider of the two numeric types (int < long < float < double). */
export function promote(a: AttributeType, b: AttributeType): AttributeType {
  const ra = NUMERIC_RANK[a];
  const rb = NUMERIC_RANK[b];
  if (ra === undefined || rb === undefined) return 'object';
  return ra >= rb ? a : b;
}
