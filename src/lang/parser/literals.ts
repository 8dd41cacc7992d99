/** Reading SiddhiQL literals from token text, as Siddhi's parser does (no escape processing in strings). */

/** The value of a string token: quotes removed (`'a'`, `"a"`, `"""a"""`), nothing unescaped. */
export function stringValue(image: string): string {
  if (image.startsWith('"""') && image.length >= 6) return image.slice(3, -3);
  return image.slice(1, -1);
}

/** A name token's text: back-quoted identifiers lose their back quotes. */
export function nameValue(image: string): string {
  return image.startsWith('`') ? image.slice(1, -1) : image;
}

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** An int literal, with its sign; undefined when out of Java's int range. */
export function intValue(image: string, negative: boolean): number | undefined {
  const v = Number(image) * (negative ? -1 : 1);
  return v > INT_MAX || v < INT_MIN ? undefined : v === 0 ? 0 : v;
}

/** A long literal (`5L`): JavaScript numbers hold it exactly up to 2^53. */
export function longValue(image: string, negative: boolean): number {
  const v = Number(image.slice(0, -1)) * (negative ? -1 : 1);
  return v === 0 ? 0 : v;
}

/** A float literal (`1.5f`), rounded to 32 bits as Java's float is. */
export function floatValue(image: string, negative: boolean): number {
  return Math.fround(Number.parseFloat(image) * (negative ? -1 : 1));
}

/** A double literal (`2.0`, `2d`, `1e3`, `.5`). */
export function doubleValue(image: string, negative: boolean): number {
  return Number.parseFloat(image) * (negative ? -1 : 1);
}
