/**
 * The `list:` functions that change a list: like Siddhi's, they change the list they are given and give it
 * back (every other holder of that list sees the change); `clone` is the one that copies.
 */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ANY_TYPES,
  GIVEN_LIST_PARAMETER,
  LIST_PARAMETER,
  addDistinct,
  contains,
  filterInPlace,
  givenListFunction,
  listFunction,
  listSpec,
  type ErrorMaker,
  notAList,
  outOfBounds,
  removeFirst,
  requireFlag,
  requireIndex,
  requireList,
} from './list-support.js';

const CHANGED = { type: ['object'], description: 'The same list, changed.' } as const;

const addBase = {
  kind: 'function',
  namespace: 'list',
  name: 'add',
  description: 'Adds a value to a list: at the end, or at an index (the elements from there move up by one).',
  parameters: [
    LIST_PARAMETER,
    { name: 'value', type: ANY_TYPES, description: 'The value to add.' },
    {
      name: 'index',
      type: ['int'],
      optional: true,
      defaultValue: 'last',
      description: 'Where to add it, from 0 to the size of the list; another index is a runtime error.',
    },
  ],
  returns: CHANGED,
  examples: [
    { syntax: "list:add(stockSymbols, 'IBM')", description: 'Gives stockSymbols with "IBM" added at the end.' },
    { syntax: "list:add(stockSymbols, 'IBM', 0)", description: 'Gives stockSymbols with "IBM" added first.' },
  ],
} as const satisfies ExtensionSpec;

export const add = listFunction(addBase, 'AddFunctionExtension', (error, ctx) => {
  const atIndex = ctx.argTypes.length === 3;
  return (l, value, index) => {
    if (!atIndex) {
      l.push(value ?? null);
      return l;
    }
    const i = requireIndex(index, error, 'add');
    if (i < 0 || i > l.length) outOfBounds(i, l.length, error);
    l.splice(i, 0, value ?? null);
    return l;
  };
});

const addAllBase = {
  kind: 'function',
  namespace: 'list',
  name: 'addAll',
  description:
    'Adds every element of one list to the end of another; with is.distinct true, only elements the list does ' +
    'not hold yet (those it held before stay as they were).',
  parameters: [
    { name: 'to.list', type: ['object'], description: 'The list to add to.' },
    { name: 'from.list', type: ['object'], description: 'The list whose elements are added.' },
    {
      name: 'is.distinct',
      type: ['bool'],
      optional: true,
      defaultValue: 'false',
      description: 'true to skip elements equal to one already in to.list (or added before from from.list).',
    },
  ],
  returns: CHANGED,
  examples: [
    {
      syntax: 'list:addAll(toList, fromList)',
      description: 'With ["IBM", "WSO2"] and ["IBM", "XYZ"] gives ["IBM", "WSO2", "IBM", "XYZ"].',
    },
    {
      syntax: 'list:addAll(toList, fromList, true)',
      description: 'With ["IBM", "WSO2"] and ["IBM", "XYZ"] gives ["IBM", "WSO2", "XYZ"].',
    },
  ],
} as const satisfies ExtensionSpec;

export const addAll = listFunction(addAllBase, 'AddAllFunctionExtension', (error, ctx) => {
  const t1 = ctx.argTypes[1];
  const withFlag = ctx.argTypes.length === 3;
  return (target, from, isDistinct) => {
    const source = requireList(from, error, t1, notAList('Second'));
    if (withFlag && requireFlag(isDistinct, error, 'addAll')) addDistinct(target, source);
    else for (const v of [...source]) target.push(v);
    return target;
  };
});

const clearBase = {
  kind: 'function',
  namespace: 'list',
  name: 'clear',
  description: 'Removes every element of a list.',
  parameters: [LIST_PARAMETER],
  returns: { type: ['object'], description: 'The same list, now empty.' },
  examples: [{ syntax: 'list:clear(stockSymbols)', description: 'Gives stockSymbols, empty.' }],
} as const satisfies ExtensionSpec;

export const clear = listFunction(
  clearBase,
  'ClearFunctionExtension',
  () => (l) => {
    l.length = 0;
    return l;
  },
  (c) => `First attribute value must be of type java.util.List, but found '${c}'`,
);

const cloneBase = {
  kind: 'function',
  namespace: 'list',
  name: 'clone',
  description: 'Copies a list (a shallow copy: the elements themselves are shared).',
  parameters: [LIST_PARAMETER],
  returns: { type: ['object'], description: 'A new list with the same elements in the same order.' },
  examples: [
    { syntax: 'list:clone(stockSymbols)', description: 'A copy that later changes to stockSymbols leave alone.' },
  ],
} as const satisfies ExtensionSpec;

