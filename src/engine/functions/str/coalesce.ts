import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { AttributeType } from '../../../lang/ast.js';
import { ALL_TYPES } from '../shared/types.js';

const spec: ExtensionSpec = {
  kind: 'function',
  namespace: 'str',
  name: 'coalesce',
  description: 'Gives the first of its arguments that is not null. All arguments must have the same type.',
  parameters: [
    { name: 'arg', type: ALL_TYPES, repeat: true, description: 'One or more values of one type, tried in order.' },
  ],
  returns: {
    type: ALL_TYPES,
    description: 'The first non-null argument, or null when all are null; typed as the arguments.',
  },
  returnTypeOf: (argTypes) => argTypes[0] ?? 'object',
  validate: (argTypes) => {
    if (argTypes.length === 0) return 'str:coalesce() requires at least one argument, but found none';
    const first = argTypes[0] as AttributeType;
    const other = argTypes.findIndex((t) => t !== first);
    if (other >= 0) {
      return `str:coalesce() requires arguments of one type: argument ${other + 1} is ${argTypes[other]}, the first is ${first}`;
    }
    return undefined;
  },
  examples: [{ syntax: 'str:coalesce(null, "BBB", "CCC")', description: 'Gives "BBB".' }],
};

export const coalesce: FunctionImpl = {
  spec,
  create:
    () =>
    (...args) => {
      for (const a of args) if (a !== null && a !== undefined) return a;
      return null;
    },
};
