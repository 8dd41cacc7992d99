import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { AttributeType } from '../../../lang/ast.js';
import { javaValueToString } from '../shared/java-format.js';

const TYPES: readonly AttributeType[] = ['string', 'double', 'bool', 'float', 'int', 'long'];

const spec: ExtensionSpec = {
  kind: 'function',
  namespace: 'str',
  name: 'concat',
  description:
    'Joins two or more values into one string, skipping nulls. Numbers are written as Java writes them (a float or double always has a decimal point).',
  parameters: [{ name: 'arg', type: TYPES, repeat: true, description: 'Two or more values to join, in order.' }],
  returns: { type: ['string'], description: 'The joined text.' },
  validate: (argTypes) => {
    if (argTypes.length < 2) return `str:concat() requires at least two arguments, but found only ${argTypes.length}`;
    const bad = argTypes.findIndex((t) => !TYPES.includes(t));
    return bad >= 0 ? `str:concat() cannot join an argument of type ${argTypes[bad]} (argument ${bad + 1})` : undefined;
  },
  examples: [{ syntax: 'str:concat("D533", "8JU^", "XYZ")', description: 'Gives "D5338JU^XYZ".' }],
};

export const concat: FunctionImpl = {
  spec,
  create: (ctx) => {
    const types = ctx.argTypes;
    return (...args) => {
      let out = '';
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a !== null && a !== undefined) out += javaValueToString(a, types[i]);
      }
      return out;
    };
  },
};
