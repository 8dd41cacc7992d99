import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.StrcmpFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'strcmp',
  description:
    'Compares two strings as Java `compareTo` does: the difference of the first differing UTF-16 units, or of the lengths when one is a prefix of the other.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to compare.' },
    { name: 'compare.to', type: ['string'], description: 'The string to compare it with.' },
  ],
  returns: {
    type: ['int'],
    description: 'Negative, zero or positive as the first string sorts before, equal to or after the second.',
  },
  examples: [{ syntax: 'str:strcmp("AbCDefghiJ KLMN", "Hello")', description: 'Gives -7.' }],
} as const satisfies ExtensionSpec;

/** Java's `String.compareTo`. */
export function javaCompareTo(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export const strcmp: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (a, b) => {
    if (a === null || b === null) {
      throw error(
        `Invalid input given to str:strcmp() function. ${a === null ? 'First' : 'Second'} argument cannot be null`,
      );
    }
    return javaCompareTo(String(a), String(b));
  },
};
