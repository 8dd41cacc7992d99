/** The core (namespace '') stream functions of Siddhi 5.1: `#log` and `#pol2Cart`. */
import type { StreamFunctionImpl } from '../../../registry/extension-impl.js';
import { logStreamFunction } from './log.js';
import { pol2CartStreamFunction } from './pol2cart.js';

export const coreStreamFunctions: readonly StreamFunctionImpl[] = [logStreamFunction, pol2CartStreamFunction];

export { logStreamFunction, pol2CartStreamFunction };
export { setStreamLogSink, type StreamLogLevel, type StreamLogSink } from './log-sink.js';
