/** What names an expression can see, and how a variable resolves among them (Siddhi's parseVariable rules). */
import type { Variable } from '../ast.js';
import { attrList, type Attr, type CheckContext, type MaybeType } from './context.js';
import type { SchemaKind } from './types.js';

/** One input of a query: a stream, a join side, a pattern state, an on-demand store, an output event. */
export interface ScopeSource {
  /** The id as written: `S`, `#S`, `!S`. */
  readonly id: string;
  /** The names that qualify it: its alias or event reference when given, else its id. */
  readonly qualifiers: readonly string[];
  readonly attributes: readonly Attr[];
  readonly kind: SchemaKind;
  /** Unknown attributes are not reported (an unknown extension or stream was involved). */
  readonly open: boolean;
  /** A counting pattern state (`e1=S<2:5>`, `e1=S+`): `e1[0].price`, `e1[last].price` index it. */
  readonly counting?: boolean;
}

export interface Scope {
  /** single: one stream; join: two sides; state: a pattern or sequence; target: an update/delete condition. */
  readonly mode: 'single' | 'join' | 'state' | 'target';
  readonly sources: readonly ScopeSource[];
  /** The pattern state whose filter is being checked: unqualified names resolve in it only. */
  readonly current?: number;
  /** The selector's output, visible to `having` and `order by`. */
  readonly output?: readonly Attr[];
  /** For `having`/`order by` of single-stream queries: only the output is visible (Siddhi's HAVING_STATE). */
  readonly outputOnly?: boolean;
  /** Visible by qualifier, and for unqualified names not found elsewhere: the table of `in T`, an update target. */
  readonly fallback?: ScopeSource;
  readonly aggregatorsAllowed: boolean;
}

export function qualifierOf(v: { streamId?: string; isInnerStream?: boolean; isFaultStream?: boolean }): string {
  return `${v.isInnerStream ? '#' : ''}${v.isFaultStream ? '!' : ''}${v.streamId ?? ''}`;
}

/** Name indexes of wide attribute lists (schemas are shared by every query that reads them). */
const attrIndexes = new WeakMap<readonly Attr[], Map<string, Attr>>();

/** The first attribute called `name`: a scan for short lists, an index (built once per list) for wide ones. */
export function findAttr(attrs: readonly Attr[], name: string): Attr | undefined {
  if (attrs.length <= 16) {
    for (const a of attrs) if (a.name === name) return a;
    return undefined;
  }
  let index = attrIndexes.get(attrs);
  if (!index) {
    index = new Map();
    for (const a of attrs) if (!index.has(a.name)) index.set(a.name, a);
    attrIndexes.set(attrs, index);
  }
  return index.get(name);
}

const find = findAttr;

function unknownAttribute(ctx: CheckContext, v: Variable, where: string, candidates: readonly Attr[]): undefined {
  ctx.error(
    v.span,
    `unknown attribute '${v.name}' in ${where}: expected one of ${attrList(candidates)}; check the spelling or add it to the definition`,
  );
  return undefined;
}

function describe(src: ScopeSource): string {
  const q = src.qualifiers[0];
  return q !== undefined && q !== src.id ? `'${src.id}' (as '${q}')` : `'${src.id}'`;
}

function resolveQualified(v: Variable, scope: Scope, ctx: CheckContext): MaybeType {
  const key = qualifierOf(v);
  const all = scope.fallback ? [...scope.sources, scope.fallback] : scope.sources;
  const src = all.find((s) => s.qualifiers.includes(key));
  if (!src) {
    const known = all.flatMap((s) => s.qualifiers);
    const what = scope.mode === 'state' ? 'stream or event reference' : 'stream';
    ctx.error(
      v.span,
      `unknown ${what} '${key}' in '${key}.${v.name}': expected ${known.length ? known.map((k) => `'${k}'`).join(', ') : 'no qualifier'}; ` +
        `use the alias or event reference the query gives its input`,
    );
    return undefined;
  }
  if (v.streamIndex !== undefined && scope.mode === 'state' && !src.counting && src.qualifiers[0] !== src.id) {
    // Siddhi accepts an index on any event reference; only indexes beyond the first event can never match.
    if (v.streamIndex.kind === 'at' && v.streamIndex.index > 0) {
      ctx.error(
        v.span,
        `'${key}[${v.streamIndex.index}]' indexes a state that matches one event: only counting states ('${key}=S<2:5>', '${key}=S+') collect several; use '${key}.${v.name}'`,
      );
      return undefined;
    }
  }
  const attr = find(src.attributes, v.name);
  if (attr) return attr.type;
  if (src.open) return undefined;
  return unknownAttribute(ctx, v, describe(src), src.attributes);
}

/** The type of a variable in the scope, reporting unknown, ambiguous and out-of-scope names. */
export function resolveVariable(v: Variable, scope: Scope, ctx: CheckContext): MaybeType {
  if (v.streamId !== undefined) return resolveQualified(v, scope, ctx);
  if (scope.output) {
    const out = find(scope.output, v.name);
    if (out) return out.type;
    if (scope.outputOnly) {
      if (scope.sources.some((s) => s.open)) return undefined;
      return unknownAttribute(
        ctx,
        v,
        "the select's output (having and order by see only the selected attributes)",
        scope.output,
      );
    }
  }
  if (scope.current !== undefined) {
    const src = scope.sources[scope.current];
    if (!src) return undefined;
    const attr = find(src.attributes, v.name);
    if (attr) return attr.type;
    if (scope.sources.some((s) => s.qualifiers.includes(v.name))) return 'object';
    if (src.open) return undefined;
    return unknownAttribute(ctx, v, describe(src), src.attributes);
  }
  const matches = scope.sources.filter((s) => find(s.attributes, v.name));
  if (matches.length > 1 && scope.mode !== 'target') {
    const names = matches.map((s) => `'${s.qualifiers[0] ?? s.id}.${v.name}'`).join(' or ');
    ctx.error(v.span, `ambiguous attribute '${v.name}': more than one input has it; qualify it as ${names}`);
    return undefined;
  }
  const first = matches[0];
  if (first) return find(first.attributes, v.name)?.type;
  if (scope.mode !== 'single' && scope.sources.some((s) => s.qualifiers.includes(v.name))) {
    // A bare event reference (`eventTimestamp(e1)`, `e2[last] is null`) stands for the whole event.
    return 'object';
  }
  if (scope.fallback) {
    const attr = find(scope.fallback.attributes, v.name);
    if (attr) return attr.type;
  }
  if (scope.sources.some((s) => s.open) || scope.fallback?.open) return undefined;
  const candidates = scope.sources.flatMap((s) => s.attributes);
  const where =
    scope.sources.length === 1 && scope.sources[0]
      ? describe(scope.sources[0])
      : `the inputs ${scope.sources.map(describe).join(', ')}`;
  return unknownAttribute(ctx, v, where, candidates);
}
