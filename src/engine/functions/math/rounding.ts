import type { FunctionImpl } from '../../registry/extension-impl.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { javaRoundDouble, javaRoundFloat } from './java-math.js';
import { numericFunction, param } from './numeric.js';

const DOUBLE = { type: ['double'] as const, description: 'The result as a double.' };

export const abs: FunctionImpl = numericFunction({
  name: 'abs',
  javaClass: 'AbsFunctionExtension',
  description: 'Gives the absolute value of a number, as a double.',
  parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:abs(-6)', description: 'Gives 6.0.' }],
  compute: ([x]) => Math.abs(x as number),
});

export const ceil: FunctionImpl = numericFunction({
  name: 'ceil',
  javaClass: 'CeilingFunctionExtension',
  description: 'Gives the smallest whole number not less than the argument, as a double.',
  parameters: [param('p1', ['float', 'double'], 'The number.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:ceil(423.187d)', description: 'Gives 424.0.' }],
  compute: ([x]) => Math.ceil(x as number),
});

export const floor: FunctionImpl = numericFunction({
  name: 'floor',
  javaClass: 'FloorFunctionExtension',
  description: 'Gives the largest whole number not greater than the argument, as a double.',
  parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:floor(1023.42f)', description: 'Gives 1023.0.' }],
  compute: ([x]) => Math.floor(x as number),
});

export const round: FunctionImpl = numericFunction({
  name: 'round',
  javaClass: 'RoundFunctionExtension',
  description:
    'Rounds to the nearest whole number, halves up (Java Math.round): a float gives an int, a double gives a long. NaN gives 0.',
  parameters: [param('p1', ['float', 'double'], 'The number.')],
  returns: { type: ['int', 'long'], description: 'int for a float argument, long for a double.' },
  returnTypeOf: (argTypes) => (argTypes[0] === 'float' ? 'int' : 'long'),
  examples: [{ syntax: 'math:round(3252.353)', description: 'Gives 3252.' }],
  compute: ([x], types) => (types[0] === 'float' ? javaRoundFloat(x as number) : javaRoundDouble(x as number)),
});

export const signum: FunctionImpl = numericFunction({
  name: 'signum',
  javaClass: 'SignFunctionExtension',
  description: 'Gives the sign of a number: 1 when positive, -1 when negative, 0 when zero (or NaN).',
  parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
  returns: { type: ['int'], description: '1, 0 or -1.' },
  examples: [{ syntax: 'math:signum(-6.32d)', description: 'Gives -1.' }],
  compute: ([x]) => {
    const s = Math.sign(x as number);
    return Number.isNaN(s) ? 0 : s + 0;
  },
});

export const copySign: FunctionImpl = numericFunction({
  name: 'copySign',
  javaClass: 'CopySignFunctionExtension',
  description: 'Gives the magnitude of the first argument with the sign of the second, as a double.',
  parameters: [
    param('magnitude', NUMERIC_TYPES, 'Gives the magnitude.'),
    param('sign', NUMERIC_TYPES, 'Gives the sign.'),
  ],
  returns: DOUBLE,
  examples: [{ syntax: 'math:copySign(5.6d, -3.0d)', description: 'Gives -5.6.' }],
  compute: ([m, s]) => {
    const negative = (s as number) < 0 || Object.is(s, -0);
    return negative ? -Math.abs(m as number) : Math.abs(m as number);
  },
});

export const max: FunctionImpl = numericFunction({
  name: 'max',
  javaClass: 'MaxFunctionExtension',
  description: 'Gives the greater of two numbers, as a double (NaN when either is NaN).',
  parameters: [param('p1', NUMERIC_TYPES, 'A number.'), param('p2', NUMERIC_TYPES, 'Another number.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:max(123.67d, 91)', description: 'Gives 123.67.' }],
  compute: ([a, b]) => Math.max(a as number, b as number),
});

export const min: FunctionImpl = numericFunction({
  name: 'min',
  javaClass: 'MinFunctionExtension',
  description: 'Gives the smaller of two numbers, as a double (NaN when either is NaN).',
  parameters: [param('p1', NUMERIC_TYPES, 'A number.'), param('p2', NUMERIC_TYPES, 'Another number.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:min(123.67d, 91)', description: 'Gives 91.0.' }],
  compute: ([a, b]) => Math.min(a as number, b as number),
});
