import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { AttributeType } from '../../../lang/ast.js';
import { javaParseInt } from '../math/radix.js';
import { javaParseDouble, javaParseLong } from '../math/parse.js';
import { validateWith } from '../shared/overloads.js';
import { STRING_OR_OBJECT } from '../shared/types.js';
import { documentOf, gsonToJson, javaJsonText, jsonErrors, readPath } from './json-support.js';

const PARAMS = [
  { name: 'json', type: STRING_OR_OBJECT, description: 'The JSON document, as text or as an object.' },
  { name: 'path', type: ['string'] as const, description: 'A JSONPath such as `$.name` or `$.items[0].price`.' },
];

function getter(
  name: string,
  javaClass: string,
  type: AttributeType,
  what: string,
  convert: (value: unknown) => unknown,
  example: string,
): FunctionImpl {
  const error = jsonErrors(javaClass);
  const base = {
    kind: 'function' as const,
    namespace: 'json',
    name,
    description: `Reads the element at a JSONPath ${what}.`,
    parameters: PARAMS,
    returns: { type: [type], description: `The element as ${type === 'object' ? 'an' : 'a'} ${type}, or null.` },
    examples: [
      {
        syntax: `json:${name}(json, '$.${example.split(' ')[0]}')`,
        description: example.split(' ').slice(1).join(' '),
      },
    ],
  } satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: () => (json, path) => {
      if (json === null || json === undefined || path === null || path === undefined) return null;
      const read = readPath(documentOf(json, error), String(path));
      return convert(read.found ? read.value : null);
    },
  };
}

/** A single element: a one-element list is unwrapped, another list gives null. */
function single(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : null;
  return value;
}

function numberOr(parse: (s: string) => number): (value: unknown) => unknown {
  return (value) => {
    const v = single(value);
    if (v === null || v === undefined) return null;
    try {
      return parse(javaJsonText(v));
    } catch {
      return null;
    }
  };
}

export const getBool = getter(
  'getBool',
  'GetBoolJSONFunctionExtension',
  'bool',
  'as a boolean: true only for `true` (any case); anything else, or a path that selects nothing, gives false',
  (value) => {
    const v = single(value);
    return v !== null && v !== undefined && javaJsonText(v).toLowerCase() === 'true';
  },
  'married true for {"married": true}.',
);
export const getDouble = getter(
  'getDouble',
  'GetDoubleJSONFunctionExtension',
  'double',
  'as a double; an element that is not a number, or a path that selects nothing, gives null',
  numberOr(javaParseDouble),
  'age 25.0 for {"age": 25}.',
);
export const getFloat = getter(
  'getFloat',
  'GetFloatJSONFunctionExtension',
  'float',
  'as a float; an element that is not a number, or a path that selects nothing, gives null',
  numberOr((s) => Math.fround(javaParseDouble(s))),
  'age 25.0 for {"age": 25}.',
);
export const getInt = getter(
  'getInt',
  'GetIntJSONFunctionExtension',
  'int',
  'as an int; an element that is not a whole number, or a path that selects nothing, gives null',
  numberOr((s) => javaParseInt(s)),
  'age 25 for {"age": 25}.',
);
export const getLong = getter(
  'getLong',
  'GetLongJSONFunctionExtension',
  'long',
  'as a long; an element that is not a whole number, or a path that selects nothing, gives null',
  numberOr(javaParseLong),
  'age 25 for {"age": 25}.',
);
export const getObject = getter(
  'getObject',
  'GetObjectJSONFunctionExtension',
  'object',
  'as an object (a value, a map or a list; a one-element list is unwrapped); a path that selects nothing gives null',
  (value) => (Array.isArray(value) && value.length === 1 ? value[0] : value),
  'bar the object at bar.',
);
export const getString = getter(
  'getString',
  'GetStringJSONFunctionExtension',
  'string',
  'as a string: text as it is, anything else as JSON text; a path that selects nothing gives null',
  (value) => (value === null || value === undefined ? null : typeof value === 'string' ? value : gsonToJson(value)),
  'name "John" for {"name": "John"}.',
);

const existsError = jsonErrors('IsExistsJSONFunctionExtension');
const existsBase = {
  kind: 'function',
  namespace: 'json',
  name: 'isExists',
  description:
    'Tells whether a JSONPath selects something in a document. A path that can select several nodes (`..`, `*`, filters) always counts as existing.',
  parameters: PARAMS,
  returns: { type: ['bool'], description: 'true when the path exists.' },
  examples: [{ syntax: "json:isExists(json, '$.name')", description: 'true for {"name": "John"}.' }],
} as const satisfies ExtensionSpec;

export const isExists: FunctionImpl = {
  spec: { ...existsBase, validate: validateWith(existsBase) },
  create: () => (json, path) => {
    if (json === null || json === undefined || path === null || path === undefined) return null;
    return readPath(documentOf(json, existsError), String(path)).found;
  },
};
