import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.CharAtFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'charAt',
  description: 'Gives the character found at a position (0-based, in UTF-16 units) of a string.',
  parameters: [
    { name: 'input.value', type: ['string'], description: 'The string to read from.' },
    { name: 'index', type: ['int'], description: 'The 0-based position of the character to return.' },
  ],
  returns: { type: ['string'], description: 'A one-character string.' },
  examples: [{ syntax: 'str:charAt("WSO2", 1)', description: 'Gives "S".' }],
} as const satisfies ExtensionSpec;

export const charAt: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (source, index) => {
    if (source === null || index === null) {
      throw error(
        `Invalid input given to str:charat() function. ${source === null ? 'First' : 'Second'} argument cannot be null`,
      );
    }
    const s = String(source);
    const i = Number(index);
    if (!Number.isInteger(i) || i < 0 || i >= s.length) {
      throw error(`Index argument ${i} is negative or not less than the length of the given string ${s}`);
    }
    return s.charAt(i);
  },
};
