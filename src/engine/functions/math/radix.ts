import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';
import { NUMERIC_TYPES } from '../shared/types.js';
import { javaDoubleToHexString, javaFloatToHexString, javaUnsignedText } from './java-math.js';
import { MATH_PACKAGE, param } from './numeric.js';

function integerText(name: 'bin' | 'oct', radix: 2 | 8, what: string, example: string): FunctionImpl {
  const base = {
    kind: 'function',
    namespace: 'math',
    name,
    description: `Writes an int or long in ${what}; a negative number is written as its two's complement (32 bits for an int, 64 for a long), as Java does.`,
    parameters: [param('p1', ['int', 'long'], 'The number.')],
    returns: { type: ['string'], description: `The ${what} text.` },
    examples: [{ syntax: `math:${name}(${example.split(' ')[0]})`, description: `Gives "${example.split(' ')[1]}".` }],
  } as const satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: (ctx) => {
      const bits = ctx.argTypes[0] === 'int' ? 32 : 64;
      return (x) => (x === null || x === undefined ? null : javaUnsignedText(Number(x), radix, bits));
    },
  };
}

export const bin = integerText('bin', 2, 'binary', '9 1001');
export const oct = integerText('oct', 8, 'octal', '99 143');

const hexBase = {
  kind: 'function',
  namespace: 'math',
  name: 'hex',
  description:
    "Writes a number in hexadecimal as Java does: ints and longs as two's complement digits, floats and doubles in Java's hexadecimal floating-point form (0x1.f4p10).",
  parameters: [param('p1', NUMERIC_TYPES, 'The number.')],
  returns: { type: ['string'], description: 'The hexadecimal text.' },
  examples: [{ syntax: 'math:hex(200)', description: 'Gives "c8".' }],
} as const satisfies ExtensionSpec;

export const hex: FunctionImpl = {
  spec: { ...hexBase, validate: validateWith(hexBase) },
  create: (ctx) => {
    const type = ctx.argTypes[0];
    return (x) => {
      if (x === null || x === undefined) return null;
      const n = Number(x);
      if (type === 'int') return javaUnsignedText(n, 16, 32);
      if (type === 'long') return javaUnsignedText(n, 16, 64);
      if (type === 'float') return javaFloatToHexString(n);
      return javaDoubleToHexString(n);
    };
  },
};

const convError = errorsFor(`${MATH_PACKAGE}.ConvertFunctionExtension`);

/** Java `Integer.parseInt(s, radix)`: optional sign, digits of the radix, 32-bit range; else NumberFormatException. */
export function javaParseInt(s: string, radix = 10): number {
  if (radix < 2 || radix > 36) throw new Error(`radix ${radix} out of range`);
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
  const body = /^[+-]/.test(s) ? s.slice(1) : s;
  if (body.length === 0 || [...body.toLowerCase()].some((c) => !digits.includes(c))) {
    throw new Error(`For input string: "${s}"${radix !== 10 ? ` under radix ${radix}` : ''}`);
  }
  const n = parseInt(s, radix);
  if (n > 2147483647 || n < -2147483648) {
    throw new Error(`For input string: "${s}"${radix !== 10 ? ` under radix ${radix}` : ''}`);
  }
  return n + 0;
}

const convBase = {
  kind: 'function',
  namespace: 'math',
  name: 'conv',
  description:
    'Reads a number written in one base (2 to 36) and writes it in another, within the int range; a negative number keeps its minus sign.',
  parameters: [
    param('a', ['string'], 'The number as text.'),
    param('from.base', ['int'], 'The base it is written in.'),
    param('to.base', ['int'], 'The base to write it in.'),
  ],
  returns: { type: ['string'], description: 'The number written in to.base.' },
  examples: [{ syntax: "math:conv('7f', 16, 10)", description: 'Gives "127".' }],
} as const satisfies ExtensionSpec;

export const conv: FunctionImpl = {
  spec: { ...convBase, validate: validateWith(convBase) },
  create: () => (a, from, to) => {
    if (a === null || from === null || to === null) return null;
    let n: number;
    try {
      n = javaParseInt(String(a), Number(from));
    } catch (e) {
      throw convError((e as Error).message, e);
    }
    const radix = Number(to) >= 2 && Number(to) <= 36 ? Number(to) : 10;
    return n.toString(radix);
  },
};
