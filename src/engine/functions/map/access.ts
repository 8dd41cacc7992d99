/** The `map:` functions that read a map without changing it. */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import {
  ANY_TYPES,
  PRIMITIVE_TYPES,
  isJavaMap,
  javaEquals,
  mapEntries,
  mapErrors,
  mapGet,
  mapHas,
  mapSize,
  requireMap,
} from './map-support.js';
import { KEY_PARAMETER, MAP_PARAMETER } from './spec-parts.js';

const bare = (c: string): string => `First attribute value must be of type java.util.Map, but found ${c}`;

const getBase = {
  kind: 'function',
  namespace: 'map',
  name: 'get',
  description: 'Gives the value a map holds under a key, or a default when the key is absent.',
  parameters: [
    MAP_PARAMETER,
    KEY_PARAMETER,
    {
      name: 'default.value',
      type: ANY_TYPES,
      optional: true,
      defaultValue: 'null',
      description: 'What to give when the map has no such key (a key present with a null value gives null).',
    },
  ],
  returns: { type: ['object'], description: 'The value, the default, or null.' },
  examples: [
    { syntax: 'map:get(companyMap, 1)', description: 'With {1: "WSO2"} gives "WSO2".' },
    { syntax: "map:get(companyMap, 2, 'two')", description: 'With {1: "WSO2"} gives "two".' },
  ],
} as const satisfies ExtensionSpec;

const getError = mapErrors('GetFunctionExtension');
export const get: FunctionImpl = {
  spec: { ...getBase, validate: validateWith(getBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const withDefault = ctx.argTypes.length === 3;
    return (map, key, defaultValue) => {
      const m = requireMap(map, getError, type, bare);
      const value = mapGet(m, key);
      if (value === undefined) return withDefault ? (defaultValue ?? null) : null;
      return value;
    };
  },
};

const containsKeyBase = {
  kind: 'function',
  namespace: 'map',
  name: 'containsKey',
  description: 'Tells whether a map has a key.',
  parameters: [MAP_PARAMETER, KEY_PARAMETER],
  returns: { type: ['bool'], description: 'true when the key is in the map (even with a null value).' },
  examples: [{ syntax: "map:containsKey(stockDetails, '1234')", description: 'true when the key "1234" is present.' }],
} as const satisfies ExtensionSpec;

const containsKeyError = mapErrors('ContainsKeyFunctionExtension');
export const containsKey: FunctionImpl = {
  spec: { ...containsKeyBase, validate: validateWith(containsKeyBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (map, key) => mapHas(requireMap(map, containsKeyError, type), key);
  },
};

const containsValueBase = {
  kind: 'function',
  namespace: 'map',
  name: 'containsValue',
  description: "Tells whether a map holds a value under some key (Java's `equals`).",
  parameters: [MAP_PARAMETER, { name: 'value', type: PRIMITIVE_TYPES, description: 'The value to look for.' }],
  returns: { type: ['bool'], description: 'true when some key holds the value.' },
  examples: [{ syntax: "map:containsValue(stockDetails, 'IBM')", description: 'true when some key holds "IBM".' }],
} as const satisfies ExtensionSpec;

const containsValueError = mapErrors('ContainsValueFunctionExtension');
export const containsValue: FunctionImpl = {
  spec: { ...containsValueBase, validate: validateWith(containsValueBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (map, value) => {
      const m = requireMap(map, containsValueError, type, bare);
      for (const [, v] of mapEntries(m)) if (javaEquals(value ?? null, v ?? null)) return true;
      return false;
    };
  },
};

const isEmptyBase = {
  kind: 'function',
  namespace: 'map',
  name: 'isEmpty',
  description: 'Tells whether a map has no entries.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['bool'], description: 'true when the map is empty.' },
  examples: [{ syntax: 'map:isEmpty(stockDetails)', description: 'true when the map has no entries.' }],
} as const satisfies ExtensionSpec;

const isEmptyError = mapErrors('IsEmptyFunctionExtension');
export const isEmpty: FunctionImpl = {
  spec: { ...isEmptyBase, validate: validateWith(isEmptyBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (map) => mapSize(requireMap(map, isEmptyError, type)) === 0;
  },
};

const isMapBase = {
  kind: 'function',
  namespace: 'map',
  name: 'isMap',
  description: 'Tells whether a value is a map (a `java.util.Map`, a JSON object included).',
  parameters: [{ name: 'arg', type: ANY_TYPES, description: 'The value to test.' }],
  returns: { type: ['bool'], description: 'true for a map; false for anything else, null included.' },
  examples: [{ syntax: 'map:isMap(stockDetails)', description: 'true when stockDetails holds a map.' }],
} as const satisfies ExtensionSpec;

export const isMap: FunctionImpl = {
  spec: { ...isMapBase, validate: validateWith(isMapBase) },
  create: () => (arg) => isJavaMap(arg),
};

const keysBase = {
  kind: 'function',
  namespace: 'map',
  name: 'keys',
  description: 'Gives the keys of a map as a list, in the order the map holds them.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['object'], description: 'A new list (a `java.util.ArrayList`) of the keys.' },
  examples: [{ syntax: 'map:keys(stockDetails)', description: 'For {"IBM": 200, "WSO2": 100} gives ["IBM", "WSO2"].' }],
} as const satisfies ExtensionSpec;

const keysError = mapErrors('KeysFunctionExtension');
export const keys: FunctionImpl = {
  spec: { ...keysBase, validate: validateWith(keysBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (map) => Array.from(mapEntries(requireMap(map, keysError, type)), ([k]) => k);
  },
};

const valuesBase = {
  kind: 'function',
  namespace: 'map',
  name: 'values',
  description: 'Gives the values of a map as a list, in the order the map holds its keys.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['object'], description: 'A new list (a `java.util.ArrayList`) of the values.' },
  examples: [{ syntax: 'map:values(stockDetails)', description: 'For {"IBM": 200, "WSO2": 100} gives [200, 100].' }],
} as const satisfies ExtensionSpec;

const valuesError = mapErrors('ValuesFunctionExtension');
export const values: FunctionImpl = {
  spec: { ...valuesBase, validate: validateWith(valuesBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const message = (): string => 'First attribute value must be of type java.util.Map.';
    return (map) => Array.from(mapEntries(requireMap(map, valuesError, type, message)), ([, v]) => v);
  },
};

const sizeBase = {
  kind: 'function',
  namespace: 'map',
  name: 'size',
  description: 'Gives the number of entries of a map.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['int'], description: 'The number of keys.' },
  examples: [{ syntax: 'map:size(stockDetails)', description: 'For {"IBM": 200, "WSO2": 100} gives 2.' }],
} as const satisfies ExtensionSpec;

const sizeError = mapErrors('SizeFunctionExtension');
export const size: FunctionImpl = {
  spec: { ...sizeBase, validate: validateWith(sizeBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const message = (c: string): string => `First attribute value must be of type java.util.Map, but found '${c}'`;
    return (map) => mapSize(requireMap(map, sizeError, type, message));
  },
};
