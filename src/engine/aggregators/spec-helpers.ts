/**
 * Pieces shared by the specs of the core aggregators: type lists, the one-argument parameter
 * and the validation Siddhi performs when it creates an aggregator.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ParameterSpec } from '../../lang/catalog.js';

export const NUMERIC_TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float'];
export const ALL_TYPES: readonly AttributeType[] = ['int', 'long', 'double', 'float', 'string', 'bool', 'object'];

export function argParameter(types: readonly AttributeType[], description: string, name = 'arg'): ParameterSpec {
  return { name, type: types, description };
}

/** Checks that a call has exactly one argument of one of `types`; returns Siddhi's complaint or undefined. */
export function validateOneArg(
  name: string,
  types: readonly AttributeType[],
): (argTypes: readonly AttributeType[]) => string | undefined {
  return (argTypes) => {
    if (argTypes.length !== 1) {
      return `${name}() aggregator takes exactly 1 argument, but ${argTypes.length} were given`;
    }
    const t = argTypes[0]!;
    if (!types.includes(t)) {
      return `${name}() aggregator does not accept an argument of type ${t}: expected ${types.join(', ')}`;
    }
    return undefined;
  };
}

/** True when a value can be folded into a numeric aggregate (null and mistyped values are skipped). */
export function isNumber(v: unknown): v is number {
  return typeof v === 'number';
}
