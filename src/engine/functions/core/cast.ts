/**
 * `cast(value, 'type')`: tells the type checker the value's type. As in Siddhi it converts nothing but an
 * int to a long, which is the same JS number: the value passes through unchanged
 * (`cast(true, 'double')` is `true`). The type name must be a constant.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { validateWith } from '../shared/overloads.js';
import { ALL_TYPES } from './spec-parts.js';
import { TYPE_NAME_LIST, typeNamed } from './type-names.js';

const base: ExtensionSpec = {
  kind: 'function',
  namespace: '',
  name: 'cast',
  description:
    'Casts the value to the type named by the second argument, for the type checker; the value itself is not converted (see convert).',
  parameters: [
    { name: 'to.be.caster', type: ALL_TYPES, description: 'The value to be cast.' },
    {
      name: 'cast.to',
      type: ['string'],
      constantOnly: true,
      description: `A string constant naming the type: one of ${TYPE_NAME_LIST}.`,
    },
  ],
  returns: { type: ['int', 'long', 'double', 'float', 'string', 'bool'], description: 'The type named by cast.to.' },
  examples: [
    {
      syntax: "from fooStream select symbol, cast(temp, 'double') as temp insert into barStream;",
      description: 'Types the object attribute temp as a double.',
    },
  ],
};

function identity(v: unknown): unknown {
  return v;
}

export const castFunction: FunctionImpl = {
  spec: {
    ...base,
    returnTypeOf: (_argTypes, constants) => typeNamed(constants[1]) ?? 'object',
    validate: validateWith(base, (_argTypes, constants) =>
      typeNamed(constants[1]) === undefined
        ? `cast() needs a type name of ${TYPE_NAME_LIST} as its second argument, but found '${String(constants[1])}'`
        : undefined,
    ),
  },
  create() {
    return identity;
  },
};
