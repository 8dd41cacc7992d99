import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.RepeatFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'repeat',
  description: 'Repeats a string a number of times (zero or a negative count gives an empty string).',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to repeat.' },
    { name: 'times', type: ['int'], description: 'How many copies to join.' },
  ],
  returns: { type: ['string'], description: 'The copies joined together.' },
  examples: [{ syntax: 'str:repeat("StRing 1", 3)', description: 'Gives "StRing 1StRing 1StRing 1".' }],
} as const satisfies ExtensionSpec;

export const repeat: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (input, times) => {
    if (input === null || times === null) {
      throw error(
        `Invalid input given to str:repeat() function. ${input === null ? 'First' : 'Second'} argument cannot be null`,
      );
    }
    const n = Number(times);
    return n > 0 ? String(input).repeat(Math.floor(n)) : '';
  },
};
