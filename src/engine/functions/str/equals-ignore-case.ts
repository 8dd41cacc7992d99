import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.EqualsIgnoreCaseFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'equalsIgnoreCase',
  description: 'Compares two strings ignoring letter case. The first must not be null; a null second gives false.',
  parameters: [
    { name: 'arg1', type: ['string'], description: 'The first string.' },
    { name: 'arg2', type: ['string'], description: 'The string to compare it with.' },
  ],
  returns: { type: ['bool'], description: 'true when both are equal apart from letter case.' },
  examples: [{ syntax: 'str:equalsIgnoreCase("WSO2", "wso2")', description: 'Gives true.' }],
} as const satisfies ExtensionSpec;

/** Java's `String.equalsIgnoreCase`: char by char, equal when equal after upper-casing or lower-casing. */
export function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const ux = x.toUpperCase();
    const uy = y.toUpperCase();
    if (ux === uy) continue;
    if (ux.toLowerCase() === uy.toLowerCase()) continue;
    return false;
  }
  return true;
}

export const equalsIgnoreCase: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (a, b) => {
    if (a === null) {
      throw error('Invalid input given to str:equalsIgnoreCase() function. First argument cannot be null');
    }
    if (b === null) return false;
    return javaEqualsIgnoreCase(String(a), String(b));
  },
};
