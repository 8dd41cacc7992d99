/** Shared pieces of the math library: Java's number-to-double conversion and a builder for numeric functions. */
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

export const MATH_PACKAGE = 'io.siddhi.extension.execution.math';

/** The double value of a numeric argument (Siddhi's MathUtil.convertToDouble); 'NaN' / 'Infinity' text is read too. */
export function toDouble(value: unknown, fn: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[+-]?(?:NaN|Infinity)$/.test(value)) return Number(value);
  if (typeof value === 'bigint') return Number(value);
  throw errorsFor(`${MATH_PACKAGE}.${fn}`)(
    `Failed to convert to double, expected a number but found ${value === null ? 'null' : typeof value}`,
  );
}

export interface NumericFunctionDef {
  readonly name: string;
  readonly javaClass: string;
  readonly description: string;
  readonly parameters: ExtensionSpec['parameters'];
  readonly returns: ExtensionSpec['returns'];
  readonly examples: ExtensionSpec['examples'];
  readonly signatures?: ExtensionSpec['signatures'];
  readonly returnTypeOf?: ExtensionSpec['returnTypeOf'];
  /** Computes the result from non-null arguments converted to doubles. */
  readonly compute: (args: readonly number[], argTypes: readonly AttributeType[]) => unknown;
  /** Result for a null argument (default null). */
  readonly onNull?: unknown;
}

/** A math function whose arguments are numbers converted to double; null in gives null out (unless onNull says). */
export function numericFunction(def: NumericFunctionDef): FunctionImpl {
  const base = {
    kind: 'function' as const,
    namespace: 'math',
    name: def.name,
    description: def.description,
    parameters: def.parameters,
    returns: def.returns,
    examples: def.examples,
    ...(def.signatures !== undefined ? { signatures: def.signatures } : {}),
    ...(def.returnTypeOf !== undefined ? { returnTypeOf: def.returnTypeOf } : {}),
  };
  const onNull = def.onNull ?? null;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const types = ctx.argTypes;
      return (...args) => {
        const nums: number[] = [];
        for (const a of args) {
          if (a === null || a === undefined) return onNull;
          nums.push(toDouble(a, def.javaClass));
        }
        return def.compute(nums, types);
      };
    },
  };
}

export function param(
  name: string,
  type: readonly AttributeType[],
  description: string,
): ExtensionSpec['parameters'][number] {
  return { name, type, description };
}
