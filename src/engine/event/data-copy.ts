/**
 * Copies of event data of a known shape. An array literal of the stream's width costs a third of
 * `Array.prototype.slice` on a small array (the input handler copies every event it is sent), and
 * `float` values are turned into 32-bit values in the same step. One generated function per shape
 * (width and float positions), shared by every stream of that shape.
 */

export type DataCopy = (data: readonly unknown[]) => unknown[];

const copies = new Map<string, DataCopy>();

/**
 * A copy of `width` values (missing ones undefined, extra ones dropped), with the numbers at the
 * positions in `floats` rounded to 32-bit floats (as Java's Float holds them).
 */
export function dataCopy(width: number, floats: readonly number[] = []): DataCopy {
  const key = `${width}:${floats.join(',')}`;
  let copy = copies.get(key);
  if (copy === undefined) {
    const values: string[] = [];
    for (let i = 0; i < width; i++) {
      values.push(floats.includes(i) ? `typeof d[${i}] === 'number' ? Math.fround(d[${i}]) : d[${i}]` : `d[${i}]`);
    }
    copy = new Function('d', `"use strict"; return [${values.join(', ')}];`) as DataCopy;
    copies.set(key, copy);
  }
  return copy;
}

/**
 * A copy of any event data: an array literal for up to 8 values (what most streams have), where
 * `slice()` costs about twice as much; `slice()` beyond.
 */
export function copyData(d: readonly unknown[]): unknown[] {
  switch (d.length) {
    case 0:
      return [];
    case 1:
      return [d[0]];
    case 2:
      return [d[0], d[1]];
    case 3:
      return [d[0], d[1], d[2]];
    case 4:
      return [d[0], d[1], d[2], d[3]];
    case 5:
      return [d[0], d[1], d[2], d[3], d[4]];
    case 6:
      return [d[0], d[1], d[2], d[3], d[4], d[5]];
    case 7:
      return [d[0], d[1], d[2], d[3], d[4], d[5], d[6]];
    case 8:
      return [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]];
    default:
      return d.slice();
  }
}
