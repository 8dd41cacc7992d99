import type { FunctionImpl } from '../../registry/extension-impl.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { AttributeType } from '../../../lang/ast.js';
import { errorsFor } from '../shared/errors.js';
import { validateWith } from '../shared/overloads.js';
import { javaTrim } from '../shared/java-string.js';
import { MATH_PACKAGE, param } from './numeric.js';
import { javaParseInt } from './radix.js';

const DECIMAL =
  /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?)$/;

/** Java `Double.parseDouble`: trims chars <= U+0020, accepts NaN, Infinity, a d/f suffix and hex floats. */
export function javaParseDouble(text: string): number {
  const t = javaTrim(text);
  if (!DECIMAL.test(t)) throw new Error(t.length === 0 ? 'empty String' : `For input string: "${text}"`);
  const clean = t.replace(/[fFdD]$/, '');
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)$/.exec(clean);
  if (hex !== null) {
    const [, sign, int, frac, exp] = hex as unknown as [string, string, string, string, string];
    const mantissa = Number.parseInt(`${int}${frac}` || '0', 16);
    const value = mantissa * Math.pow(2, Number(exp) - 4 * frac.length);
    return sign === '-' ? -value : value;
  }
  return Number(clean);
}

/** Java `Long.parseLong`: optional sign and decimal digits within the 64-bit range. */
export function javaParseLong(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new Error(`For input string: "${text}"`);
  const big = BigInt(text);
  if (big > 9223372036854775807n || big < -9223372036854775808n) throw new Error(`For input string: "${text}"`);
  return Number(big);
}

function parser(
  name: string,
  javaClass: string,
  type: AttributeType,
  what: string,
  op: (s: string) => number,
  example: string,
): FunctionImpl {
  const error = errorsFor(`${MATH_PACKAGE}.${javaClass}`);
  const base = {
    kind: 'function' as const,
    namespace: 'math',
    name,
    description: `Reads a ${type} from text, as Java's ${what} does; text that is not a ${type} is an error. Null gives null.`,
    parameters: [param('p1', ['string'], 'The text to read.')],
    returns: { type: [type], description: `The ${type} value.` },
    examples: [{ syntax: `math:${name}('${example}')`, description: `Gives ${example}.` }],
  } satisfies ExtensionSpec;
  return {
    spec: { ...base, validate: validateWith(base) },
    create: () => (s) => {
      if (s === null || s === undefined) return null;
      try {
        return op(String(s));
      } catch (e) {
        throw error((e as Error).message, e);
      }
    },
  };
}

export const parseInt = parser(
  'parseInt',
  'ParseIntFunctionExtension',
  'int',
  'Integer.parseInt',
  (s) => javaParseInt(s),
  '123',
);
export const parseLong = parser(
  'parseLong',
  'ParseLongFunctionExtension',
  'long',
  'Long.parseLong',
  javaParseLong,
  '123',
);
export const parseFloat = parser(
  'parseFloat',
  'ParseFloatFunctionExtension',
  'float',
  'Float.parseFloat',
  (s) => Math.fround(javaParseDouble(s)),
  '123.5',
);
export const parseDouble = parser(
  'parseDouble',
  'ParseDoubleFunctionExtension',
  'double',
  'Double.parseDouble',
  javaParseDouble,
  '123.5',
);
