import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { JavaHashMap } from '../shared/java-hash-map.js';
import { ANY_TYPES } from './map-support.js';

const base = {
  kind: 'function',
  namespace: 'map',
  name: 'create',
  description: 'Makes a new map from key and value pairs given one after the other; no arguments make an empty map.',
  parameters: [
    { name: 'key1', type: ANY_TYPES, optional: true, description: 'The first key (then the second, and so on).' },
    {
      name: 'value1',
      type: ANY_TYPES,
      optional: true,
      repeat: true,
      description: 'The value of the key before it; keys and values alternate.',
    },
  ],
  returns: { type: ['object'], description: 'The new map; a key given twice keeps its last value.' },
  examples: [
    {
      syntax: "map:create(1, 'one', 2, 'two', 3, 'three')",
      description: 'A map of the keys 1, 2 and 3 to "one", "two" and "three".',
    },
    { syntax: 'map:create()', description: 'An empty map.' },
  ],
} as const satisfies ExtensionSpec;

function evenCount(argTypes: readonly unknown[]): string | undefined {
  return argTypes.length % 2 === 1
    ? `Invalid no of arguments passed to map:create() function, required 0 or multiple of 2, but found ${argTypes.length}`
    : undefined;
}

export const create: FunctionImpl = {
  spec: { ...base, validate: validateWith(base, evenCount) },
  create: (ctx) => {
    const types = ctx.argTypes;
    return (...args) => {
      const map = new JavaHashMap();
      for (let i = 0; i + 1 < args.length; i += 2) map.put(args[i] ?? null, args[i + 1] ?? null, types[i]);
      return map;
    };
  },
};
