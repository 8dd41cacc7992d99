/** Siddhi's typing of arithmetic and comparison operators (ExpressionParser's rules). */
import type { ArithmeticOperator, AttributeType, CompareOperator } from '../ast.js';

const NUMERIC_RANK: Partial<Record<AttributeType, number>> = { int: 1, long: 2, float: 3, double: 4 };

export function isNumericType(t: AttributeType): boolean {
  return NUMERIC_RANK[t] !== undefined;
}

/**
 * The type of `left op right` for an arithmetic operator, or undefined when Siddhi rejects it.
 * Both operands must be numeric: int op int is int; with a long, long; with a float, float; with a double, double.
 * `%` promotes the same way. `+` on strings is not concatenation in Siddhi: it is an error (use `str:concat`).
 */
export function resultType(
  _op: ArithmeticOperator,
  left: AttributeType,
  right: AttributeType,
): AttributeType | undefined {
  const l = NUMERIC_RANK[left];
  const r = NUMERIC_RANK[right];
  if (l === undefined || r === undefined) return undefined;
  return l >= r ? left : right;
}

/**
 * Why `left op right` cannot be compared, or undefined when it can (the result is bool).
 * Numbers compare with numbers; `==` and `!=` also take string with string and bool with bool;
 * `<`, `<=`, `>`, `>=` take numbers only. object compares with nothing.
 */
export function compareError(op: CompareOperator, left: AttributeType, right: AttributeType): string | undefined {
  const ordering = op !== '==' && op !== '!=';
  if (isNumericType(left) && isNumericType(right)) return undefined;
  if (ordering) {
    if (!isNumericType(left)) return `${left} cannot be used in '${op}' comparisons (only numbers can)`;
    return `${left} cannot be compared with ${right}`;
  }
  if (left === right && (left === 'string' || left === 'bool')) return undefined;
  return `${left} cannot be compared with ${right}`;
}
