/**
 * The `in` operator over the app's tables and named windows: `from S[symbol == T.symbol in T]`.
 * The operand compiles in a scope where `T.x` reads a row of T; the membership test runs it on T's
 * rows until one matches. `withStoresIn` wraps any scope (the core wraps every stream scope).
 *
 * When the wrapped scope's code reads only the event and its timestamp (`params`), a table
 * compiles the operand as an `on` condition and answers `contains` itself, as Siddhi's tables do:
 * a primary key or index lookup, the store's own query (SQL), its cache. Otherwise (named windows,
 * scopes reading more than the event, conditions the table does not compile) the rows are scanned.
 */
import type { Expression, Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { AppContext } from '../app/app-context.js';
import { appStores } from './app-stores.js';
import type { CompiledCondition, Findable, Table } from './table.js';

const IN_ROW = 'z';

function findable(ctx: AppContext, id: string): Findable | undefined {
  const s = appStores(ctx);
  return s.tables.get(id) ?? s.windows.get(id);
}

function anyRow(f: Findable, pred: (row: unknown[]) => boolean): boolean {
  for (const r of f.all()) if (pred(r)) return true;
  return false;
}

/** The table's own membership test for `operand`, or undefined when it cannot compile it. */
function tableContains(
  t: Table,
  operand: Expression,
  outer: Scope,
  params: readonly [string, string],
  ctx: AppContext,
): ((input: unknown, ts: number) => boolean) | undefined {
  let cond: CompiledCondition;
  try {
    cond = t.compileCondition(operand, { names: [t.id], outer, params, resolver: ctx.resolver });
  } catch {
    return undefined;
  }
  return (input, ts) => t.contains(cond, input, ts);
}

/**
 * `scope` plus `in` support for the tables and named windows of the app of `ctx`. `params`: the
 * names of the event and timestamp parameters when they are all `scope`'s code reads.
 */
export function withStoresIn(scope: Scope, ctx: AppContext, params?: readonly [string, string]): Scope {
  const self: Scope = {
    ...scope,
    inScope(sourceId: string): Scope {
      const f = findable(ctx, sourceId);
      if (!f) return scope;
      return {
        ...scope,
        resolve(v: Variable): ResolvedVariable | string {
          const i = f.attributes.findIndex((a) => a.name === v.name);
          if (v.streamId === sourceId) {
            if (i < 0)
              return `'${v.name}' is not an attribute of ${sourceId}; it has ${f.attributes.map((a) => a.name).join(', ')}`;
            return { code: `${IN_ROW}[${i}]`, type: f.attributes[i]!.type };
          }
          const r = scope.resolve(v);
          if (typeof r === 'string' && v.streamId === undefined && i >= 0) {
            return { code: `${IN_ROW}[${i}]`, type: f.attributes[i]!.type };
          }
          return r;
        },
      };
    },
    resolveIn(sourceId, operandCode, operandType, slot, operand) {
      const f = findable(ctx, sourceId);
      if (!f) return { error: `'in ${sourceId}': no table or window named '${sourceId}' is defined` };
      if (operandType !== 'bool' && operandType !== 'object') {
        return {
          error: `'in ${sourceId}' needs a condition such as 'symbol == ${sourceId}.symbol', found ${operandType}`,
        };
      }
      const table = appStores(ctx).tables.get(sourceId);
      const contains = table && params && operand ? tableContains(table, operand, self, params, ctx) : undefined;
      if (contains) return `${slot(contains as (...args: unknown[]) => unknown)}(${params![0]}, ${params![1]})`;
      const fn = slot((pred) => anyRow(f, pred as (row: unknown[]) => boolean));
      return `${fn}((${IN_ROW}) => (${operandCode}) === true)`;
    },
  };
  return self;
}
