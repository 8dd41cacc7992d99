import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';

const lowerError = errorsFor('io.siddhi.extension.execution.string.LowerFunctionExtension');
const upperError = errorsFor('io.siddhi.extension.execution.string.UpperFunctionExtension');

const lowerBase = {
  kind: 'function',
  namespace: 'str',
  name: 'lower',
  description: 'Turns the capital letters of a string into small letters.',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to convert.' }],
  returns: { type: ['string'], description: 'The string in lower case.' },
  examples: [{ syntax: 'str:lower("WSO2 cep ")', description: 'Gives "wso2 cep ".' }],
} as const satisfies ExtensionSpec;

const upperBase = {
  kind: 'function',
  namespace: 'str',
  name: 'upper',
  description: 'Turns the small letters of a string into capital letters.',
  parameters: [{ name: 'input.string', type: ['string'], description: 'The string to convert.' }],
  returns: { type: ['string'], description: 'The string in upper case.' },
  examples: [{ syntax: 'str:upper("Hello World")', description: 'Gives "HELLO WORLD".' }],
} as const satisfies ExtensionSpec;

export const lower: FunctionImpl = {
  spec: { ...lowerBase, validate: validateWith(lowerBase) },
  create: () => (input) => {
    if (input === null) throw lowerError('Invalid input given to str:lower() function. The argument cannot be null');
    return String(input).toLowerCase();
  },
};

export const upper: FunctionImpl = {
  spec: { ...upperBase, validate: validateWith(upperBase) },
  create: () => (input) => {
    if (input === null) throw upperError('Invalid input given to str:upper() function. The argument cannot be null');
    return String(input).toUpperCase();
  },
};
