/**
 * The `map:` functions that change a map: like Siddhi's, they change the map they are given and give it
 * back (every other holder of that map sees the change); `clone` is the one that copies.
 */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { validateWith } from '../shared/overloads.js';
import {
  ANY_TYPES,
  PRIMITIVE_TYPES,
  castMap,
  copyMap,
  mapClear,
  mapEntries,
  mapErrors,
  mapGet,
  mapHas,
  mapPut,
  mapRemove,
  requireMap,
} from './map-support.js';
import { KEY_PARAMETER, MAP_PARAMETER } from './spec-parts.js';

const CHANGED = { type: ['object'], description: 'The same map, changed.' } as const;
const TO_MAP = { name: 'to.map', type: ['object'], description: 'The map to change.' } as const;
const FROM_MAP = { name: 'from.map', type: ['object'], description: 'The map whose entries are taken.' } as const;

const putBase = {
  kind: 'function',
  namespace: 'map',
  name: 'put',
  description: 'Puts a key and its value into a map, replacing any value the key had.',
  parameters: [
    MAP_PARAMETER,
    { name: 'key', type: ANY_TYPES, description: 'The key.' },
    { name: 'value', type: ANY_TYPES, description: 'The value.' },
  ],
  returns: CHANGED,
  examples: [{ syntax: "map:put(stockDetails, 'IBM', 200)", description: 'Gives stockDetails with "IBM" → 200.' }],
} as const satisfies ExtensionSpec;

const putError = mapErrors('PutFunctionExtension');
export const put: FunctionImpl = {
  spec: { ...putBase, validate: validateWith(putBase) },
  create: (ctx) => (map, key, value) => {
    const m = castMap(map, putError, 'put', ctx.argTypes[0]);
    mapPut(m, key, value ?? null, putError, ctx.argTypes[1]);
    return m;
  },
};

const putAllBase = {
  kind: 'function',
  namespace: 'map',
  name: 'putAll',
  description: 'Puts every entry of one map into another, replacing the values of keys both have.',
  parameters: [TO_MAP, FROM_MAP],
  returns: CHANGED,
  examples: [{ syntax: 'map:putAll(toMap, fromMap)', description: 'Gives toMap with every entry of fromMap in it.' }],
} as const satisfies ExtensionSpec;

const putAllError = mapErrors('PutAllFunctionExtension');
export const putAll: FunctionImpl = {
  spec: { ...putAllBase, validate: validateWith(putAllBase) },
  create: (ctx) => (to, from) => {
    const target = castMap(to, putAllError, 'putAll', ctx.argTypes[0]);
    const source = castMap(from, putAllError, 'putAll', ctx.argTypes[1]);
    if (target instanceof JavaHashMap) return target.putAll(source);
    for (const [k, v] of [...mapEntries(source)]) mapPut(target, k, v, putAllError);
    return target;
  },
};

const putIfAbsentBase = {
  kind: 'function',
  namespace: 'map',
  name: 'putIfAbsent',
  description: 'Puts a key and its value into a map unless the key is there already with a non-null value.',
  parameters: [MAP_PARAMETER, KEY_PARAMETER, { name: 'value', type: PRIMITIVE_TYPES, description: 'The value.' }],
  returns: CHANGED,
  examples: [
    { syntax: "map:putIfAbsent(stockDetails, 1234, 'IBM')", description: 'Adds 1234 → "IBM" when 1234 is absent.' },
  ],
} as const satisfies ExtensionSpec;

const putIfAbsentError = mapErrors('PutIfAbsentFunctionExecutor');
export const putIfAbsent: FunctionImpl = {
  spec: { ...putIfAbsentBase, validate: validateWith(putIfAbsentBase) },
  create: (ctx) => (map, key, value) => {
    const m = requireMap(map, putIfAbsentError, ctx.argTypes[0]);
    const old = mapGet(m, key);
    if (old === undefined || old === null) mapPut(m, key, value ?? null, putIfAbsentError, ctx.argTypes[1]);
    return m;
  },
};

const removeBase = {
  kind: 'function',
  namespace: 'map',
  name: 'remove',
  description: 'Removes a key and its value from a map.',
  parameters: [MAP_PARAMETER, { name: 'key', type: ANY_TYPES, description: 'The key to remove.' }],
  returns: CHANGED,
  examples: [{ syntax: "map:remove(stockDetails, 'IBM')", description: 'Gives stockDetails without "IBM".' }],
} as const satisfies ExtensionSpec;

