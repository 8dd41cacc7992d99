/**
 * On-demand queries on aggregations: `from A [on cond] within ... per ... select ...`. The
 * aggregation's rows for the range and granularity go through the query's selector (projection,
 * `group by`, `having`, `order by`, `limit`) as on-demand table reads do.
 */
import type { OnDemandQuery, Variable } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { ResolvedVariable, Scope } from '../../plan/expression/scope.js';
import { compileSelector } from '../../plan/selector-codegen.js';
import type { AppContext } from '../app/app-context.js';
import type { OnDemandResult } from '../app/siddhi-app-runtime.js';
import { streamScope } from '../app/stream-scope.js';
import { evaluateSelector } from '../on-demand/evaluate-selector.js';
import { OnDemandQueryError } from '../on-demand/run-on-demand.js';
import { withStoresIn } from '../table/in-scope.js';
import { aggregationOf } from './app-aggregations.js';
import { compileAggregationRead } from './read-condition.js';
import { AggregationReadError } from './within-time.js';

const nothing: Scope = {
  timestampCode: 'ts',
  resolve: (v: Variable): ResolvedVariable | string =>
    `'${v.streamId ? v.streamId + '.' : ''}${v.name}' cannot be resolved here: 'within' and 'per' of an on-demand query take constants`,
};

/** Answers `q` when it reads an aggregation of the app; undefined otherwise. */
export function queryAggregation(ctx: AppContext, q: OnDemandQuery): OnDemandResult | undefined {
  const input = q.input;
  if (!input) return undefined;
  const agg = aggregationOf(ctx, input.storeId);
  if (!agg) return undefined;
  try {
    if (q.output) throw new CompileError(`on-demand queries cannot write to aggregation '${agg.id}'`, q.output.span);
    const names = input.alias ? [agg.id, input.alias] : [agg.id];
    const read = compileAggregationRead(
      agg,
      input.within,
      input.per,
      input.on,
      { names, outer: withStoresIn(nothing, ctx), unqualifiedToRow: true, resolver: ctx.resolver },
      input.span,
    );
    const now = ctx.scheduler.now();
    const rows = read.rows([], now);
    const scope = withStoresIn(streamScope(names, agg.attributes), ctx);
    const all = agg.attributes.map((a, i) => ({ ...a, code: `d[${i}]` }));
    const compiled = compileSelector(q.selector, { all, scope }, ctx.resolver);
    return {
      columns: compiled.output.map((o) => ({ name: o.name, type: o.type })),
      rows: evaluateSelector(compiled, rows, now),
    };
  } catch (e) {
    if (e instanceof CompileError || e instanceof AggregationReadError) {
      throw new OnDemandQueryError(`invalid on-demand query on aggregation '${agg.id}': ${e.message}`);
    }
    throw e;
  }
}
