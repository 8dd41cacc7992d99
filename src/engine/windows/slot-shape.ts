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
