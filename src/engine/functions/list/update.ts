/**
 * The `list:` functions that change a list: like Siddhi's, they change the list they are given and give it
 * back (every other holder of that list sees the change); `clone` is the one that copies.
 */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { validateWith } from '../shared/overloads.js';
import {
  ANY_TYPES,
  GIVEN_LIST_PARAMETER,
  LIST_PARAMETER,
  addDistinct,
  contains,
  filterInPlace,
  listErrors,
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

const addError = listErrors('AddFunctionExtension');
export const add: FunctionImpl = {
  spec: { ...addBase, validate: validateWith(addBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const atIndex = ctx.argTypes.length === 3;
    return (list, value, index) => {
      const l = requireList(list, addError, type);
      if (!atIndex) {
        l.push(value ?? null);
        return l;
      }
      const i = requireIndex(index, addError, 'add');
      if (i < 0 || i > l.length) outOfBounds(i, l.length, addError);
      l.splice(i, 0, value ?? null);
      return l;
    };
  },
};

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

const addAllError = listErrors('AddAllFunctionExtension');
export const addAll: FunctionImpl = {
  spec: { ...addAllBase, validate: validateWith(addAllBase) },
  create: (ctx) => {
    const [t0, t1] = ctx.argTypes;
    const withFlag = ctx.argTypes.length === 3;
    return (to, from, isDistinct) => {
      const target = requireList(to, addAllError, t0);
      const source = requireList(from, addAllError, t1, notAList('Second'));
      if (withFlag && requireFlag(isDistinct, addAllError, 'addAll')) addDistinct(target, source);
      else for (const v of [...source]) target.push(v);
      return target;
    };
  },
};

const clearBase = {
  kind: 'function',
  namespace: 'list',
  name: 'clear',
  description: 'Removes every element of a list.',
  parameters: [LIST_PARAMETER],
  returns: { type: ['object'], description: 'The same list, now empty.' },
  examples: [{ syntax: 'list:clear(stockSymbols)', description: 'Gives stockSymbols, empty.' }],
} as const satisfies ExtensionSpec;

const clearError = listErrors('ClearFunctionExtension');
export const clear: FunctionImpl = {
  spec: { ...clearBase, validate: validateWith(clearBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const message = (c: string): string => `First attribute value must be of type java.util.List, but found '${c}'`;
    return (list) => {
      const l = requireList(list, clearError, type, message);
      l.length = 0;
      return l;
    };
  },
};

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

const cloneError = listErrors('CloneFunctionExtension');
export const clone: FunctionImpl = {
  spec: { ...cloneBase, validate: validateWith(cloneBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    const message = (c: string): string => `First attribute needs be an instance of java.util.List, but found '${c}'.`;
    return (list) => [...requireList(list, cloneError, type, message)];
  },
};

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

const removeError = listErrors('RemoveFunctionExtension');
export const remove: FunctionImpl = {
  spec: { ...removeBase, validate: validateWith(removeBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (list, value) => {
      const l = requireList(list, removeError, type);
      removeFirst(l, value);
      return l;
    };
  },
};

/** A function changing a list by the elements of another (`removeAll`, `retainAll`). */
function byGivenList(
  name: string,
  javaClass: string,
  description: string,
  example: ExtensionSpec['examples'][number],
  keep: (inGiven: boolean) => boolean,
): FunctionImpl {
  const base = {
    kind: 'function',
    namespace: 'list',
    name,
    description,
    parameters: [LIST_PARAMETER, GIVEN_LIST_PARAMETER],
    returns: CHANGED,
    examples: [example],
  } as const satisfies ExtensionSpec;
  const error = listErrors(javaClass);
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const [t0, t1] = ctx.argTypes;
      return (list, given) => {
        const l = requireList(list, error, t0);
        const g = [...requireList(given, error, t1, notAList('Second'))];
        filterInPlace(l, (v) => keep(contains(g, v)));
        return l;
      };
    },
  };
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

const removeByIndexError = listErrors('RemoveByIndexFunctionExtension');
export const removeByIndex: FunctionImpl = {
  spec: { ...removeByIndexBase, validate: validateWith(removeByIndexBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (list, index) => {
      const l = requireList(list, removeByIndexError, type);
      const i = requireIndex(index, removeByIndexError, 'removeByIndex');
      if (i < 0 || i >= l.length) outOfBounds(i, l.length, removeByIndexError);
      l.splice(i, 1);
      return l;
    };
  },
};

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

const setValueError = listErrors('SetFunctionExtension');
export const setValue: FunctionImpl = {
  spec: { ...setValueBase, validate: validateWith(setValueBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (list, index, value) => {
      const l = requireList(list, setValueError, type);
      const i = requireIndex(index, setValueError, 'setValue');
      if (i < 0 || i >= l.length) outOfBounds(i, l.length, setValueError);
      l[i] = value ?? null;
      return l;
    };
  },
};
