import type { FunctionImpl } from '../../registry/extension-impl.js';
import { javaCos, javaSin } from '../shared/java-trig.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { numericFunction, param } from './numeric.js';

const DOUBLE = { type: ['double'] as const, description: 'The result as a double.' };
const FLOAT_OR_DOUBLE = ['float', 'double'] as const;

function unary(
  name: string,
  javaClass: string,
  what: string,
  op: (x: number) => number,
  types: readonly ('int' | 'long' | 'float' | 'double')[] = NUMERIC_TYPES as readonly (
    'int' | 'long' | 'float' | 'double'
  )[],
): FunctionImpl {
  return numericFunction({
    name,
    javaClass,
    description: `Gives the ${what} of a number, as Java's Math.${name === 'toDegrees' || name === 'toRadians' ? name : name} does.`,
    parameters: [param('p1', types, 'The number.')],
    returns: DOUBLE,
    examples: [{ syntax: `math:${name}(6d)`, description: `Gives the ${what} of 6.0.` }],
    compute: ([x]) => op(x as number),
  });
}

// Java's Math.sin and Math.cos round differently from V8's for about 3% of arguments (java-trig.ts).
export const sin = unary('sin', 'SinFunctionExtension', 'sine (argument in radians)', javaSin);
export const cos = unary('cos', 'CosFunctionExtension', 'cosine (argument in radians)', javaCos);
export const tan = unary('tan', 'TanFunctionExtension', 'tangent (argument in radians)', Math.tan);
export const asin = unary('asin', 'AsinFunctionExtension', 'arc sine, in radians', Math.asin, FLOAT_OR_DOUBLE);
export const acos = unary('acos', 'AcosFunctionExtension', 'arc cosine, in radians', Math.acos, FLOAT_OR_DOUBLE);
export const sinh = unary('sinh', 'SinhFunctionExtension', 'hyperbolic sine', Math.sinh);
export const cosh = unary('cosh', 'CoshFunctionExtension', 'hyperbolic cosine', Math.cosh);
export const tanh = unary('tanh', 'TanhFunctionExtension', 'hyperbolic tangent', Math.tanh);
export const toDegrees = unary(
  'toDegrees',
  'ToDegreesFunctionExtension',
  'angle in degrees of an angle in radians',
  (x) => x * (180 / Math.PI),
);
export const toRadians = unary(
  'toRadians',
  'ToRadiansFunctionExtension',
  'angle in radians of an angle in degrees',
  (x) => x * (Math.PI / 180),
);

export const atan: FunctionImpl = numericFunction({
  name: 'atan',
  javaClass: 'AtanFunctionExtension',
  description:
    'With one argument, gives its arc tangent in radians; with two (y, x), gives the angle of the point (x, y), as Java Math.atan2.',
  parameters: [
    param('p1', NUMERIC_TYPES, 'The number, or y.'),
    param('p2', NUMERIC_TYPES, 'x, for the two-argument form.'),
  ],
  signatures: [['p1'], ['p1', 'p2']],
  returns: DOUBLE,
  examples: [
    { syntax: 'math:atan(6d)', description: 'Gives 1.4056476493802699.' },
    { syntax: 'math:atan(12d, 5d)', description: 'Gives 1.1760052070951352.' },
  ],
  compute: (args) =>
    args.length === 2 ? Math.atan2(args[0] as number, args[1] as number) : Math.atan(args[0] as number),
});
