/** Every built-in window of Siddhi 5.1. */
import { batchWindow } from './batch.js';
import { cronWindow } from './cron.js';
import { delayWindow } from './delay.js';
import { expressionBatchWindow } from './expression-batch.js';
import { expressionWindow } from './expression.js';
import { externalTimeBatchWindow } from './external-time-batch.js';
import { externalTimeWindow } from './external-time.js';
import { frequentWindow } from './frequent.js';
import { lengthBatchWindow } from './length-batch.js';
import { lengthWindow } from './length.js';
import { lossyFrequentWindow } from './lossy-frequent.js';
import { sessionWindow } from './session.js';
import { sortWindow } from './sort.js';
import { timeBatchWindow } from './time-batch.js';
import { timeLengthWindow } from './time-length.js';
import { timeWindow } from './time.js';
import type { WindowImpl } from './window.js';

export type { WindowArg, WindowContext, WindowImpl, WindowProcessor } from './window.js';
export { WindowCreationError } from './common.js';

export const builtinWindows: readonly WindowImpl[] = [
  lengthWindow,
  lengthBatchWindow,
  timeWindow,
  timeBatchWindow,
  timeLengthWindow,
  externalTimeWindow,
  externalTimeBatchWindow,
  sortWindow,
  frequentWindow,
  lossyFrequentWindow,
  sessionWindow,
  delayWindow,
  cronWindow,
  expressionWindow,
  expressionBatchWindow,
  batchWindow,
];
