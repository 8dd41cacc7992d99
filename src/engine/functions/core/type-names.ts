/** The type-name constants `cast` and `convert` take (`'double'`, `'STRING'`): case-insensitive. */
import type { AttributeType } from '../../../lang/ast.js';

const NAMES: Readonly<Record<string, AttributeType>> = {
  int: 'int',
  long: 'long',
  float: 'float',
  double: 'double',
  bool: 'bool',
  string: 'string',
};

/** The type a constant names, or undefined when it names none of int, long, float, double, bool, string. */
export function typeNamed(constant: unknown): AttributeType | undefined {
  if (constant === undefined || constant === null) return undefined;
  const name = String(constant).toLowerCase();
  return Object.prototype.hasOwnProperty.call(NAMES, name) ? NAMES[name] : undefined;
}

export const TYPE_NAME_LIST = 'int, long, float, double, bool, string';
