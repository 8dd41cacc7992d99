/**
 * `ifThenElse(condition, then, else)`: `then` when the condition is true, else `else` (null counts as
 * false). Both branches have one type, the result's. Siddhi evaluates only the chosen branch; a code
 * generator that inlines the call keeps that, the closure here receives both values.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES } from './spec-parts.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'ifThenElse',
  description: "Returns 'if.expression' when the condition is true, else 'else.expression'; both of the same type.",
  parameters: [
    { name: 'condition', type: ['bool'], description: 'The condition.' },
    { name: 'if.expression', type: ALL_TYPES, description: 'The value when the condition is true.' },
    { name: 'else.expression', type: ALL_TYPES, description: 'The value when the condition is false or null.' },
  ],
  returns: { type: ALL_TYPES, description: 'The type of the two branches.' },
  examples: [
    { syntax: "ifThenElse(sensorValue > 35, 'High', 'Low')", description: "'High' above 35, else 'Low'." },
    {
      syntax: 'ifThenElse(voltage >= 220, voltage * 10, voltage * 5)',
      description: 'A gain that depends on the voltage.',
    },
  ],
};

export const ifThenElseFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: (argTypes) => argTypes[1] ?? 'object',
    validate: validateWith(base, (argTypes) =>
      argTypes[1] !== argTypes[2]
        ? `ifThenElse() needs both branches of the same type, but found ${argTypes[1]} and ${argTypes[2]}`
        : undefined,
    ),
  },
  create() {
    return (c: unknown, a: unknown, b: unknown) => (c === true ? a : b);
  },
};
