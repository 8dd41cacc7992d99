/**
 * On-demand (store) queries over the app's tables and named windows: `from T [on cond] select ...`
 * returns rows; `select ... insert into T`, `delete T on ...`, `update T set ... on ...` and
 * `update or insert into T set ... on ...` write and return no rows. Aggregations answer through
 * `onDemandHooks.aggregation` (installed by the aggregation feature).
 */
import type { AttributeType, OnDemandQuery, Variable } from '../../lang/ast.js';
import { parseOnDemandQuery } from '../../lang/parser/index.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import { compileSelector } from '../../plan/selector-codegen.js';
import type { AppContext } from '../app/app-context.js';
import type { OnDemandResult } from '../app/siddhi-app-runtime.js';
import { streamScope } from '../app/stream-scope.js';
import { CURRENT, type StreamEvent } from '../event/stream-event.js';
import { appStores } from '../table/app-stores.js';
import { withStoresIn } from '../table/in-scope.js';
import type { Findable } from '../table/table.js';
import { tableOutputAction } from '../table/table-output.js';
import { evaluateSelector } from './evaluate-selector.js';

/** A rejected on-demand query: a syntax error, an unknown table, a bad attribute. */
export class OnDemandQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnDemandQueryError';
  }
}

export interface OnDemandHooks {
  /**
   * Answers a query whose `from` names something other than a table or named window (an
   * aggregation, `from Agg within ... per ...`); undefined when the id is not its own.
   */
  aggregation?: (ctx: AppContext, query: OnDemandQuery) => OnDemandResult | undefined;
}

export const onDemandHooks: OnDemandHooks = {};

const nothing: Scope = {
  timestampCode: 'ts',
  resolve: (v: Variable): ResolvedVariable | string =>
    `'${v.streamId ? v.streamId + '.' : ''}${v.name}' cannot be resolved: the query reads no table`,
};

export function runOnDemandQuery(ctx: AppContext, text: string): OnDemandResult {
  const { query, diagnostics } = parseOnDemandQuery(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!query || errors.length > 0) {
    const first = errors[0];
    throw new OnDemandQueryError(
      first ? `invalid on-demand query at ${first.line}:${first.column}: ${first.message}` : 'invalid on-demand query',
    );
  }
  try {
    return run(ctx, query);
  } catch (e) {
    if (e instanceof CompileError) throw new OnDemandQueryError(`invalid on-demand query: ${e.message}`);
    throw e;
  }
}

function run(ctx: AppContext, q: OnDemandQuery): OnDemandResult {
  const stores = appStores(ctx);
  const now = ctx.scheduler.now();
  let rows: unknown[][] = [[]];
  let scope: Scope = nothing;
  let all: { name: string; type: AttributeType; code: string }[] = [];
  if (q.input) {
    const id = q.input.storeId;
    const source: Findable | undefined = stores.tables.get(id) ?? stores.windows.get(id);
    if (!source || q.input.within || q.input.per) {
      const r = onDemandHooks.aggregation?.(ctx, q);
      if (r) return r;
      if (!source) {
        const known = [...stores.tables.keys(), ...stores.windows.keys()];
        throw new OnDemandQueryError(
          `no table, window or aggregation named '${id}'${known.length ? `; the app has ${known.join(', ')}` : ''}`,
        );
      }
      throw new OnDemandQueryError(`'within' and 'per' apply to aggregations; '${id}' is not one`);
    }
    const names = q.input.alias ? [id, q.input.alias] : [id];
    const cond = source.compileCondition(q.input.on, {
      names,
      outer: withStoresIn(nothing, ctx),
      unqualifiedToRow: true,
      resolver: ctx.resolver,
    });
    rows = source.find(cond, [], now);
    scope = withStoresIn(streamScope(names, source.attributes), ctx);
    all = source.attributes.map((a, i) => ({ ...a, code: `d[${i}]` }));
  } else {
    scope = withStoresIn(nothing, ctx);
  }
  const compiled = compileSelector(q.selector, { all, scope: scope }, ctx.resolver);
  const out = evaluateSelector(compiled, rows, now);
  const columns = compiled.output.map((o) => ({ name: o.name, type: o.type }));
  if (!q.output) return { columns, rows: out };

  const target = q.output.target;
  const table = stores.tables.get(target);
  if (!table) {
    throw new OnDemandQueryError(
      stores.windows.has(target)
        ? `on-demand queries cannot write to window '${target}'; only tables`
        : `no table named '${target}'${stores.tables.size ? `; tables are ${[...stores.tables.keys()].join(', ')}` : ''}`,
    );
  }
  const action = tableOutputAction(ctx, table, q.output, compiled.output, q.span, false);
  const chunk: StreamEvent[] = out.map((data) => ({ timestamp: now, data, type: CURRENT }));
  if (chunk.length > 0) action(chunk);
  return { columns, rows: [] };
}
