import type { AggregatorImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { MAP_COLLECTION, collectingState, type CollectionStep } from '../shared/collecting-aggregator.js';
import type { JavaHashMap } from '../shared/java-hash-map.js';
import { validateWith } from '../shared/overloads.js';
import { mapEntries, mapErrors, requireMap } from './map-support.js';
import { MAP_PARAMETER } from './spec-parts.js';

const error = mapErrors('MergeAggregateFunction');

const base = {
  kind: 'aggregator',
  namespace: 'map',
  name: 'merge',
  description:
    'Merges the maps of the events in the window (or since the last reset) into one map; a later map replaces ' +
    'the values of keys seen before, and an expired map removes all its keys.',
  parameters: [MAP_PARAMETER],
  returns: { type: ['object'], description: 'A new map (a copy) of the merged entries; empty when none.' },
  examples: [
    {
      syntax:
        'from StockStream#window.lengthBatch(2)\nselect map:merge(map) as stockDetails\ninsert into OutputStream;',
      description: 'For {"IBM": 200} and {"WSO2": 100} in one batch gives {"IBM": 200, "WSO2": 100}.',
    },
  ],
} as const satisfies ExtensionSpec;

export const merge: AggregatorImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const add: CollectionStep<JavaHashMap> = (entries, map) => {
      entries.putAll(requireMap(map, error, type));
    };
    const remove: CollectionStep<JavaHashMap> = (entries, map) => {
      for (const [k] of mapEntries(requireMap(map, error, type))) entries.delete(k);
    };
    return () => collectingState(MAP_COLLECTION, add, remove);
  },
};
