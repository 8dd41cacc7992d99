import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.ContainsFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'contains',
  description: 'Tells whether a string contains another as a substring. A null input string gives false.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to search in.' },
    { name: 'search.string', type: ['string'], description: 'The substring to look for; must not be null.' },
  ],
  returns: { type: ['bool'], description: 'true when search.string occurs in input.string.' },
  examples: [
    { syntax: 'str:contains("21 products are produced by WSO2 currently", "WSO2")', description: 'Gives true.' },
  ],
} as const satisfies ExtensionSpec;

export const contains: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (source, search) => {
    if (source === null) return false;
    if (search === null) throw error('Invalid input given to str:contains() function. Second argument cannot be null');
    return String(source).includes(String(search));
  },
};
