/**
 * `define aggregation A from S[...] select ... group by ... aggregate [by ts] every ...`: compiles
 * the definition into an `AggregationPlan`, subscribes the input stream (through its filters and
 * stream functions) and registers the aggregation's state, purging and lookups with the app.
 */
import type { AggregationDefinition, Expression, FunctionCall, Variable } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Scope } from '../../plan/expression/scope.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import { annotation, annotationValue } from '../app/build-app.js';
import { buildStreamChain } from '../app/build-stream-chain.js';
import { streamScope } from '../app/stream-scope.js';
import type { AggregatorImpl } from '../registry/extension-impl.js';
import { withStoresIn } from '../table/in-scope.js';
import { IncrementalAggregation, type AggregationPlan, type OutputSource } from './aggregation.js';
import { appAggregations } from './app-aggregations.js';
import type { BaseKind } from './base-values.js';
import { incrementalAggregator } from './base-values.js';
import { aggregationGranularities, aggregationZone } from './granularity.js';
import { installPurging } from './purging.js';
import { storedBuckets } from './stored-aggregation.js';
import { unixTime } from './within-time.js';

type EventFn = (d: unknown[], ts: number) => unknown;

const INCREMENTAL = new Set(['sum', 'count', 'avg', 'min', 'max', 'distinctCount']);

export function defineAggregation(ctx: AppContext, def: AggregationDefinition): IncrementalAggregation {
  const aggregations = appAggregations(ctx);
  if (aggregations.has(def.id) || ctx.junctions.has(def.id)) {
    throw new CompileError(`'${def.id}' is already defined; an aggregation needs its own name`, def.span);
  }
  const granularities = aggregationGranularities(def.durations);
  if (typeof granularities === 'string') throw new CompileError(granularities, def.span);
  const zone = aggregationZone(ctx.aggregationTimeZone);
  if (typeof zone === 'string') {
    throw new CompileError(`aggregation '${def.id}': ${zone} (SiddhiManager option aggregationTimeZone)`, def.span);
  }
  const partitionById = annotation(def.annotations, 'PartitionById');
  if (partitionById && (annotationValue(partitionById, 'enable') ?? 'true').toLowerCase() !== 'false') {
    throw new CompileError(
      `@PartitionById needs a 'shardId' in the deployment configuration, which is not set; remove it or write @PartitionById(enable='false')`,
      partitionById.span,
    );
  }

  const input = def.input;
  const junction = ctx.junctions.get(input.streamId);
  if (!junction) {
    throw new CompileError(
      `aggregation '${def.id}' reads stream '${input.streamId}', which is not defined; define it with 'define stream ${input.streamId} (...)'`,
      input.span,
    );
  }
  ctx.streamsRead.add(input.streamId);
  const names = input.alias ? [input.streamId, input.alias] : [input.streamId];
  const target: { aggregation?: IncrementalAggregation } = {};
  const chain = buildStreamChain(ctx, input, junction.schema.attributes, (c) => target.aggregation!.ingest(c), {
    names,
    // stream processors that keep state (#unique:deduplicate, #reorder:kslack) persist with the app
    onState: (id, state) => ctx.stateful.set(`aggregation/${def.id}/input/${id}`, state),
  });
  if (chain.window) {
    throw new CompileError(`an aggregation's input cannot have a window; aggregations keep every event`, input.span);
  }
  const scope = withStoresIn(streamScope(names, chain.attributes), ctx);
  const plan = { ...compilePlan(ctx, def, scope, granularities), ...(zone ? { zone } : {}) };
  const agg = new IncrementalAggregation(plan, storedBuckets(ctx, def, plan));
  target.aggregation = agg;
  junction.subscribe(chain.entry);
  aggregations.set(def.id, agg);
  ctx.stateful.set(`aggregation/${def.id}`, { snapshot: () => agg.snapshot(), restore: (s) => agg.restore(s) });
  installPurging(ctx, def, agg);
  return agg;
}

function compileFn(ctx: AppContext, e: Expression, scope: Scope): { fn: EventFn; type: Attribute['type'] } {
  const c = new ExpressionCompiler(ctx.resolver);
  const r = c.compile(e, scope);
  const fn = instantiate<EventFn>(['d', 'ts'], `${c.tempDeclarations()}\nreturn ${r.code};`, c.functions);
  return { fn, type: r.type };
}

