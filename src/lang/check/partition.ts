/** Checks a partition: its partitioned streams and keys, and its queries with their own inner streams. */
import type { Partition } from '../ast.js';
import type { CheckContext, Schema } from './context.js';
import { sourceOf, tableResolver, type QueryEnv } from './env.js';
import { typeOf } from './expressions.js';
import { singleScope } from './handlers.js';
import { checkQuery, type CheckedQuery } from './query.js';

export function checkPartition(ctx: CheckContext, p: Partition): CheckedQuery[] {
  const env: QueryEnv = { ctx, inner: new Map<string, Schema>() };
  for (const pt of p.partitionTypes) {
    const schema = ctx.schemas.get(pt.streamId);
    if (!schema || (schema.kind !== 'stream' && schema.kind !== 'window' && schema.kind !== 'trigger')) {
      ctx.error(
        pt.span,
        schema
          ? `cannot partition ${schema.kind} '${pt.streamId}': only streams can be partitioned`
          : `unknown stream '${pt.streamId}' in 'partition with': define it ('define stream ${pt.streamId} (...)') or fix the name`,
      );
      continue;
    }
    const exprEnv = {
      ctx,
      scope: singleScope(sourceOf(schema, [pt.streamId], pt.streamId)),
      table: tableResolver(env),
    };
    if (pt.kind === 'valuePartition') {
      typeOf(pt.expression, exprEnv);
    } else {
      for (const r of pt.ranges) {
        const t = typeOf(r.condition, exprEnv);
        if (t !== undefined && t !== 'bool') {
          ctx.error(
            r.condition.span,
            `the range condition of partition label '${r.label}' must be bool, but found ${t}`,
          );
        }
      }
    }
  }
  return p.queries.map((q) => checkQuery(env, q, p));
}
