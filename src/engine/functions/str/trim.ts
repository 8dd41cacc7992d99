import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';
import { javaTrim } from '../shared/java-string.js';

const error = errorsFor('io.siddhi.extension.execution.string.TrimFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'trim',
  description:
    'Removes the spaces and control characters (codes up to U+0020) at both ends of a string, as Java `trim`.',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to trim.' }],
  returns: { type: ['string'], description: 'The trimmed string.' },
  examples: [{ syntax: 'str:trim("  AbCDefghiJ KLMN  ")', description: 'Gives "AbCDefghiJ KLMN".' }],
} as const satisfies ExtensionSpec;

export const trim: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input) => {
    if (input === null) throw error('Invalid input given to str:trim() function. The argument cannot be null');
    return javaTrim(String(input));
  },
};
