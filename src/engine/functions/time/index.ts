/** The `time:` function library (Siddhi's siddhi-execution-time). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { currentDate, currentTime, currentTimestamp, utcTimestamp } from './current.js';
import { dateAdd, dateSub } from './date-add-sub.js';
import { dateDiff } from './date-diff.js';
import { dateFormat } from './date-format.js';
import { date } from './date.js';
import { dayOfWeek } from './day-of-week.js';
import { extract } from './extract.js';
import { timestampInMilliseconds } from './timestamp-in-milliseconds.js';
import { timezoneConvert } from './timezone-convert.js';

export const timeFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  currentDate,
  currentTime,
  currentTimestamp,
  date,
  dateAdd,
  dateDiff,
  dateFormat,
  dateSub,
  dayOfWeek,
  extract,
  timestampInMilliseconds,
  timezoneConvert,
  utcTimestamp,
];
