/** The core (namespace '') scalar functions of Siddhi 5.1. */
import type { FunctionImpl } from '../../registry/extension-impl.js';
import { castFunction } from './cast.js';
import { coalesceFunction } from './coalesce.js';
import { convertFunction } from './convert.js';
import { currentTimeMillisFunction } from './current-time-millis.js';
import { defaultFunction } from './default.js';
import { eventTimestampFunction } from './event-timestamp.js';
import { maximumFunction, minimumFunction } from './extremum.js';
import { ifThenElseFunction } from './if-then-else.js';
import {
  instanceOfBooleanFunction,
  instanceOfDoubleFunction,
  instanceOfFloatFunction,
  instanceOfIntegerFunction,
  instanceOfLongFunction,
  instanceOfStringFunction,
} from './instance-of.js';
import { createSetFunction, sizeOfSetFunction } from './sets.js';
import { uuidFunction } from './uuid.js';

export const coreFunctions: readonly FunctionImpl[] = [
  castFunction,
  convertFunction,
  coalesceFunction,
  defaultFunction,
  ifThenElseFunction,
  instanceOfBooleanFunction,
  instanceOfDoubleFunction,
  instanceOfFloatFunction,
  instanceOfIntegerFunction,
  instanceOfLongFunction,
  instanceOfStringFunction,
  maximumFunction,
  minimumFunction,
  uuidFunction,
  currentTimeMillisFunction,
  createSetFunction,
  sizeOfSetFunction,
  eventTimestampFunction,
];

export {
  castFunction,
  coalesceFunction,
  convertFunction,
  createSetFunction,
  currentTimeMillisFunction,
  defaultFunction,
  eventTimestampFunction,
  ifThenElseFunction,
  instanceOfBooleanFunction,
  instanceOfDoubleFunction,
  instanceOfFloatFunction,
  instanceOfIntegerFunction,
  instanceOfLongFunction,
  instanceOfStringFunction,
  maximumFunction,
  minimumFunction,
  sizeOfSetFunction,
  uuidFunction,
};
export { converter } from './convert.js';
export { coreStreamFunctions, setStreamLogSink } from './stream/index.js';
