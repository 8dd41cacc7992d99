import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { argumentWord } from '../shared/types.js';
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

const error = regexErrors('GroupFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'regex',
  name: 'group',
  description:
    'Finds the first match of a Java regular expression in the input (Java `Matcher.find`) and gives the text ' +
    'one capturing group of it captured.',
  parameters: [
    REGEX_PARAMETER,
    INPUT_PARAMETER,
    { name: 'group.id', type: ['int'], description: 'The number of the capturing group; 0 is the whole match.' },
  ],
  returns: {
    type: ['string'],
    description:
      'The captured text; null when nothing matches, when the group number is above the number of groups, or when the group took no part in the match.',
  },
  examples: [
    {
      syntax:
        "regex:group('\\d\\d(.*)(WSO2.*)(WSO2.*)', '21 products are produced within 10 years by WSO2 currently by WSO2 employees', 3)",
      description: 'Gives "WSO2 employees", what group 3 captured.',
    },
  ],
} as const satisfies ExtensionSpec;

export const group: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(0, 'regex:group')) },
  create: (ctx) => {
    const pattern = patternOf(ctx, javaRegex, error);
    return (...args) => {
      const nullAt = args.findIndex((a) => a === null || a === undefined);
      if (nullAt >= 0) {
        throw error(`Invalid input given to regex:group() function. ${argumentWord(nullAt)} argument cannot be null`);
      }
      const text = textArgument(args[1], 1, 'group', error);
      const groupId = intArgument(args[2], 2, 'group', error);
      const m = javaFindFrom(pattern(textArgument(args[0], 0, 'group', error)), text, 0);
      if (m === null || groupId > m.length - 1) return null;
      if (groupId < 0) throw error(`No group ${groupId}`);
      return m[groupId] ?? null;
    };
  },
};
