/**
 * Pieces shared by the specs of the core aggregators: type lists, the one-argument parameter
 * and the validation Siddhi performs when it creates an aggregator.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ParameterSpec } from '../../lang/catalog.js';
import type { AggregatorImpl, AggregatorState } from '../registry/extension-impl.js';

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

/** What differs between the numeric aggregators whose result has the argument's type (min, max, ...Forever). */
export interface SameTypeAggregatorDoc {
  readonly name: string;
  readonly description: string;
  readonly argument: string;
  readonly returns: string;
  readonly example: { readonly syntax: string; readonly description: string };
}

/** A one-numeric-argument aggregator returning the argument's type; `make(float)` builds one state. */
export function sameTypeNumericAggregator(
  doc: SameTypeAggregatorDoc,
  make: (float: boolean) => AggregatorState,
): AggregatorImpl {
  return {
    spec: {
      kind: 'aggregator',
      namespace: '',
      name: doc.name,
      description: doc.description,
      parameters: [argParameter(NUMERIC_TYPES, doc.argument)],
      returns: { type: NUMERIC_TYPES, description: doc.returns },
      returnTypeOf: (argTypes) => argTypes[0] ?? 'double',
      validate: validateOneArg(doc.name, NUMERIC_TYPES),
      examples: [doc.example],
    },
    create(ctx) {
      const float = ctx.argTypes[0] === 'float';
      return () => make(float);
    },
  };
}
