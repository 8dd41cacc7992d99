import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaWholeRegex } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';

const error = errorsFor('io.siddhi.extension.execution.string.RegexpFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'regexp',
  description: 'Tells whether a whole string matches a Java regular expression (as Java `String.matches`).',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to test.' },
    { name: 'regex', type: ['string'], description: 'The Java regular expression the whole string must match.' },
  ],
  returns: { type: ['bool'], description: 'true when the entire string matches.' },
  examples: [{ syntax: 'str:regexp("WSO2 abcdh", "WSO(.*h)")', description: 'Gives true.' }],
} as const satisfies ExtensionSpec;

/** A creation-time check that a constant regular expression compiles. */
export function regexConstantCheck(index: number, fn: string) {
  return (_argTypes: readonly unknown[], constants: readonly unknown[]): string | undefined => {
    const c = constants[index];
    if (typeof c !== 'string') return undefined;
    try {
      javaWholeRegex(c);
      return undefined;
    } catch (e) {
      return `Syntax error in the regular expression of ${fn}: ${(e as Error).message}`;
    }
  };
}

export const regexp: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'str:regexp')) },
  create: (ctx) => {
    const constant = ctx.constants[1];
    const fixed = typeof constant === 'string' ? javaWholeRegex(constant) : undefined;
    return (input, regex) => {
      if (input === null || regex === null) {
        throw error(
          `Invalid input given to str:regexp() function. ${input === null ? 'First' : 'Second'} argument cannot be null`,
        );
      }
      let re = fixed;
      if (re === undefined) {
        try {
          re = javaWholeRegex(String(regex));
        } catch (e) {
          throw error((e as Error).message, e);
        }
      }
      return re.test(String(input));
    };
  },
};
