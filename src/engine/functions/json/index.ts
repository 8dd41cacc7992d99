/** The `json:` function library (Siddhi's siddhi-execution-json). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { toObject, toString } from './convert.js';
import { getBool, getDouble, getFloat, getInt, getLong, getObject, getString, isExists } from './get.js';
import { group, groupAsObject } from './group.js';
import { setElement } from './set-element.js';
import { tokenize, tokenizeAsObject } from './tokenize.js';

export const jsonFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  getBool,
  getDouble,
  getFloat,
  getInt,
  getLong,
  getObject,
  getString,
  group,
  groupAsObject,
  isExists,
  setElement,
  toObject,
  toString,
  tokenize,
  tokenizeAsObject,
];