function compilePlan(
  ctx: AppContext,
  def: AggregationDefinition,
  scope: Scope,
  granularities: AggregationPlan['granularities'],
): AggregationPlan {
  const groupByCompiled = def.selector.groupBy.map((v) => compileFn(ctx, v, scope));
  const groupBy = groupByCompiled.map((c) => c.fn);
  const bases: { name: string; kind: BaseKind; type: Attribute['type']; input?: EventFn }[] = [];
  const latest: EventFn[] = [];
  const latestAttributes: Attribute[] = [];
  const outputs: OutputSource[] = [];
  const attributes: Attribute[] = [{ name: 'AGG_TIMESTAMP', type: 'long' }];
  if (def.selector.selectAll) {
    throw new CompileError(
      `an aggregation must select what it aggregates; 'select *' is not allowed`,
      def.selector.span,
    );
  }
  def.selector.attributes.forEach((attr, i) => {
    const e = attr.expression;
    const name = attr.rename ?? (e.kind === 'variable' ? e.name : `_${i}`);
    if (e.kind === 'call' && isAggregatorCall(ctx, e)) {
      const arg = e.args[0];
      if (e.args.length > 1 || (arg && arg.kind !== 'variable')) {
        throw new CompileError(`incremental '${e.name}' takes one attribute, as in ${e.name}(price)`, e.span);
      }
      let attrInfo: { name: string; type: Attribute['type'] } | undefined;
      let input: EventFn | undefined;
      if (arg) {
        const c = compileFn(ctx, arg, scope);
        attrInfo = { name: (arg as Variable).name, type: c.type };
        input = c.fn;
      }
      const inc = incrementalAggregator(e.name, e.name === 'count' ? undefined : attrInfo);
      if (typeof inc === 'string') throw new CompileError(inc, e.span);
      const slots = inc.bases.map((b) => {
        const at = bases.findIndex((x) => x.name === b.name);
        if (at >= 0) return at;
        return (
          bases.push({
            name: b.name,
            kind: b.kind,
            type: baseType(b.kind, attrInfo?.type),
            ...(b.kind === 'count' ? {} : { input }),
          }) - 1
        );
      });
      outputs.push({ kind: 'aggregate', finisher: inc.finish(slots) });
      attributes.push({ name, type: inc.returnType });
      return;
    }
    const g = e.kind === 'variable' ? def.selector.groupBy.findIndex((v) => sameVariable(v, e)) : -1;
    const c = compileFn(ctx, e, scope);
    if (g >= 0) {
      outputs.push({ kind: 'group', index: g });
    } else {
      outputs.push({ kind: 'latest', index: latest.push(c.fn) - 1 });
      latestAttributes.push({ name, type: c.type });
    }
    attributes.push({ name, type: c.type });
  });
  const seen = new Set<string>();
  for (const a of attributes) {
    if (seen.has(a.name)) throw new CompileError(`aggregation '${def.id}' has two outputs named '${a.name}'`, def.span);
    seen.add(a.name);
  }
  return {
    id: def.id,
    attributes,
    granularities,
    now: () => ctx.scheduler.now(),
    groupBy,
    groupByTypes: groupByCompiled.map((c) => c.type),
    groupByAttributes: def.selector.groupBy.map((v, i) => ({ name: v.name, type: groupByCompiled[i]!.type })),
    bases,
    latest,
    latestAttributes,
    outputs,
    ...(def.aggregateBy ? { timestamp: timestampFn(ctx, def.aggregateBy, scope) } : {}),
  };
}

/** The column type of a base value: sums of whole numbers are long, of fractions double. */
function baseType(kind: BaseKind, input: Attribute['type'] | undefined): Attribute['type'] {
  switch (kind) {
    case 'count':
      return 'long';
    case 'sum':
      return input === 'int' || input === 'long' ? 'long' : 'double';
    case 'set':
      return 'string';
    default:
      return input ?? 'double';
  }
}

function timestampFn(ctx: AppContext, by: Variable, scope: Scope): (d: unknown[], ts: number) => number {
  const { fn, type } = compileFn(ctx, by, scope);
  if (type === 'long' || type === 'int') {
    return (d, ts) => {
      const v = fn(d, ts);
      if (typeof v !== 'number') throw new Error(`'aggregate by ${by.name}' is ${String(v)}, not a timestamp`);
      return v;
    };
  }
  if (type === 'string') {
    return (d, ts) => {
      const v = fn(d, ts);
      if (typeof v !== 'string') throw new Error(`'aggregate by ${by.name}' is ${String(v)}, not a timestamp`);
      return unixTime(v);
    };
  }
  throw new CompileError(
    `'aggregate by ${by.name}' needs a long (epoch millis) or string timestamp, found ${type}`,
    by.span,
  );
}

function isAggregatorCall(ctx: AppContext, e: FunctionCall): boolean {
  const ns = e.namespace ?? '';
  if (ns === '' && INCREMENTAL.has(e.name)) return true;
  if (ctx.registry.implementation<AggregatorImpl>('aggregator', ns, e.name)) {
    throw new CompileError(
      `'${ns ? ns + ':' : ''}${e.name}' cannot aggregate incrementally; use sum, count, avg, min, max or distinctCount`,
      e.span,
    );
  }
  return false;
}

function sameVariable(a: Variable, b: Variable): boolean {
  return a.name === b.name && (a.streamId === undefined || b.streamId === undefined || a.streamId === b.streamId);
}
