/** The `str:` function library (Siddhi's siddhi-execution-string). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { lower, upper } from './case.js';
import { charAt } from './char-at.js';
import { charFrequency } from './char-frequency.js';
import { coalesce } from './coalesce.js';
import { concat } from './concat.js';
import { contains } from './contains.js';
import { equalsIgnoreCase } from './equals-ignore-case.js';
import { fillTemplate } from './fill-template.js';
import { groupConcat } from './group-concat.js';
import { hex, unhex } from './hex.js';
import { length } from './length.js';
import { locate } from './locate.js';
import { regexp } from './regexp.js';
import { repeat } from './repeat.js';
import { replaceAll, replaceFirst } from './replace.js';
import { reverse } from './reverse.js';
import { split } from './split.js';
import { strcmp } from './strcmp.js';
import { substr } from './substr.js';
import { tokenize } from './tokenize.js';
import { trim } from './trim.js';

export const strFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  charAt,
  charFrequency,
  coalesce,
  concat,
  contains,
  equalsIgnoreCase,
  fillTemplate,
  groupConcat,
  hex,
  length,
  locate,
  lower,
  regexp,
  repeat,
  replaceAll,
  replaceFirst,
  reverse,
  split,
  strcmp,
  substr,
  tokenize,
  trim,
  unhex,
  upper,
];
