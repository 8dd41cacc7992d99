/** The `math:` function library (Siddhi's siddhi-execution-math). */
import type { AggregatorImpl, FunctionImpl, StreamFunctionImpl } from '../../registry/extension-impl.js';
import { getExponent, isInfinite, isNan } from './checks.js';
import { e, pi } from './constants.js';
import { cbrt, exp, ln, log, log10, log2, power, sqrt } from './exp-log.js';
import { parseDouble, parseFloat, parseInt, parseLong } from './parse.js';
import { percentile } from './percentile.js';
import { bin, conv, hex, oct } from './radix.js';
import { rand } from './rand.js';
import { abs, ceil, copySign, floor, max, min, round, signum } from './rounding.js';
import { acos, asin, atan, cos, cosh, sin, sinh, tan, tanh, toDegrees, toRadians } from './trig.js';

export const mathFunctions: readonly (FunctionImpl | AggregatorImpl | StreamFunctionImpl)[] = [
  abs,
  acos,
  asin,
  atan,
  bin,
  cbrt,
  ceil,
  conv,
  copySign,
  cos,
  cosh,
  e,
  exp,
  floor,
  getExponent,
  hex,
  isInfinite,
  isNan,
  ln,
  log,
  log10,
  log2,
  max,
  min,
  oct,
  parseDouble,
  parseFloat,
  parseInt,
  parseLong,
  percentile,
  pi,
  power,
  rand,
  round,
  signum,
  sin,
  sinh,
  sqrt,
  tan,
  tanh,
  toDegrees,
  toRadians,
];
