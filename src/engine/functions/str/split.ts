import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaSplit } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { argumentWord } from '../shared/types.js';
import { regexConstantCheck } from './regexp.js';

const error = errorsFor('io.siddhi.extension.execution.string.SplitFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'str',
  name: 'split',
  description:
    'Splits a string around the matches of a Java regular expression (trailing empty pieces are dropped, as in Java) and gives the piece at an index.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to split.' },
    { name: 'split.string', type: ['string'], description: 'The Java regular expression to split around.' },
    { name: 'group.number', type: ['int'], description: 'The 0-based index of the piece to return.' },
  ],
  returns: { type: ['string'], description: 'The piece at the index.' },
  examples: [{ syntax: 'str:split("WSO2,ABM,NSFT", ",", 0)', description: 'Gives "WSO2".' }],
} as const satisfies ExtensionSpec;

export const split: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'str:split')) },
  create:
    () =>
    (...args) => {
      const bad = args.findIndex((a) => a === null);
      if (bad >= 0)
        throw error(`Invalid input given to str:split() function. ${argumentWord(bad)} argument cannot be null`);
      let pieces: string[];
      try {
        pieces = javaSplit(String(args[0]), String(args[1]));
      } catch (e) {
        throw error((e as Error).message, e);
      }
      const index = Number(args[2]);
      const piece = pieces[index];
      if (!Number.isInteger(index) || piece === undefined) {
        throw error(
          `Index argument ${index} is negative or not less than the length of the split string array ${pieces.length}`,
        );
      }
      return piece;
    },
};
