import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.ReverseFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'reverse',
  description: 'Reverses the characters of a string (a surrogate pair stays in order).',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to reverse.' }],
  returns: { type: ['string'], description: 'The reversed string.' },
  examples: [{ syntax: 'str:reverse("Hello World")', description: 'Gives "dlroW olleH".' }],
} as const satisfies ExtensionSpec;

export const reverse: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input) => {
    if (input === null) throw error('Invalid input given to str:reverse() function. The argument cannot be null');
    return [...String(input)].reverse().join('');
  },
};
