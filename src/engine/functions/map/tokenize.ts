import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { tokenizeCollections, type TokenizedKind } from '../shared/tokenize-collections.js';
import { mapErrors, unionKeys } from './map-support.js';

const error = mapErrors('TokenizeStreamProcessor');

const base = {
  kind: 'streamFunction',
  namespace: 'map',
  name: 'tokenize',
  description:
    'Sends one event per key of a map, carrying the key and its value; with several maps, one event per key of ' +
    'any of them, carrying the list of their values for it (null where a map lacks the key). An empty map sends nothing.',
  parameters: [{ name: 'map', type: ['object'], repeat: true, description: 'One or more maps.' }],
  appendedAttributes: [
    { name: 'key', type: 'object', description: 'A key.' },
    { name: 'value', type: 'object', description: 'Its value, or with several maps the list of their values.' },
  ],
  examples: [
    {
      syntax:
        'define stream StockStream(symbol string, price float);\n' +
        'from StockStream#window.lengthBatch(2)\n' +
        'select map:collect(symbol, price) as symbolPriceMap\ninsert into TempStream;\n' +
        'from TempStream#map:tokenize(symbolPriceMap)\nselect key, value\ninsert into SymbolStream;',
      description: 'Collects the symbols and prices of each two events into a map, then sends one event per symbol.',
    },
  ],
} as const satisfies ExtensionSpec;

/** HashMaps (not JSON objects, as in Siddhi), by key: the keys of all, in order of first appearance. */
const MAPS: TokenizedKind<Map<unknown, unknown>> = {
  javaType: 'java.util.Map',
  is: (value): value is Map<unknown, unknown> => value instanceof Map,
  positions: unionKeys,
  at: (map, key) => map.get(key) ?? null,
};

export const tokenize: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => tokenizeCollections(MAPS, ctx.argTypes, error),
};
