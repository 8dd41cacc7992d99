/**
 * Pushes an `on` condition down to SQL where it can be: comparisons (`== != < <= > >=`), `and`,
 * `or`, `not` and `is null` over the table's columns. Every subexpression that does not read the
 * row (event attributes, constants, arithmetic over them, function calls) is evaluated in
 * JavaScript with the engine's own semantics and bound as one parameter. Anything else (arithmetic
 * or functions over columns, `in`, object values) returns undefined: the table then filters in JS.
 *
 * Null semantics match the engine's: a comparison with null is false (SQL's NULL behaves as false
 * under AND/OR; under NOT it is turned into false first with COALESCE).
 */
import type { Expression, Variable } from '../../lang/ast.js';
import { ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Attribute } from '../../engine/app/app-context.js';
import { params } from '../../engine/table/row-condition.js';
import { rowScope, type RowScope } from '../../engine/table/row-scope.js';
import type { ConditionContext } from '../../engine/table/table.js';
import { encodeValue, type SqlDialect } from './sql-dialect.js';

export type ParamOf = (input: unknown, ts: number) => unknown;

export interface SqlCondition {
  /** The WHERE clause ('1 = 1' for no condition). */
  readonly where: string;
  /** The bound parameters, in placeholder order. */
  readonly params: readonly ParamOf[];
}

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);

export function compileSqlCondition(
  attributes: readonly Attribute[],
  on: Expression | undefined,
  cc: ConditionContext,
  d: SqlDialect,
): SqlCondition | undefined {
  if (!on) return { where: '1 = 1', params: [] };
  const scope = rowScope(attributes, cc);
  const [p0, p1] = params(cc);
  const bound: ParamOf[] = [];

  const column = (v: Variable): string | undefined => {
    const a = attributes.find((x) => x.name === v.name);
    return a && a.type !== 'object' ? d.quote(a.name) : undefined;
  };
  const param = (e: Expression): string | undefined => {
    const c = new ExpressionCompiler(cc.resolver);
    const r = c.compile(e, scope);
    if (r.type === 'object') return undefined;
    const type = r.type;
    const f = instantiate<ParamOf>([p0, p1], `${c.tempDeclarations()}\nreturn ${r.code};`, c.functions);
    bound.push((input, ts) => encodeValue(f(input, ts), type, d));
    return d.param(bound.length);
  };
  const value = (e: Expression): string | undefined => {
    if (!readsRow(e, scope)) return param(e);
    return e.kind === 'variable' ? column(e) : undefined;
  };
  const cond = (e: Expression): string | undefined => {
    if (!readsRow(e, scope)) {
      const p = param(e);
      return p === undefined ? undefined : `${p} = ${d.name === 'sqlite' ? '1' : 'TRUE'}`;
    }
    switch (e.kind) {
      case 'binary': {
        if (e.op === 'and' || e.op === 'or') {
          const l = cond(e.left);
          const r = l === undefined ? undefined : cond(e.right);
          return r === undefined ? undefined : `(${l} ${e.op.toUpperCase()} ${r})`;
        }
        if (!COMPARE.has(e.op)) return undefined;
        const l = value(e.left);
        const r = l === undefined ? undefined : value(e.right);
        if (r === undefined) return undefined;
        return `${l} ${e.op === '==' ? '=' : e.op === '!=' ? '<>' : e.op} ${r}`;
      }
      case 'not': {
        const o = cond(e.operand);
        return o === undefined ? undefined : `NOT COALESCE(${o}, FALSE)`;
      }
      case 'isNull':
        return e.operand.kind === 'variable' && column(e.operand) ? `${column(e.operand)} IS NULL` : undefined;
      case 'variable': {
        const a = attributes.find((x) => x.name === e.name);
        return a?.type === 'bool' ? `${d.quote(a.name)} = ${d.name === 'sqlite' ? '1' : 'TRUE'}` : undefined;
      }
      default:
        return undefined;
    }
  };
  try {
    const where = cond(on);
    return where === undefined ? undefined : { where, params: bound };
  } catch {
    // The row condition compiler reports the error with its own message.
    return undefined;
  }
}

function readsRow(e: Expression, scope: RowScope): boolean {
  switch (e.kind) {
    case 'variable':
      return scope.readsRow(e);
    case 'binary':
      return readsRow(e.left, scope) || readsRow(e.right, scope);
    case 'not':
    case 'negate':
    case 'isNull':
    case 'in':
      return readsRow(e.operand, scope);
    case 'call':
      return e.args.some((a) => readsRow(a, scope));
    default:
      return false;
  }
}
