/** Where a query looks names up: the app's schemas, plus the inner streams of its partition. */
import type { CheckContext, Schema } from './context.js';
import type { TableResolver } from './expressions.js';
import type { ScopeSource } from './scope.js';

export interface QueryEnv {
  readonly ctx: CheckContext;
  /** Inner streams (`#S`) of the enclosing partition, keyed `#S`; undefined outside partitions. */
  readonly inner?: Map<string, Schema>;
}

export function schemaKey(id: string, inner: boolean, fault: boolean): string {
  return `${inner ? '#' : ''}${fault ? '!' : ''}${id}`;
}

export function lookupSchema(env: QueryEnv, id: string, inner: boolean, fault: boolean): Schema | undefined {
  const key = schemaKey(id, inner, fault);
  return inner ? env.inner?.get(key) : env.ctx.schemas.get(key);
}

export function sourceOf(schema: Schema, qualifiers: readonly string[], key: string): ScopeSource {
  return {
    id: key,
    qualifiers,
    attributes: schema.attributes,
    kind: schema.kind,
    open: schema.open ?? false,
  };
}

/** `in T` reads a table (Siddhi resolves it in the table map only). */
export function tableResolver(env: QueryEnv): TableResolver {
  return (id) => {
    const s = env.ctx.schemas.get(id);
    if (!s || s.kind !== 'table') return undefined;
    return sourceOf(s, [id], id);
  };
}