const removeError = mapErrors('RemoveFunctionExtension');
export const remove: FunctionImpl = {
  spec: { ...removeBase, validate: validateWith(removeBase) },
  create: (ctx) => (map, key) => {
    const m = castMap(map, removeError, 'remove', ctx.argTypes[0]);
    mapRemove(m, key);
    return m;
  },
};

const replaceBase = {
  kind: 'function',
  namespace: 'map',
  name: 'replace',
  description: 'Replaces the value of a key a map has; a map without the key is left as it is.',
  parameters: [MAP_PARAMETER, KEY_PARAMETER, { name: 'value', type: PRIMITIVE_TYPES, description: 'The new value.' }],
  returns: CHANGED,
  examples: [{ syntax: "map:replace(stockDetails, 1234, 'IBM')", description: 'Sets 1234 → "IBM" if 1234 is there.' }],
} as const satisfies ExtensionSpec;

const replaceError = mapErrors('ReplaceFunctionExtension');
export const replace: FunctionImpl = {
  spec: { ...replaceBase, validate: validateWith(replaceBase) },
  create: (ctx) => (map, key, value) => {
    const m = requireMap(map, replaceError, ctx.argTypes[0]);
    if (mapHas(m, key)) mapPut(m, key, value ?? null, replaceError);
    return m;
  },
};

const replaceAllBase = {
  kind: 'function',
  namespace: 'map',
  name: 'replaceAll',
  description:
    'Replaces the values of the keys of one map with those another map has for them; other keys are not added.',
  parameters: [TO_MAP, FROM_MAP],
  returns: CHANGED,
  examples: [
    { syntax: 'map:replaceAll(toMap, fromMap)', description: 'Gives toMap with the values fromMap has for its keys.' },
  ],
} as const satisfies ExtensionSpec;

const replaceAllError = mapErrors('ReplaceAllFunctionExtension');
export const replaceAll: FunctionImpl = {
  spec: { ...replaceAllBase, validate: validateWith(replaceAllBase) },
  create: (ctx) => {
    const second = (c: string): string => `Second attribute value must be of type java.util.Map, but found '${c}'.`;
    return (to, from) => {
      const target = requireMap(to, replaceAllError, ctx.argTypes[0]);
      const source = requireMap(from, replaceAllError, ctx.argTypes[1], second);
      for (const [k, v] of [...mapEntries(source)]) if (mapHas(target, k)) mapPut(target, k, v, replaceAllError);
      return target;
    };
  },
};

const clearBase = {
  kind: 'function',
  namespace: 'map',
  name: 'clear',
  description: 'Removes every entry of a map.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['object'], description: 'The same map, now empty.' },
  examples: [{ syntax: 'map:clear(stockDetails)', description: 'Gives stockDetails, empty.' }],
} as const satisfies ExtensionSpec;

const clearError = mapErrors('ClearFunctionExtension');
export const clear: FunctionImpl = {
  spec: { ...clearBase, validate: validateWith(clearBase) },
  create: (ctx) => {
    const message = (c: string): string => `First attribute value must be of type java.util.Map, but found '${c}'`;
    return (map) => {
      const m = requireMap(map, clearError, ctx.argTypes[0], message);
      mapClear(m);
      return m;
    };
  },
};

const cloneBase = {
  kind: 'function',
  namespace: 'map',
  name: 'clone',
  description: 'Copies a map (a shallow copy: the keys and values themselves are shared).',
  parameters: [MAP_PARAMETER],
  returns: { type: ['object'], description: 'A new map with the same entries.' },
  examples: [
    { syntax: 'map:clone(stockDetails)', description: 'A copy that later changes to stockDetails leave alone.' },
  ],
} as const satisfies ExtensionSpec;

const cloneError = mapErrors('CloneFunctionExtension');
export const clone: FunctionImpl = {
  spec: { ...cloneBase, validate: validateWith(cloneBase) },
  create: (ctx) => {
    const message = (c: string): string => `First attribute needs be an instance of java.util.Map, but found '${c}'.`;
    return (map) => copyMap(requireMap(map, cloneError, ctx.argTypes[0], message));
  },
};
