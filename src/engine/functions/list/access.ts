/** The `list:` functions that read a list without changing it. */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import {
  ANY_TYPES,
  GIVEN_LIST_PARAMETER,
  LIST_PARAMETER,
  contains as listContains,
  indexOf as listIndexOf,
  lastIndexOf as listLastIndexOf,
  givenListFunction,
  listFunction,
  listSpec,
  requireIndex,
} from './list-support.js';

const VALUE = { name: 'value', type: ANY_TYPES, description: 'The value to look for.' } as const;

const getBase = {
  kind: 'function',
  namespace: 'list',
  name: 'get',
  description: 'Gives the element of a list at an index (counted from 0), or null when the index is out of range.',
  parameters: [LIST_PARAMETER, { name: 'index', type: ['int'], description: 'The index of the element.' }],
  returns: { type: ['object'], description: 'The element, or null.' },
  examples: [
    { syntax: 'list:get(stockSymbols, 1)', description: 'With ["IBM", "WSO2"] gives "WSO2"; with ["IBM"] gives null.' },
  ],
} as const satisfies ExtensionSpec;

export const get = listFunction(getBase, 'GetFunctionExtension', (error) => (l, index) => {
  const i = requireIndex(index, error, 'get');
  return i >= 0 && i < l.length ? (l[i] ?? null) : null;
});

const containsBase = {
  kind: 'function',
  namespace: 'list',
  name: 'contains',
  description: "Tells whether a list holds a value (Java's `equals`: numbers by value, lists and maps by content).",
  parameters: [LIST_PARAMETER, VALUE],
  returns: { type: ['bool'], description: 'true when some element equals the value.' },
  examples: [{ syntax: "list:contains(stockSymbols, 'IBM')", description: 'true when "IBM" is in stockSymbols.' }],
} as const satisfies ExtensionSpec;

export const contains = listFunction(containsBase, 'ContainsFunctionExtension', () => listContains);

/** A bool function of two lists (`containsAll`, `containsAny`). */
function twoListTest(
  name: string,
  javaClass: string,
  description: string,
  returns: string,
  example: ExtensionSpec['examples'][number],
  test: (list: readonly unknown[], given: readonly unknown[]) => boolean,
): FunctionImpl {
  const base = listSpec(
    name,
    description,
    [LIST_PARAMETER, GIVEN_LIST_PARAMETER],
    { type: ['bool'], description: returns },
    example,
  );
  return givenListFunction(base, javaClass, test);
}

export const containsAll = twoListTest(
  'containsAll',
  'ContainsAllFunctionExtension',
  'Tells whether a list holds every element of another list.',
  'true when each element of the given list is in the list (an empty given list gives true).',
  {
    syntax: 'list:containsAll(stockSymbols, latestStockSymbols)',
    description: 'true when every symbol of latestStockSymbols is in stockSymbols.',
  },
  (list, given) => given.every((v) => listContains(list, v)),
);

export const containsAny = twoListTest(
  'containsAny',
  'ContainsAnyFunctionExtension',
  'Tells whether two lists have an element in common.',
  'true when some element is in both lists (an empty list gives false).',
  {
    syntax: 'list:containsAny(stockSymbols, latestStockSymbols)',
    description: 'true when some symbol of latestStockSymbols is in stockSymbols.',
  },
  (list, given) => given.some((v) => listContains(list, v)),
);

/** An int function of a list and a value (`indexOf`, `lastIndexOf`). */
function position(
  name: string,
  javaClass: string,
  description: string,
  example: ExtensionSpec['examples'][number],
  find: (list: readonly unknown[], value: unknown) => number,
): FunctionImpl {
  const base = listSpec(
    name,
    description,
    [LIST_PARAMETER, VALUE],
    { type: ['int'], description: 'The index (from 0), or -1 when the value is not in the list.' },
    example,
  );
  return listFunction(base, javaClass, () => find);
}

export const indexOf = position(
  'indexOf',
  'IndexOfFunctionExtension',
  'Gives the index of the first element of a list equal to a value.',
  { syntax: "list:indexOf(stockSymbols, 'IBM')", description: 'With ["IBM", "WSO2", "IBM"] gives 0.' },
  listIndexOf,
);

export const lastIndexOf = position(
  'lastIndexOf',
  'LastIndexOfFunctionExtension',
  'Gives the index of the last element of a list equal to a value.',
  { syntax: "list:lastIndexOf(stockSymbols, 'IBM')", description: 'With ["IBM", "WSO2", "IBM"] gives 2.' },
  listLastIndexOf,
);

const isEmptyBase = {
  kind: 'function',
  namespace: 'list',
  name: 'isEmpty',
  description: 'Tells whether a list has no elements.',
  parameters: [LIST_PARAMETER],
  returns: { type: ['bool'], description: 'true when the list is empty.' },
  examples: [{ syntax: 'list:isEmpty(stockSymbols)', description: 'true when stockSymbols has no elements.' }],
} as const satisfies ExtensionSpec;

export const isEmpty = listFunction(isEmptyBase, 'IsEmptyFunctionExtension', () => (l) => l.length === 0);

const isListBase = {
  kind: 'function',
  namespace: 'list',
  name: 'isList',
  description: 'Tells whether a value is a list (a `java.util.List`, a JSON array included).',
  parameters: [{ name: 'arg', type: ANY_TYPES, description: 'The value to test.' }],
  returns: { type: ['bool'], description: 'true for a list; false for anything else, null included.' },
  examples: [{ syntax: 'list:isList(stockSymbols)', description: 'true when stockSymbols holds a list.' }],
} as const satisfies ExtensionSpec;

export const isList: FunctionImpl = {
  spec: { ...isListBase, validate: validateWith(isListBase) },
  create: () => (arg) => Array.isArray(arg),
};

const sizeBase = {
  kind: 'function',
  namespace: 'list',
  name: 'size',
  description: 'Gives the number of elements of a list.',
  parameters: [LIST_PARAMETER],
  returns: { type: ['int'], description: 'The number of elements.' },
  examples: [{ syntax: 'list:size(stockSymbols)', description: 'With ["IBM", "WSO2"] gives 2.' }],
} as const satisfies ExtensionSpec;

export const size = listFunction(sizeBase, 'SizeFunctionExtension', () => (l) => l.length);
