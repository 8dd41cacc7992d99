import type { AttributeType, Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';

export interface AttributeLike {
  readonly name: string;
  readonly type: AttributeType;
}

/** The scope of a single input stream: `price` or `S.price` (or `alias.price`) read `d[i]`. */
export function streamScope(
  names: readonly string[],
  attributes: readonly AttributeLike[],
  param = 'd',
  timestampCode = 'ts',
): Scope {
  return {
    timestampCode,
    starAttributes: () => attributes.map((a, i) => ({ code: `${param}[${i}]`, type: a.type })),
    resolve(v: Variable): ResolvedVariable | string {
      if (v.streamId !== undefined && !names.includes(v.streamId)) {
        return `unknown stream '${v.streamId}' in '${v.streamId}.${v.name}'; this query reads ${names.join(' / ')}`;
      }
      const i = attributes.findIndex((a) => a.name === v.name);
      if (i < 0) {
        return `'${v.name}' is not an attribute of ${names[0]}; it has ${attributes.map((a) => a.name).join(', ')}`;
      }
      return { code: `${param}[${i}]`, type: attributes[i]!.type };
    },
  };
}
