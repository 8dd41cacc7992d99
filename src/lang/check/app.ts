/** The checker's entry: a whole app. */
import type { SiddhiApp } from '../ast.js';
import type { Catalog } from '../catalog.js';
import { checkAppAsync } from './async-annotations.js';
import { CheckContext, toPublicSchema } from './context.js';
import { checkDefinitionBodies, registerDefinitions } from './definitions.js';
import { checkPartition } from './partition.js';
import { checkQuery, type CheckedQuery } from './query.js';
import type { CheckResult, QueryInfo, StreamSchema } from './types.js';

function publicQuery(q: CheckedQuery): QueryInfo {
  return {
    query: q.query,
    output: q.output.map((a) => ({ name: a.name, type: a.type ?? 'object' })),
    ...(q.partition ? { partition: q.partition } : {}),
  };
}

/** Checks an app against the extensions of `catalog`: every problem as a diagnostic, plus types and schemas. */
export function checkApp(app: SiddhiApp, catalog: Catalog): CheckResult {
  const ctx = new CheckContext(catalog);
  checkAppAsync(ctx, app.annotations);
  registerDefinitions(ctx, app.definitions);
  checkDefinitionBodies(ctx, app.definitions);
  const queries: CheckedQuery[] = [];
  for (const el of app.elements) {
    if (el.kind === 'query') queries.push(checkQuery({ ctx }, el));
    else queries.push(...checkPartition(ctx, el));
  }
  const schemas = new Map<string, StreamSchema>();
  for (const [k, s] of ctx.schemas) schemas.set(k, toPublicSchema(s));
  for (const [k, s] of ctx.innerSchemas) if (!schemas.has(k)) schemas.set(k, toPublicSchema(s));
  const diagnostics = [...ctx.diagnostics].sort((a, b) => a.offset - b.offset);
  return { diagnostics, types: ctx.types, schemas, queries: queries.map(publicQuery) };
}
