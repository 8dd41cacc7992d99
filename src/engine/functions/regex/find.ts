import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { javaFindFrom, javaRegex } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { regexConstantCheck } from '../str/regexp.js';
import {
  INPUT_PARAMETER,
  REGEX_PARAMETER,
  intArgument,
  patternOf,
  regexErrors,
  textArgument,
} from './regex-support.js';

const error = regexErrors('FindFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'regex',
  name: 'find',
  description:
    'Tells whether some part of the input matches a Java regular expression (Java `Matcher.find`), ' +
    'searching from the start or from a given index.',
  parameters: [
    REGEX_PARAMETER,
    INPUT_PARAMETER,
    {
      name: 'starting.index',
      type: ['int'],
      optional: true,
      defaultValue: '0',
      description:
        'The index of the input where the search starts; anchors and lookbehinds still see the text before it.',
    },
  ],
  returns: {
    type: ['bool'],
    description: 'true when a match is found; false when there is none, or the input or the index is null.',
  },
  examples: [
    {
      syntax: "regex:find('\\d\\d(.*)WSO2', '21 products are produced by WSO2 currently')",
      description: 'Gives true: "21 products are produced by WSO2" matches.',
    },
    {
      syntax: "regex:find('\\d\\d(.*)WSO2', '21 products are produced by WSO2.', 4)",
      description: 'Gives false: from index 4 on there are no two digits.',
    },
  ],
} as const satisfies ExtensionSpec;

export const find: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(0, 'regex:find')) },
  create: (ctx) => {
    const pattern = patternOf(ctx, javaRegex, error);
    const withIndex = ctx.argTypes.length === 3;
    return (regex, input, startingIndex) => {
      if (regex === null || regex === undefined) {
        throw error('Invalid input given to regex:find() function. First argument cannot be null');
      }
      if (input === null || input === undefined) return false;
      const text = textArgument(input, 1, 'find', error);
      const re = pattern(textArgument(regex, 0, 'find', error));
      if (withIndex && (startingIndex === null || startingIndex === undefined)) return false;
      const from = withIndex ? intArgument(startingIndex, 2, 'find', error) : 0;
      try {
        return javaFindFrom(re, text, from) !== null;
      } catch (e) {
        throw error((e as Error).message, e);
      }
    };
  },
};
