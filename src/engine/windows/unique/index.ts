/** The `unique:` windows and stream processor (Siddhi's siddhi-execution-unique). */
import type { StreamFunctionImpl } from '../../registry/extension-impl.js';
import type { WindowImpl } from '../window.js';
import { uniqueDeduplicate } from './deduplicate.js';
import { uniqueEverWindow } from './ever.js';
import { uniqueExternalTimeBatchWindow } from './external-time-batch.js';
import { uniqueFirstWindow } from './first.js';
import { uniqueFirstLengthBatchWindow, uniqueLengthBatchWindow } from './length-batch.js';
import { uniqueLengthWindow } from './length.js';
import { uniqueTimeLengthBatchWindow } from './time-length-batch.js';
import { uniqueFirstTimeBatchWindow, uniqueTimeBatchWindow } from './time-batch.js';
import { uniqueTimeWindow } from './time.js';

export const uniqueWindows: readonly (WindowImpl | StreamFunctionImpl)[] = [
  uniqueEverWindow,
  uniqueExternalTimeBatchWindow,
  uniqueFirstWindow,
  uniqueFirstLengthBatchWindow,
  uniqueFirstTimeBatchWindow,
  uniqueLengthWindow,
  uniqueLengthBatchWindow,
  uniqueTimeWindow,
  uniqueTimeBatchWindow,
  uniqueTimeLengthBatchWindow,
  uniqueDeduplicate,
];
