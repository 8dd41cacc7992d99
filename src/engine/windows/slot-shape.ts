/**
 * The shape of the slots windows keep events in (held-events.ts, length-ring.ts): per attribute, 'n'
 * when an array of unboxed doubles holds its values, 'o' when a plain array does. The code that writes
 * and reads a slot is generated per shape, so that each is straight-line code over monomorphic arrays.
 */
import type { AttributeType } from '../../lang/ast.js';

const NUMERIC: ReadonlySet<AttributeType> = new Set<AttributeType>(['int', 'long', 'float', 'double']);

/** The shape of a stream's slots: its numeric attributes 'n' (the first `maxNumeric` of them), the rest 'o'. */
export function slotShape(attributes: readonly { readonly type: AttributeType }[], maxNumeric = Infinity): string {
  let shape = '';
  let numeric = 0;
  for (const a of attributes) {
    const n = NUMERIC.has(a.type) && numeric < maxNumeric;
    if (n) numeric++;
    shape += n ? 'n' : 'o';
  }
  return shape;
}

/** `make`, generating its code once per shape (apps with streams of one shape share it). */
export function perShape<T>(make: (shape: string) => T): (shape: string) => T {
  const made = new Map<string, T>();
  return (shape) => {
    let code = made.get(shape);
    if (code === undefined) made.set(shape, (code = make(shape)));
    return code;
  };
}

/**
 * The code that writes data `d` into one slot and reads it back, for a shape, given where a slot keeps
 * its numeric value k (from 1: 0 is the timestamp's place) and its other value j. `writes` leaves in
 * `bad` the bit of each numeric attribute (by its order, modulo 32) whose value is not a number, with
 * NaN in its place; `reads` is the data array's literal.
 */
export function slotAccess(
  shape: string,
  numberAt: (k: number) => string,
  otherAt: (j: number) => string,
): { writes: string; reads: string } {
  const writes: string[] = [];
  const reads: string[] = [];
  let n = 0;
  let o = 0;
  for (let a = 0; a < shape.length; a++) {
    if (shape[a] === 'n') {
      const at = numberAt(++n);
      writes.push(`v = d[${a}]; if (typeof v === 'number') ${at} = v; else { ${at} = NaN; bad |= ${1 << (n - 1)}; }`);
      reads.push(at);
    } else {
      const at = otherAt(o++);
      writes.push(`${at} = d[${a}];`);
      reads.push(at);
    }
  }
  return { writes: writes.join('\n'), reads: `[${reads.join(', ')}]` };
}
