/** The `list:` function library (Siddhi's siddhi-execution-list). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { contains, containsAll, containsAny, get, indexOf, isEmpty, isList, lastIndexOf, size } from './access.js';
import { collect } from './collect.js';
import { create } from './create.js';
import { merge } from './merge.js';
import { sort } from './sort.js';
import { tokenize } from './tokenize.js';
import { add, addAll, clear, clone, remove, removeAll, removeByIndex, retainAll, setValue } from './update.js';

export const listFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  add,
  addAll,
  clear,
  clone,
  collect,
  contains,
  containsAll,
  containsAny,
  create,
  get,
  indexOf,
  isEmpty,
  isList,
  lastIndexOf,
  merge,
  remove,
  removeAll,
  removeByIndex,
  retainAll,
  setValue,
  size,
  sort,
  tokenize,
];
