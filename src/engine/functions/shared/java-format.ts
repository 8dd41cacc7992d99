/**
 * Java's text forms of numbers and values: `Double.toString`, `Float.toString`, `String.valueOf(Object)`.
 * Floats print from their 32-bit value with the fewest digits that read back to it (`111.11f` is "111.11").
 */
import type { AttributeType } from '../../../lang/ast.js';

/** Shortest decimal digits (no dot) and decimal exponent of `n` (finite, non-zero, positive). */
function shortestDigits(n: number, isFloat: boolean): { digits: string; exp: number } {
  let text = n.toExponential();
  if (isFloat) {
    const f = Math.fround(n);
    for (let p = 1; p <= 9; p++) {
      const candidate = f.toExponential(p - 1);
      if (Math.fround(Number(candidate)) === f) {
        text = candidate;
        break;
      }
    }
  }
  const [mantissa, exponent] = text.split('e') as [string, string];
  let digits = mantissa.replace('.', '');
  digits = digits.replace(/0+$/, '');
  if (digits === '') digits = '0';
  return { digits, exp: Number(exponent) };
}

function javaNumberText(n: number, isFloat: boolean): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(n);
  // A double between 0.001 and 10^7: JavaScript prints the same shortest digits plainly (keys and logs
  // print many of these, so without taking them apart).
  if (!isFloat && abs >= 1e-3 && abs < 1e7) return Number.isInteger(n) ? `${n}.0` : String(n);
  const sign = n < 0 ? '-' : '';
  const { digits, exp } = shortestDigits(abs, isFloat);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
      const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${frac}E${exp}`;
}

/** Java's `Double.toString(n)`: `75.0`, `0.001`, `1.0E7`, `1.0E-4`, `NaN`, `-Infinity`. */
export function javaDoubleToString(n: number): string {
  return javaNumberText(n, false);
}

/** Java's `Float.toString(n)`, from the 32-bit value of `n`: `111.11`, `1.0E10`. */
export function javaFloatToString(n: number): string {
  return javaNumberText(Math.fround(n), true);
}

/** Java's text of a value of a SiddhiQL type, as `String.valueOf(Object)` gives it; null is "null". */
export function javaValueToString(value: unknown, type?: AttributeType): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (type === 'float') return javaFloatToString(value);
    if (type === 'double') return javaDoubleToString(value);
    if (type === 'int' || type === 'long') return Number.isInteger(value) ? String(value) : javaDoubleToString(value);
    return Number.isInteger(value) ? String(value) : javaDoubleToString(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return javaDataToString(value);
  if (value instanceof Map) {
    return `{${[...value.entries()].map(([k, v]) => `${javaValueToString(k)}=${javaValueToString(v)}`).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${k}=${javaValueToString(v)}`).join(', ')}}`;
  }
  return String(value);
}

/**
 * Java's text of an array or list, `[a, b, c]`, each value of the type at its place when `types` are given
 * (an event's data: a double 80 prints as 80.0).
 */
export function javaDataToString(
  values: readonly unknown[],
  types: readonly (AttributeType | undefined)[] = [],
): string {
  return `[${values.map((v, i) => javaValueToString(v, types[i])).join(', ')}]`;
}
