import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.CharFrequencyFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'charFrequency',
  description: 'Counts how many times a character occurs in a string.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to search.' },
    { name: 'char', type: ['string'], description: 'A string of exactly one character to count.' },
  ],
  returns: { type: ['long'], description: 'The number of occurrences of the character.' },
  examples: [{ syntax: 'str:charFrequency("WSO2,ABM,NSFT", ",")', description: 'Counts the commas: 2.' }],
} as const satisfies ExtensionSpec;

export const charFrequency: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input, char) => {
    if (input === null || char === null) {
      throw error(
        `Invalid input given to str:charFrequency() function. ${input === null ? 'First' : 'Second'} argument cannot be null`,
      );
    }
    const c = String(char);
    if (c.length !== 1) {
      throw error(
        `Invalid input given to str:charFrequency() function. \`char\` parameter is expected to be a character, found '${c}'.`,
      );
    }
    const s = String(input);
    let count = 0;
    for (let i = 0; i < s.length; i++) if (s[i] === c) count++;
    return count;
  },
};
