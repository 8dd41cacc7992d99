/** `regex:lookingAt` (a match at the start of the input) and `regex:matches` (the entire input matches). */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { javaEntireRegex, javaPrefixRegex, javaTestFromStart } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { regexConstantCheck } from '../str/regexp.js';
import { INPUT_PARAMETER, REGEX_PARAMETER, patternOf, regexErrors, textArgument } from './regex-support.js';

function make(
  name: 'lookingAt' | 'matches',
  javaClass: string,
  compile: (pattern: string) => RegExp,
  description: string,
  examples: ExtensionSpec['examples'],
): FunctionImpl {
  const error = regexErrors(javaClass);
  const base = {
    kind: 'function',
    namespace: 'regex',
    name,
    description,
    parameters: [REGEX_PARAMETER, INPUT_PARAMETER],
    returns: { type: ['bool'], description: 'true when it matches; false when it does not, or the input is null.' },
    examples,
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base, regexConstantCheck(0, `regex:${name}`)) },
    create: (ctx) => {
      const pattern = patternOf(ctx, compile, error);
      return (regex, input) => {
        if (regex === null || regex === undefined) {
          throw error(`Invalid input given to regex:${name}() function. First argument cannot be null`);
        }
        if (input === null || input === undefined) return false;
        const text = textArgument(input, 1, name, error);
        return javaTestFromStart(pattern(textArgument(regex, 0, name, error)), text);
      };
    },
  };
}

export const lookingAt = make(
  'lookingAt',
  'LookingAtFunctionExtension',
  javaPrefixRegex,
  'Tells whether the start of the input matches a Java regular expression (Java `Matcher.lookingAt`); ' +
    'unlike `regex:matches`, the match need not cover the whole input.',
  [
    {
      syntax: "regex:lookingAt('\\d\\d(.*)(WSO2.*)', '21 products are produced by WSO2 currently in Sri Lanka')",
      description: 'Gives true: the input starts with a match.',
    },
    {
      syntax:
        'regex:lookingAt("WSO2(.*)middleware(.*)", "sample test string and WSO2 is situated in trace and it\'s a middleware company")',
      description: 'Gives false: the input does not start with "WSO2".',
    },
  ],
);

export const matches = make(
  'matches',
  'MatchesFunctionExtension',
  javaEntireRegex,
  'Tells whether the entire input matches a Java regular expression (Java `Matcher.matches`).',
  [
    {
      syntax: "regex:matches('WSO2(.*)middleware(.*)', 'WSO2 is situated in trace and its a middleware company')",
      description: 'Gives true.',
    },
    {
      syntax: "regex:matches('WSO2(.*)middleware', 'WSO2 is situated in trace and its a middleware company')",
      description: 'Gives false: " company" is left over.',
    },
  ],
);
