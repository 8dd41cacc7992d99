/**
 * Compiles `set T.a = expr, ...` into a function that assigns the row in place, in written order
 * (a later expression reads the row as the earlier assignments left it, as Siddhi does). With no
 * `set`, every table attribute the event has by name is assigned.
 */
import type { SetAssignment } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Attribute } from '../app/app-context.js';
import { params } from './row-condition.js';
import { ROW, rowScope } from './row-scope.js';
import type { ConditionContext } from './table.js';

export type RowAssign = (r: unknown[], input: unknown, ts: number) => void;

export interface RowUpdateSet {
  readonly assign: RowAssign;
  /** The row positions assigned (indexes on them must be re-keyed). */
  readonly columns: readonly number[];
}

export function compileRowUpdateSet(
  attributes: readonly Attribute[],
  set: readonly SetAssignment[] | undefined,
  cc: ConditionContext,
  tableId: string,
): RowUpdateSet {
  const scope = rowScope(attributes, cc);
  const c = new ExpressionCompiler(cc.resolver);
  const statements: string[] = [];
  const columns: number[] = [];
  const assign = (i: number, code: string, type: string): void => {
    const target = attributes[i]!.type;
    const value =
      target === 'float' && type !== 'float' ? `(t_v = ${code}, t_v == null ? null : Math.fround(t_v))` : code;
    statements.push(`${ROW}[${i}] = ${value};`);
    if (!columns.includes(i)) columns.push(i);
  };
  if (set && set.length > 0) {
    for (const s of set) {
      const t = s.target;
      if (t.streamId !== undefined && !cc.names.includes(t.streamId)) {
        throw new CompileError(`'set ${t.streamId}.${t.name}': only attributes of ${tableId} can be set`, t.span);
      }
      const i = attributes.findIndex((a) => a.name === t.name);
      if (i < 0) {
        throw new CompileError(
          `'set ${t.name}': '${t.name}' is not an attribute of ${tableId}; it has ${attributes.map((a) => a.name).join(', ')}`,
          t.span,
        );
      }
      const v = c.compile(s.value, scope);
      assign(i, v.code, v.type);
    }
  } else {
    attributes.forEach((a, i) => {
      const r = cc.outer.resolve({
        kind: 'variable',
        name: a.name,
        span: { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } },
      });
      if (typeof r !== 'string') assign(i, r.code, r.type);
    });
  }
  const [p0, p1] = params(cc);
  const fn = instantiate<RowAssign>(
    [ROW, p0, p1],
    `let t_v; ${c.tempDeclarations()}\n${statements.join('\n')}`,
    c.functions,
  );
  return { assign: fn, columns };
}
