import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { STRING_OR_OBJECT } from '../shared/types.js';
import { gsonToJson, jsonErrors, parseLenient } from './json-support.js';

const toStringError = jsonErrors('ToJSONStringFunctionExtension');

const toObjectBase = {
  kind: 'function',
  namespace: 'json',
  name: 'toObject',
  description:
    'Parses JSON text (leniently: unquoted keys and single quotes are accepted) into an object. Text that is not JSON gives null.',
  parameters: [{ name: 'json', type: ['string'], description: 'The JSON text.' }],
  returns: { type: ['object'], description: 'The parsed object, or null.' },
  examples: [{ syntax: 'json:toObject(\'{"name": "John"}\')', description: 'Gives the object {name: "John"}.' }],
} as const satisfies ExtensionSpec;

export const toObject: FunctionImpl = {
  spec: { ...toObjectBase, validate: validateWith(toObjectBase) },
  create: () => (json) => {
    if (json === null || json === undefined) return null;
    try {
      return parseLenient(String(json));
    } catch {
      return null;
    }
  },
};

const toStringBase = {
  kind: 'function',
  namespace: 'json',
  name: 'toString',
  description:
    'Writes a value as JSON text, as Gson does (compact, nulls kept). With allow.escape true, the text is written once more as a JSON string, quoted and escaped.',
  parameters: [
    { name: 'json', type: STRING_OR_OBJECT, description: 'The value to write.' },
    {
      name: 'allow.escape',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'true to give the JSON text as an escaped JSON string.',
    },
  ],
  returns: { type: ['string'], description: 'The JSON text.' },
  examples: [
    { syntax: 'json:toString(json)', description: 'For the object {user: "david"} gives {"user":"david"}.' },
    { syntax: 'json:toString(json, true)', description: 'Gives "{\\"user\\":\\"david\\"}".' },
  ],
} as const satisfies ExtensionSpec;

export const toString: FunctionImpl = {
  spec: { ...toStringBase, validate: validateWith(toStringBase) },
  create: (ctx) => {
    const arity = ctx.argTypes.length;
    return (json, allowEscape) => {
      if (arity === 1) return gsonToJson(json ?? null);
      if (json === null || json === undefined || allowEscape === null || allowEscape === undefined) {
        throw toStringError(
          `Null value passed to json:toString() function. ${json == null ? 'json is null. ' : ''}${allowEscape == null ? 'allowEscapeObject is null. ' : ''}`,
        );
      }
      if (typeof allowEscape !== 'boolean') {
        throw toStringError('Invalid type found for the value of allowEscape parameter. Expected a boolean.');
      }
      return allowEscape ? gsonToJson(gsonToJson(json)) : gsonToJson(json);
    };
  },
};
