/** Checks an on-demand (store) query against the schemas of a checked app. */
import type { OnDemandQuery } from '../ast.js';
import type { Catalog } from '../catalog.js';
import { CheckContext, fromPublicSchema, type Attr } from './context.js';
import { sourceOf, tableResolver, type QueryEnv } from './env.js';
import { checkPer, typeOf } from './expressions.js';
import type { InputScope } from './input.js';
import { checkOutput } from './output.js';
import { checkSelector } from './selector.js';
import type { OnDemandCheckResult, StreamSchema } from './types.js';

function checkStore(env: QueryEnv, q: OnDemandQuery): InputScope {
  const { ctx } = env;
  const input = q.input;
  if (!input) return { mode: 'single', sources: [] };
  const schema = ctx.schemas.get(input.storeId);
  if (!schema || (schema.kind !== 'table' && schema.kind !== 'window' && schema.kind !== 'aggregation')) {
    ctx.error(
      input.span,
      schema
        ? `an on-demand query reads a table, window or aggregation, but '${input.storeId}' is a ${schema.kind}`
        : `unknown table, window or aggregation '${input.storeId}': on-demand queries read only those the app defines`,
    );
    return {
      mode: 'single',
      sources: [{ id: input.storeId, qualifiers: [input.storeId], attributes: [], kind: 'table', open: true }],
    };
  }
  const src = sourceOf(schema, input.alias ? [input.storeId, input.alias] : [input.storeId], input.storeId);
  const exprEnv = {
    ctx,
    scope: { mode: 'single' as const, sources: [src], aggregatorsAllowed: false },
    table: tableResolver(env),
  };
  if (schema.kind === 'aggregation') {
    if ((input.within === undefined) !== (input.per === undefined)) {
      ctx.error(
        input.span,
        `an on-demand query on aggregation '${input.storeId}' needs both 'within' and 'per', or neither`,
      );
    }
  } else if (input.within || input.per) {
    ctx.error(
      input.span,
      `'within' and 'per' apply only to aggregations, and '${input.storeId}' is a ${schema.kind}; remove them`,
    );
  }
  if (input.within) {
    typeOf(input.within.start, exprEnv);
    if (input.within.end) typeOf(input.within.end, exprEnv);
  }
  if (input.per) checkPer(input.per, exprEnv);
  if (input.on) {
    const t = typeOf(input.on, exprEnv);
    if (t !== undefined && t !== 'bool') ctx.error(input.on.span, `the 'on' condition must be bool, but found ${t}`);
  }
  return { mode: 'single', sources: [src] };
}

/** Checks `query` against `schemas` (from `checkApp`): stores must exist and be tables, windows or aggregations. */
export function checkOnDemandQuery(
  query: OnDemandQuery,
  schemas: ReadonlyMap<string, StreamSchema>,
  catalog: Catalog,
): OnDemandCheckResult {
  const ctx = new CheckContext(catalog);
  for (const [k, s] of schemas) ctx.schemas.set(k, fromPublicSchema(s));
  const env: QueryEnv = { ctx };
  const input = checkStore(env, query);
  const output: Attr[] = checkSelector(ctx, query.selector, input, tableResolver(env));
  const out = query.output;
  if (out) {
    const target = ctx.schemas.get(out.target);
    if (out.kind === 'insert' && (!target || target.kind !== 'table')) {
      ctx.error(
        out.span,
        target
          ? `an on-demand query can insert only into a table, but '${out.target}' is a ${target.kind}`
          : `unknown table '${out.target}': an on-demand query can insert only into a table the app defines`,
      );
    } else {
      checkOutput(
        env,
        out,
        output,
        input.sources.flatMap((s) => s.qualifiers),
      );
    }
  }
  const diagnostics = [...ctx.diagnostics].sort((a, b) => a.offset - b.offset);
  return { diagnostics, types: ctx.types, output: output.map((a) => ({ name: a.name, type: a.type ?? 'object' })) };
}
