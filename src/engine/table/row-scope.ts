/**
 * The scope of an `on` condition or `set` expression: `T.a` (or `alias.a`) reads the row `r[i]`;
 * other names resolve in the incoming event's scope. Unqualified names follow Siddhi: they name the
 * event's attributes (table outputs, joins), or the row's in on-demand queries.
 */
import type { Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { Attribute } from '../app/app-context.js';
import type { ConditionContext } from './table.js';

export const ROW = 'r';

export interface RowScope extends Scope {
  /** Whether the variable reads the row (used to find index lookups). */
  readsRow(v: Variable): boolean;
}

export function rowScope(attributes: readonly Attribute[], cc: ConditionContext): RowScope {
  const rowAttr = (name: string): ResolvedVariable | undefined => {
    const i = attributes.findIndex((a) => a.name === name);
    return i < 0 ? undefined : { code: `${ROW}[${i}]`, type: attributes[i]!.type };
  };
  const where = (v: Variable): 'row' | 'outer' | string => {
    if (v.streamId !== undefined && cc.names.includes(v.streamId) && !v.streamIndex) {
      return rowAttr(v.name)
        ? 'row'
        : `'${v.name}' is not an attribute of ${cc.names[0]}; it has ${attributes.map((a) => a.name).join(', ')}`;
    }
    if (v.streamId !== undefined) return 'outer';
    const inRow = rowAttr(v.name) !== undefined;
    if (cc.unqualifiedToRow && inRow) return 'row';
    const o = cc.outer.resolve(v);
    if (typeof o !== 'string') return 'outer';
    return inRow ? 'row' : o;
  };
  const scope: RowScope = {
    ...cc.outer,
    timestampCode: cc.outer.timestampCode,
    resolve(v: Variable): ResolvedVariable | string {
      const w = where(v);
      if (w === 'row') return rowAttr(v.name)!;
      if (w === 'outer') return cc.outer.resolve(v);
      return w;
    },
    readsRow: (v) => where(v) === 'row',
  };
  return scope;
}
