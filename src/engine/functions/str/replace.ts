import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaReplaceAll, javaReplaceFirst } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { argumentWord } from '../shared/types.js';
import { regexConstantCheck } from './regexp.js';

function replaceSpec(name: 'replaceAll' | 'replaceFirst', what: string) {
  return {
    kind: 'function',
    namespace: 'str',
    name,
    description: `Replaces ${what} of a Java regular expression in a string. In the replacement, \`$1\` or \`\${name}\` insert a captured group and \`\\\\$\` a dollar sign.`,
    parameters: [
      { name: 'input.string', type: ['string'], description: 'The string to change.' },
      { name: 'regex', type: ['string'], description: 'The Java regular expression to find.' },
      { name: 'replacement.string', type: ['string'], description: 'The text put in place of each replaced match.' },
    ],
    returns: { type: ['string'], description: 'The string after replacement.' },
    examples: [
      {
        syntax: `str:${name}("hello hi hello", "hello", "test")`,
        description: name === 'replaceAll' ? 'Gives "test hi test".' : 'Gives "test hi hello".',
      },
    ],
  } as const satisfies ExtensionSpec;
}

function make(
  name: 'replaceAll' | 'replaceFirst',
  what: string,
  op: (s: string, r: string, p: string) => string,
): FunctionImpl {
  const base = replaceSpec(name, what);
  const error = errorsFor(
    `io.siddhi.extension.execution.string.${name[0]?.toUpperCase()}${name.slice(1)}FunctionExtension`,
  );
  return {
    spec: { ...base, validate: validateWith(base, regexConstantCheck(1, `str:${name}`)) },
    create:
      () =>
      (...args) => {
        const bad = args.findIndex((a) => a === null);
        if (bad >= 0) {
          throw error(`Invalid input given to str:${name}() function. ${argumentWord(bad)} argument cannot be null`);
        }
        try {
          return op(String(args[0]), String(args[1]), String(args[2]));
        } catch (e) {
          throw error((e as Error).message, e);
        }
      },
  };
}

export const replaceAll = make('replaceAll', 'every match', javaReplaceAll);
export const replaceFirst = make('replaceFirst', 'the first match', javaReplaceFirst);
