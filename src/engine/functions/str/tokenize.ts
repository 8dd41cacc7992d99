import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { javaSplit } from '../shared/java-regex.js';
import { validateWith } from '../shared/overloads.js';
import { regexConstantCheck } from './regexp.js';

const error = errorsFor('io.siddhi.extension.execution.string.TokenizeStreamProcessorExtension');

const base = {
  kind: 'streamFunction',
  namespace: 'str',
  name: 'tokenize',
  description:
    'Splits a string around the matches of a Java regular expression and sends one event per piece, ' +
    'carrying the piece in the `token` attribute; optionally each distinct piece once.',
  parameters: [
    { name: 'input.string', type: ['string'], description: 'The string to split.' },
    {
      name: 'regex',
      type: ['string'],
      constantOnly: true,
      description: 'The Java regular expression to split around.',
    },
    {
      name: 'distinct',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      constantOnly: true,
      description: 'true to send each distinct piece only once.',
    },
  ],
  appendedAttributes: [{ name: 'token', type: 'string', description: 'One piece of the string.' }],
  examples: [
    {
      syntax: "from inputStream#str:tokenize(str, ',') select token insert into tokenStream;",
      description: 'For "Android,Windows8,iOS" sends three events with the tokens "Android", "Windows8" and "iOS".',
    },
  ],
} as const satisfies ExtensionSpec;

export const tokenize: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base, regexConstantCheck(1, 'str:tokenize')) },
  create: (ctx) => {
    const regex = String(ctx.constants[1]);
    const distinct = ctx.constants[2] === true;
    return (args, emit) => {
      const input = args[0];
      if (input === null || input === undefined) {
        throw error('Invalid input given to str:tokenize() function. The input string cannot be null');
      }
      let pieces = javaSplit(String(input), regex);
      if (distinct) pieces = [...new Set(pieces)];
      for (const p of pieces) emit([p]);
    };
  },
};