export const clone = listFunction(
  cloneBase,
  'CloneFunctionExtension',
  () => (l) => [...l],
  (c) => `First attribute needs be an instance of java.util.List, but found '${c}'.`,
);

const removeBase = {
  kind: 'function',
  namespace: 'list',
  name: 'remove',
  description: 'Removes the first element of a list equal to a value; a list without it is left as it is.',
  parameters: [LIST_PARAMETER, { name: 'value', type: ANY_TYPES, description: 'The value to remove.' }],
  returns: CHANGED,
  examples: [
    { syntax: "list:remove(stockSymbols, 'IBM')", description: 'With ["IBM", "WSO2", "IBM"] gives ["WSO2", "IBM"].' },
  ],
} as const satisfies ExtensionSpec;

export const remove = listFunction(removeBase, 'RemoveFunctionExtension', () => (l, value) => {
  removeFirst(l, value);
  return l;
});

/** A function changing a list by the elements of another (`removeAll`, `retainAll`). */
function byGivenList(
  name: string,
  javaClass: string,
  description: string,
  example: ExtensionSpec['examples'][number],
  keep: (inGiven: boolean) => boolean,
): FunctionImpl {
  const base = listSpec(name, description, [LIST_PARAMETER, GIVEN_LIST_PARAMETER], CHANGED, example);
  return givenListFunction(base, javaClass, (l, given) => {
    const g = [...given];
    filterInPlace(l, (v) => keep(contains(g, v)));
    return l;
  });
}

export const removeAll = byGivenList(
  'removeAll',
  'RemoveAllFunctionExtension',
  'Removes from a list every element (each occurrence) that another list holds.',
  {
    syntax: 'list:removeAll(stockSymbols, latestStockSymbols)',
    description: 'With ["IBM", "WSO2", "IBM"] and ["IBM"] gives ["WSO2"].',
  },
  (inGiven) => !inGiven,
);

export const retainAll = byGivenList(
  'retainAll',
  'RetainAllFunctionExtension',
  'Keeps in a list only the elements (each occurrence) that another list holds.',
  {
    syntax: 'list:retainAll(stockSymbols, latestStockSymbols)',
    description: 'With ["IBM", "WSO2", "IBM"] and ["IBM", "XYZ"] gives ["IBM", "IBM"].',
  },
  (inGiven) => inGiven,
);

const INDEX = {
  name: 'index',
  type: ['int'],
  description: 'The index, from 0 to the size of the list less one.',
} as const;

const removeByIndexBase = {
  kind: 'function',
  namespace: 'list',
  name: 'removeByIndex',
  description: 'Removes the element of a list at an index (the elements after it move down by one).',
  parameters: [LIST_PARAMETER, INDEX],
  returns: CHANGED,
  examples: [{ syntax: 'list:removeByIndex(stockSymbols, 0)', description: 'With ["IBM", "WSO2"] gives ["WSO2"].' }],
} as const satisfies ExtensionSpec;

/** The index argument of `removeByIndex` and `setValue`, checked against the list's bounds. */
function indexInList(l: readonly unknown[], index: unknown, error: ErrorMaker, fn: string): number {
  const i = requireIndex(index, error, fn);
  if (i < 0 || i >= l.length) outOfBounds(i, l.length, error);
  return i;
}

export const removeByIndex = listFunction(
  removeByIndexBase,
  'RemoveByIndexFunctionExtension',
  (error) => (l, index) => {
    l.splice(indexInList(l, index, error, 'removeByIndex'), 1);
    return l;
  },
);

const setValueBase = {
  kind: 'function',
  namespace: 'list',
  name: 'setValue',
  description: 'Replaces the element of a list at an index with a value.',
  parameters: [LIST_PARAMETER, INDEX, { name: 'value', type: ANY_TYPES, description: 'The new value.' }],
  returns: CHANGED,
  examples: [
    { syntax: "list:setValue(stockSymbols, 0, 'IBM')", description: 'With ["WSO2", "XYZ"] gives ["IBM", "XYZ"].' },
  ],
} as const satisfies ExtensionSpec;

export const setValue = listFunction(setValueBase, 'SetFunctionExtension', (error) => (l, index, value) => {
  l[indexInList(l, index, error, 'setValue')] = value ?? null;
  return l;
});
