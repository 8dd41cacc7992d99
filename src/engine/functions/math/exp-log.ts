import type { FunctionImpl } from '../../registry/extension-impl.js';
import { errorsFor } from '../shared/errors.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { javaCbrt } from './java-math.js';
import { MATH_PACKAGE, numericFunction, param } from './numeric.js';

const DOUBLE = { type: ['double'] as const, description: 'The result as a double.' };

function unary(
  name: string,
  javaClass: string,
  what: string,
  op: (x: number) => number,
  example: string,
): FunctionImpl {
  return numericFunction({
    name,
    javaClass,
    description: `Gives the ${what}.`,
    parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
    returns: DOUBLE,
    examples: [
      {
        syntax: `math:${name}(${example.split(' ')[0]})`,
        description: `Gives ${example.split(' ').slice(1).join(' ')}.`,
      },
    ],
    compute: ([x]) => op(x as number),
  });
}

export const exp = unary(
  'exp',
  'ExponentFunctionExtension',
  "value of Euler's number e raised to the power of the argument",
  Math.exp,
  '10 22026.465794806718',
);
export const ln = unary(
  'ln',
  'LnFunctionExtension',
  'natural (base e) logarithm of a number',
  Math.log,
  '11.453 2.438251704415579',
);
export const log10 = unary(
  'log10',
  'Log10FunctionExtension',
  'base 10 logarithm of a number',
  Math.log10,
  '19.234 1.2840696117100832',
);
export const log2 = unary(
  'log2',
  'Log2FunctionExtension',
  'base 2 logarithm of a number (ln(x) / ln(2))',
  (x) => Math.log(x) / Math.log(2),
  '91d 6.507794640198696',
);
export const sqrt = unary(
  'sqrt',
  'SquareRootFunctionExtension',
  'positive square root of a number',
  Math.sqrt,
  '4d 2.0',
);
export const cbrt = unary(
  'cbrt',
  'CubeRootFunctionExtension',
  'cube root of a number',
  javaCbrt,
  '17d 2.5712815906582356',
);

const logError = errorsFor(`${MATH_PACKAGE}.LogFunctionExtension`);

export const log: FunctionImpl = numericFunction({
  name: 'log',
  javaClass: 'LogFunctionExtension',
  description: 'Gives the logarithm of a number in a base (ln(number) / ln(base)). A base of 1 is an error.',
  parameters: [param('number', NUMERIC_TYPES, 'The number.'), param('base', NUMERIC_TYPES, 'The base.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:log(34, 2f)', description: 'Gives 5.08746284125034.' }],
  compute: ([number, base]) => {
    if (base === 1) throw logError('The base argument supplied to the math:log() function is equal to zero');
    return Math.log(number as number) / Math.log(base as number);
  },
});

export const power: FunctionImpl = numericFunction({
  name: 'power',
  javaClass: 'PowerFunctionExtension',
  description: 'Raises a number to a power, as Java Math.pow.',
  parameters: [param('value', NUMERIC_TYPES, 'The base.'), param('to.power', NUMERIC_TYPES, 'The exponent.')],
  returns: DOUBLE,
  examples: [{ syntax: 'math:power(5.6d, 3.0d)', description: 'Gives 175.61599999999996.' }],
  compute: ([a, b]) => Math.pow(a as number, b as number),
});
