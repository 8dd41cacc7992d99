import type { FunctionImpl } from '../../registry/extension-impl.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { javaGetExponent } from './java-math.js';
import { numericFunction, param } from './numeric.js';

export const isInfinite: FunctionImpl = numericFunction({
  name: 'isInfinite',
  javaClass: 'IsInfiniteFunctionExtension',
  description: 'Tells whether a float or double is positive or negative infinity. Null gives false.',
  parameters: [param('p1', ['float', 'double'], 'The number.')],
  returns: { type: ['bool'], description: 'true for an infinite value.' },
  examples: [{ syntax: 'math:isInfinite(10d / 0)', description: 'Gives true.' }],
  compute: ([x]) => x === Infinity || x === -Infinity,
  onNull: false,
});

export const isNan: FunctionImpl = numericFunction({
  name: 'isNan',
  javaClass: 'IsNanFunctionExtension',
  description: 'Tells whether a float or double is NaN (not a number). Null gives false.',
  parameters: [param('p1', ['float', 'double'], 'The number.')],
  returns: { type: ['bool'], description: 'true for NaN.' },
  examples: [{ syntax: 'math:isNan(0d / 0)', description: 'Gives true.' }],
  compute: ([x]) => Number.isNaN(x),
  onNull: false,
});

export const getExponent: FunctionImpl = numericFunction({
  name: 'getExponent',
  javaClass: 'GetExponentFunctionExtension',
  description: 'Gives the unbiased binary exponent of the double value of a number (Java Math.getExponent).',
  parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
  returns: { type: ['int'], description: 'The exponent.' },
  examples: [{ syntax: 'math:getExponent(60984.1)', description: 'Gives 15.' }],
  compute: ([x]) => javaGetExponent(x as number),
});
