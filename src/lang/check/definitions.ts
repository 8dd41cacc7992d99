/** Registers the app's definitions as schemas and checks them (duplicates, annotations, windows, aggregations). */
import type { AggregationDefinition, AttributeDefinition, Definition, Span, WindowDefinition } from '../ast.js';
import { checkTableAnnotations, wantsFaultStream } from './annotations.js';
import { checkStreamAsync } from './async-annotations.js';
import { schemaText, type Attr, type CheckContext, type Schema } from './context.js';
import { tableResolver, type QueryEnv } from './env.js';
import { checkHandlerCall, singleScope } from './handlers.js';
import { checkInput } from './input.js';
import { resolveVariable } from './scope.js';
import { checkSelector } from './selector.js';
import type { SchemaKind } from './types.js';

function attrsOf(defs: readonly AttributeDefinition[]): Attr[] {
  return defs.map((a) => ({ name: a.name, type: a.type }));
}

function checkAttributeNames(ctx: CheckContext, id: string, defs: readonly AttributeDefinition[]): void {
  const seen = new Set<string>();
  for (const a of defs) {
    if (seen.has(a.name)) ctx.error(a.span, `attribute '${a.name}' is defined twice in '${id}'; rename one`);
    seen.add(a.name);
  }
}

function sameAttributes(a: readonly Attr[], b: readonly Attr[]): boolean {
  return a.length === b.length && a.every((x, i) => x.name === b[i]?.name && x.type === b[i]?.type);
}

/** Adds a schema; an identical redefinition of a stream or table is accepted, anything else reusing the id is an error. */
function define(ctx: CheckContext, schema: Schema, span: Span): void {
  const existing = ctx.schemas.get(schema.id);
  if (!existing) {
    ctx.schemas.set(schema.id, schema);
    return;
  }
  const streamLike = (k: SchemaKind): boolean => k === 'stream' || k === 'trigger';
  const sameKind =
    (existing.kind === schema.kind && (schema.kind === 'stream' || schema.kind === 'table')) ||
    (streamLike(existing.kind) && streamLike(schema.kind));
  if (sameKind && sameAttributes(existing.attributes, schema.attributes)) return;
  ctx.error(
    span,
    `'${schema.id}' is already defined as a ${existing.kind} ${schemaText(existing.attributes)}; ` +
      `a ${schema.kind} cannot reuse the id${sameKind ? ' with another schema' : ''}: rename one of them`,
  );
}

function kindOf(d: Definition): SchemaKind | undefined {
  switch (d.kind) {
    case 'streamDefinition':
      return 'stream';
    case 'tableDefinition':
      return 'table';
    case 'windowDefinition':
      return 'window';
    case 'triggerDefinition':
      return 'trigger';
    case 'aggregationDefinition':
      return 'aggregation';
    default:
      return undefined;
  }
}

/** First pass: every stream, table, window and trigger, plus fault streams and script functions. */
export function registerDefinitions(ctx: CheckContext, defs: readonly Definition[]): void {
  for (const d of defs) {
    switch (d.kind) {
      case 'streamDefinition':
      case 'tableDefinition':
      case 'windowDefinition': {
        checkAttributeNames(ctx, d.id, d.attributes);
        const kind = kindOf(d) ?? 'stream';
        define(ctx, { id: d.id, kind, attributes: attrsOf(d.attributes) }, d.span);
        if (d.kind === 'tableDefinition') checkTableAnnotations(ctx, d.id, d.attributes, d.annotations);
        if (d.kind === 'streamDefinition') checkStreamAsync(ctx, d.id, d.annotations);
        if (d.kind === 'streamDefinition' && wantsFaultStream(d.annotations)) {
          const attrs: Attr[] = [...attrsOf(d.attributes), { name: '_error', type: 'object' }];
          ctx.schemas.set(`!${d.id}`, { id: `!${d.id}`, kind: 'stream', attributes: attrs, fault: true });
        }
        break;
      }
      case 'triggerDefinition':
        define(ctx, { id: d.id, kind: 'trigger', attributes: [{ name: 'triggered_time', type: 'long' }] }, d.span);
        break;
      case 'functionDefinition':
        if (ctx.scriptFunctions.has(d.id)) ctx.error(d.span, `function '${d.id}' is defined twice; rename one`);
        ctx.scriptFunctions.set(d.id, d.returnType);
        break;
      case 'aggregationDefinition':
        break;
    }
  }
}

/** Second pass: window calls and aggregations, which read other definitions. */
export function checkDefinitionBodies(ctx: CheckContext, defs: readonly Definition[]): void {
  const env: QueryEnv = { ctx };
  for (const d of defs) {
    if (d.kind === 'windowDefinition') checkWindowDefinition(env, d);
    else if (d.kind === 'aggregationDefinition') checkAggregation(env, d);
  }
}

function checkWindowDefinition(env: QueryEnv, d: WindowDefinition): void {
  const src = { id: d.id, qualifiers: [d.id], attributes: attrsOf(d.attributes), kind: 'stream' as const, open: false };
  checkHandlerCall(env, d.window, ['window'], singleScope(src));
}

function checkAggregation(env: QueryEnv, d: AggregationDefinition): void {
  const { ctx } = env;
  const input = checkInput(env, d.input);
  const output = checkSelector(ctx, d.selector, input, tableResolver(env));
  if (d.aggregateBy) {
    const t = resolveVariable(
      d.aggregateBy,
      { mode: 'single', sources: input.sources, aggregatorsAllowed: false },
      ctx,
    );
    ctx.setType(d.aggregateBy, t);
    if (t !== undefined && t !== 'long' && t !== 'string') {
      ctx.error(
        d.aggregateBy.span,
        `'aggregate by ${d.aggregateBy.name}' needs a long (epoch millis) or string timestamp, but found ${t}`,
      );
    }
  }
  const attrs: Attr[] = [{ name: 'AGG_TIMESTAMP', type: 'long' }, ...output];
  define(ctx, { id: d.id, kind: 'aggregation', attributes: attrs, open: input.sources.some((s) => s.open) }, d.span);
}
