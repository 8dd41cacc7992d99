import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { ANY_TYPES } from './list-support.js';

const base = {
  kind: 'function',
  namespace: 'list',
  name: 'create',
  description:
    'Makes a new list of the values given, in order (nulls included); no arguments make an empty list, and so ' +
    'does a single argument that is null (as in Siddhi).',
  parameters: [
    {
      name: 'value1',
      type: ANY_TYPES,
      optional: true,
      repeat: true,
      description: 'The first value (then the second, and so on).',
    },
  ],
  returns: { type: ['object'], description: 'The new list.' },
  examples: [
    { syntax: 'list:create(1, 2, 3, 4, 5, 6)', description: 'The list [1, 2, 3, 4, 5, 6].' },
    { syntax: 'list:create()', description: 'An empty list.' },
  ],
} as const satisfies ExtensionSpec;

export const create: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    if (ctx.argTypes.length === 1) return (value) => (value === null || value === undefined ? [] : [value]);
    return (...values) => values.map((v) => v ?? null);
  },
};
