import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.LengthFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'length',
  description: 'Gives the length of a string in UTF-16 units (a character outside the BMP counts 2).',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to measure.' }],
  returns: { type: ['int'], description: 'The length.' },
  examples: [{ syntax: 'str:length("Hello World")', description: 'Gives 11.' }],
} as const satisfies ExtensionSpec;

export const length: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input) => {
    if (input === null) throw error('Invalid input given to str:length() function. The argument cannot be null');
    return String(input).length;
  },
};
