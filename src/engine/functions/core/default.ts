/** `default(attribute, value)`: the attribute, or the constant `value` when it is null; both of one type. */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES } from './spec-parts.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'default',
  description: "Returns the 'attribute' value, or the 'default' constant when the attribute is null.",
  parameters: [
    { name: 'attribute', type: ALL_TYPES, description: 'The value that may be null.' },
    {
      name: 'default',
      type: ALL_TYPES,
      constantOnly: true,
      description: "The constant used when 'attribute' is null; of the attribute's type.",
    },
  ],
  returns: { type: ALL_TYPES, description: "The type of 'attribute' and 'default'." },
  examples: [
    {
      syntax: 'from TempStream select default(temp, 0.0) as temp, roomNum insert into StandardTempStream;',
      description: 'Replaces a null temp with 0.0.',
    },
  ],
};

export const defaultFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: (argTypes) => argTypes[0] ?? 'object',
    validate: validateWith(base, (argTypes) =>
      argTypes[0] !== argTypes[1]
        ? `default() needs the attribute and the default value of the same type, but they are ${argTypes[0]} and ${argTypes[1]}`
        : undefined,
    ),
  },
  create() {
    return (v: unknown, d: unknown) => (v === null || v === undefined ? d : v);
  },
};
