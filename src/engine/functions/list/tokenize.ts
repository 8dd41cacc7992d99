import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import { tokenizeCollections, type TokenizedKind } from '../shared/tokenize-collections.js';
import { listErrors } from './list-support.js';

const error = listErrors('TokenizeStreamProcessor');

const base = {
  kind: 'streamFunction',
  namespace: 'list',
  name: 'tokenize',
  description:
    'Sends one event per element of a list, carrying its index and the element; with several lists, one event ' +
    'per index of the longest, carrying the list of their elements at that index (null where a list is shorter). ' +
    'An empty list sends nothing.',
  parameters: [{ name: 'list', type: ['object'], repeat: true, description: 'One or more lists.' }],
  appendedAttributes: [
    { name: 'index', type: 'int', description: 'The index, from 0.' },
    { name: 'value', type: 'object', description: 'The element, or with several lists the list of their elements.' },
  ],
  examples: [
    {
      syntax: 'from StockStream#list:tokenize(symbols)\nselect index, value\ninsert into SymbolStream;',
      description: 'With ["WSO2", "IBM", "XYZ"] sends three events: (0, "WSO2"), (1, "IBM") and (2, "XYZ").',
    },
  ],
} as const satisfies ExtensionSpec;

/** Lists, by index: up to the length of the longest. */
const LISTS: TokenizedKind<unknown[]> = {
  javaType: 'java.util.List',
  is: Array.isArray,
  *positions(lists) {
    const longest = Math.max(0, ...lists.map((l) => l.length));
    for (let i = 0; i < longest; i++) yield i;
  },
  at: (list, index) => list[index as number] ?? null,
};

export const tokenize: StreamFunctionImpl = {
  spec: { ...base, validate: validateWith(base) },
  create: (ctx) => tokenizeCollections(LISTS, ctx.argTypes, error),
};
