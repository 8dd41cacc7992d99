/** Checks the handlers of one input stream (filters, windows, stream functions) in written order. */
import type { Expression, ExtensionCall, SingleInputStream, Span } from '../ast.js';
import { appendedAttributesOfCall, type ExtensionKind } from '../catalog.js';
import type { Attr } from './context.js';
import { lookupSchema, schemaKey, sourceOf, tableResolver, type QueryEnv } from './env.js';
import { typeOf } from './expressions.js';
import { checkExtensionArgs, constantValue, qualifiedName, unknownExtensionMessage } from './extension-call.js';
import type { Scope, ScopeSource } from './scope.js';

/** The source of a single input stream before its handlers, or an open placeholder after reporting it unknown. */
export function baseSource(env: QueryEnv, s: SingleInputStream, qualifiers: readonly string[]): ScopeSource {
  const key = schemaKey(s.streamId, s.isInnerStream, s.isFaultStream);
  const schema = lookupSchema(env, s.streamId, s.isInnerStream, s.isFaultStream);
  if (schema) return sourceOf(schema, qualifiers, key);
  const what = s.isInnerStream
    ? 'inner stream'
    : s.isFaultStream
      ? 'fault stream'
      : 'stream, table, window or aggregation';
  const hint = s.isInnerStream
    ? `inner streams are defined by an 'insert into ${key}' in the same partition`
    : s.isFaultStream
      ? `fault streams exist for streams annotated @OnError(action='STREAM')`
      : `define it ('define stream ${s.streamId} (...)') or fix the name`;
  env.ctx.error(s.span, `unknown ${what} '${key}': ${hint}`);
  return { id: key, qualifiers, attributes: [], kind: 'stream', open: true };
}

/** The variables `fn(*)` stands for: every attribute of the (current) stream of the scope. */
function starArguments(scope: Scope, span: Span): Expression[] {
  const src = scope.sources[scope.current ?? 0];
  return (src?.attributes ?? []).map((a) => ({ kind: 'variable', name: a.name, span }));
}

/** Checks a `#window.x(...)` or `#x(...)` call's arguments in the scope of the stream it applies to. */
export function checkHandlerCall(
  env: QueryEnv,
  call: ExtensionCall,
  kinds: readonly ExtensionKind[],
  scope: Scope,
): { found: boolean; appended: readonly Attr[] } {
  const { ctx } = env;
  const exprEnv = { ctx, scope, table: tableResolver(env) };
  // `#fn(*)` passes every attribute of the stream it applies to.
  const args: readonly Expression[] = call.star ? starArguments(scope, call.span) : call.args;
  const types = args.map((a) => typeOf(a, exprEnv));
  const ns = call.namespace ?? '';
  for (const kind of kinds) {
    const spec = ctx.catalog.lookup(kind, ns, call.name);
    if (!spec) continue;
    const what = kind === 'window' ? 'window' : kind === 'streamFunction' ? 'stream function' : 'stream processor';
    checkExtensionArgs(ctx, spec, `${what} '${qualifiedName(call.namespace, call.name)}'`, call.span, args, types);
    const appended = appendedAttributesOfCall(
      spec,
      types.map((t) => t ?? 'object'),
      args.map(constantValue),
      args.map((a) => (a.kind === 'variable' ? a.name : undefined)),
    );
    return { found: true, appended: appended.map((a) => ({ name: a.name, type: a.type })) };
  }
  const what = kinds[0] === 'window' ? 'window' : 'stream function or stream processor';
  ctx.error(call.span, unknownExtensionMessage(what, call.namespace, call.name));
  return { found: false, appended: [] };
}

/**
 * Applies the handlers of `s` to `source`: filters must be bool, windows and stream functions are looked up,
 * appended attributes extend the source. `scopeFor` builds the scope a handler's expressions see.
 */
export function applyHandlers(
  env: QueryEnv,
  s: SingleInputStream,
  source: ScopeSource,
  scopeFor: (src: ScopeSource) => Scope,
): ScopeSource {
  let src = source;
  for (const h of s.handlers) {
    const scope = scopeFor(src);
    if (h.kind === 'filter') {
      const t = typeOf(h.condition, { ctx: env.ctx, scope, table: tableResolver(env) });
      if (t !== undefined && t !== 'bool') {
        env.ctx.error(
          h.condition.span,
          `the filter condition of '${src.id}' must be bool, but found ${t}; compare it, e.g. '[x > 0]'`,
        );
      }
    } else if (h.kind === 'window') {
      if (src.kind === 'window' || src.kind === 'table' || src.kind === 'aggregation') {
        env.ctx.error(
          h.span,
          `'${src.id}' is a ${src.kind}: a window cannot be applied to it; define the window on a stream instead`,
        );
      }
      checkHandlerCall(env, h.call, ['window'], scope);
    } else {
      const r = checkHandlerCall(env, h.call, ['streamFunction', 'streamProcessor'], scope);
      src = { ...src, attributes: [...src.attributes, ...r.appended], open: src.open || !r.found };
    }
  }
  return src;
}

export function singleScope(src: ScopeSource, aggregatorsAllowed = false): Scope {
  return { mode: 'single', sources: [src], aggregatorsAllowed };
}
