/** The `map:` function library (Siddhi's siddhi-execution-map). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { containsKey, containsValue, get, isEmpty, isMap, keys, size, values } from './access.js';
import { collect } from './collect.js';
import { combineByKey } from './combine-by-key.js';
import { create } from './create.js';
import { createFromJSON, toJSON } from './json.js';
import { merge } from './merge.js';
import { tokenize } from './tokenize.js';
import { clear, clone, put, putAll, putIfAbsent, remove, replace, replaceAll } from './update.js';
import { createFromXML, toXML } from './xml.js';

export const mapFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  clear,
  clone,
  collect,
  combineByKey,
  containsKey,
  containsValue,
  create,
  createFromJSON,
  createFromXML,
  get,
  isEmpty,
  isMap,
  keys,
  merge,
  put,
  putAll,
  putIfAbsent,
  remove,
  replace,
  replaceAll,
  size,
  toJSON,
  toXML,
  tokenize,
  values,
];
