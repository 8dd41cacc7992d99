import type { AttributeType, Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';

export interface AttributeLike {
  readonly name: string;
  readonly type: AttributeType;
}

/** The code reading attribute `i` from `param` (see `streamScope` for `roundFloats`). */
export function attributeCode(a: AttributeLike, i: number, param: string, roundFloats: boolean): string {
  const v = `${param}[${i}]`;
  return roundFloats && a.type === 'float' ? `(typeof ${v} === 'number' ? Math.fround(${v}) : ${v})` : v;
}

/**
 * The scope of a single input stream: `price` or `S.price` (or `alias.price`) read `d[i]`. With
 * `roundFloats`, `float` attributes are read rounded to 32 bits, so the code is right on the sender's
 * own array too (rounding a value already rounded changes nothing).
 */
export function streamScope(
  names: readonly string[],
  attributes: readonly AttributeLike[],
  param = 'd',
  timestampCode = 'ts',
  roundFloats = false,
): Scope {
  const read = (i: number): string => attributeCode(attributes[i]!, i, param, roundFloats);
  return {
    timestampCode,
    starAttributes: () => attributes.map((a, i) => ({ code: read(i), type: a.type })),
    resolve(v: Variable): ResolvedVariable | string {
      if (v.streamId !== undefined && !names.includes(v.streamId)) {
        return `unknown stream '${v.streamId}' in '${v.streamId}.${v.name}'; this query reads ${names.join(' / ')}`;
      }
      const i = attributes.findIndex((a) => a.name === v.name);
      if (i < 0) {
        return `'${v.name}' is not an attribute of ${names[0]}; it has ${attributes.map((a) => a.name).join(', ')}`;
      }
      return { code: read(i), type: attributes[i]!.type };
    },
  };
}
