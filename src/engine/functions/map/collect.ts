import type { AggregatorImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { MAP_COLLECTION, collectingState, type CollectionStep } from '../shared/collecting-aggregator.js';
import type { JavaHashMap } from '../shared/java-hash-map.js';
import { validateWith } from '../shared/overloads.js';
import { ANY_TYPES, PRIMITIVE_TYPES } from './map-support.js';

const base = {
  kind: 'aggregator',
  namespace: 'map',
  name: 'collect',
  description:
    'Collects the key and value of each event in the window (or since the last reset) into a map; a later event ' +
    'with the same key replaces the value, and an expired event removes its key.',
  parameters: [
    { name: 'key', type: PRIMITIVE_TYPES, description: 'The key of the entry.' },
    { name: 'value', type: ANY_TYPES, description: 'The value of the entry.' },
  ],
  returns: { type: ['object'], description: 'A new map (a copy) of the entries collected so far; empty when none.' },
  examples: [
    {
      syntax:
        'from StockStream#window.lengthBatch(10)\nselect map:collect(symbol, price) as stockDetails\ninsert into OutputStream;',
      description: 'For each ten events, a map of their symbols to their prices.',
    },
  ],
} as const satisfies ExtensionSpec;

const remove: CollectionStep<JavaHashMap> = (entries, key) => {
  entries.delete(key ?? null);
};

export const collect: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const keyType = ctx.argTypes[0];
    const add: CollectionStep<JavaHashMap> = (entries, key, value) => {
      entries.put(key ?? null, value ?? null, keyType);
    };
    return () => collectingState(MAP_COLLECTION, add, remove);
  },
};
