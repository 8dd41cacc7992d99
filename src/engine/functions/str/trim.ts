import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

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

/** Java's `String.trim`: strips chars <= U+0020 from both ends. */
export function javaTrim(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

export const trim: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input) => {
    if (input === null) throw error('Invalid input given to str:trim() function. The argument cannot be null');
    return javaTrim(String(input));
  },
};
