/** `map:createFromJSON` and `map:toJSON`, in org.json's dialect (see org-json.ts). */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { isJavaMap, mapErrors } from './map-support.js';
import { readJsonObject, writeJsonObject } from './org-json.js';
import { MAP_PARAMETER } from './spec-parts.js';

const createError = mapErrors('CreateFromJSONFunctionExtension');

const createBase = {
  kind: 'function',
  namespace: 'map',
  name: 'createFromJSON',
  description:
    'Makes a map from the text of a JSON object, read leniently as org.json reads it (single quotes, unquoted keys ' +
    'and values); nested objects become maps and arrays lists.',
  parameters: [{ name: 'json.string', type: ['string'], description: 'The JSON object text.' }],
  returns: { type: ['object'], description: 'The new map.' },
  examples: [
    {
      syntax: "map:createFromJSON(\"{'symbol' : 'IBM', 'price' : 200, 'volume' : 100}\")",
      description: 'A map of "symbol" → "IBM", "price" → 200 and "volume" → 100.',
    },
  ],
} as const satisfies ExtensionSpec;

export const createFromJSON: FunctionImpl = {
  spec: { ...createBase, validate: validateWith(createBase) },
  create: () => (json) => {
    if (typeof json !== 'string') throw createError('Data should be a string');
    try {
      return readJsonObject(json);
    } catch (e) {
      throw createError(`Cannot create JSON from '${json}' in create from json function`, e);
    }
  },
};

const toJsonError = mapErrors('ToJSONFunctionExtension');

const toJsonBase = {
  kind: 'function',
  namespace: 'map',
  name: 'toJSON',
  description:
    'Writes a map as JSON object text, as org.json does: keys in the order the map holds them, entries with null ' +
    'values left out, nested maps as objects and lists as arrays.',
  parameters: [MAP_PARAMETER],
  returns: {
    type: ['string'],
    description: 'The JSON text; null when the map holds a NaN or infinite number (org.json cannot write it).',
  },
  examples: [
    {
      syntax: 'map:toJSON(company)',
      description: 'For a map of "symbol" → "IBM" and "price" → 200 gives {"symbol":"IBM","price":200}.',
    },
  ],
} as const satisfies ExtensionSpec;

export const toJSON: FunctionImpl = {
  spec: { ...toJsonBase, validate: validateWith(toJsonBase) },
  create: () => (map) => {
    if (!isJavaMap(map)) throw toJsonError('Data should be a string');
    return writeJsonObject(map);
  },
};
