/**
 * The `in` operator over the app's tables and named windows: `from S[symbol == T.symbol in T]`.
 * The operand compiles in a scope where `T.x` reads a row of T; the membership test runs it on T's
 * rows until one matches. `withStoresIn` wraps any scope (the core wraps every stream scope).
 */
import type { Variable } from '../../lang/ast.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import type { AppContext } from '../app/app-context.js';
import { appStores } from './app-stores.js';
import type { Findable } from './table.js';

const IN_ROW = 'z';

function findable(ctx: AppContext, id: string): Findable | undefined {
  const s = appStores(ctx);
  return s.tables.get(id) ?? s.windows.get(id);
}

function anyRow(f: Findable, pred: (row: unknown[]) => boolean): boolean {
  for (const r of f.all()) if (pred(r)) return true;
  return false;
}

/** `scope` plus `in` support for the tables and named windows of the app of `ctx`. */
export function withStoresIn(scope: Scope, ctx: AppContext): Scope {
  return {
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
    resolveIn(sourceId, operandCode, operandType, slot) {
      const f = findable(ctx, sourceId);
      if (!f) return { error: `'in ${sourceId}': no table or window named '${sourceId}' is defined` };
      if (operandType !== 'bool' && operandType !== 'object') {
        return {
          error: `'in ${sourceId}' needs a condition such as 'symbol == ${sourceId}.symbol', found ${operandType}`,
        };
      }
      const fn = slot((pred) => anyRow(f, pred as (row: unknown[]) => boolean));
      return `${fn}((${IN_ROW}) => (${operandCode}) === true)`;
    },
  };
}
