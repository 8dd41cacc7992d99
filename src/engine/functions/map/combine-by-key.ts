import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { validateWith } from '../shared/overloads.js';
import { mapErrors, requireHashMaps, unionKeySet } from './map-support.js';

const error = mapErrors('CombineByKeyFunctionExtension');

const base = {
  kind: 'function',
  namespace: 'map',
  name: 'combineByKey',
  description:
    'Combines two or more maps by key: each key of any of them maps to the list of the values the maps have for ' +
    'it, in argument order, null where a map lacks the key.',
  parameters: [
    { name: 'map', type: ['object'], description: 'The first map.' },
    { name: 'maps', type: ['object'], repeat: true, description: 'One or more further maps.' },
  ],
  returns: { type: ['object'], description: 'A new map of each key to a list of values.' },
  examples: [
    {
      syntax: 'map:combineByKey(map1, map2)',
      description: 'For {"a": 1, "b": 2} and {"b": 3, "c": 4} gives {"a": [1, null], "b": [2, 3], "c": [null, 4]}.',
    },
  ],
} as const satisfies ExtensionSpec;

export const combineByKey: FunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const types = ctx.argTypes;
    return (...args) => {
      const maps = requireHashMaps(args, types, error);
      return new JavaHashMap().putKeysOf(unionKeySet(maps), (key) => maps.map((m) => m.get(key) ?? null));
    };
  },
};
