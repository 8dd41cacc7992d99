import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.LocateFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'locate',
  description:
    'Finds where a string first occurs in another, optionally searching from a start position. ' +
    'With a start position the result is the index found in the rest of the string plus the start, so "not found" gives start - 1.',
  parameters: [
    { name: 'search.string', type: ['string'], description: 'The string to look for.' },
    { name: 'input.string', type: ['string'], description: 'The string to search in.' },
    {
      name: 'searching.start.position',
      type: ['int'],
      optional: true,
      defaultValue: '0',
      description: 'The 0-based position to start searching from.',
    },
  ],
  returns: { type: ['int'], description: 'The 0-based index of the first occurrence, or -1 when not found.' },
  examples: [{ syntax: "str:locate('@wso2.com', 'streaming@wso2.com')", description: 'Gives 9.' }],
} as const satisfies ExtensionSpec;

export const locate: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: () => (search, input, start) => {
    if (search === null || input === null) {
      throw error(
        `Invalid input given to str:locate() function. ${search === null ? 'First' : 'Second'} argument cannot be null`,
      );
    }
    const s = String(input);
    if (start === undefined) return s.indexOf(String(search));
    const from = Number(start);
    if (start === null || !Number.isInteger(from) || from < 0 || from > s.length) {
      throw error(`begin ${String(start)}, end ${s.length}, length ${s.length}`);
    }
    return s.slice(from).indexOf(String(search)) + from;
  },
};
