/** Builds the scope of a query's input: a single stream, a join, or a pattern/sequence. */
import type {
  AnonymousInputStream,
  InputStream,
  JoinInputStream,
  SingleInputStream,
  StateElement,
  StateInputStream,
} from '../ast.js';
import { schemaKey, tableResolver, type QueryEnv } from './env.js';
import { checkPer, typeOf } from './expressions.js';
import { applyHandlers, baseSource, singleScope } from './handlers.js';
import type { Scope, ScopeSource } from './scope.js';

export interface InputScope {
  readonly mode: 'single' | 'join' | 'state';
  readonly sources: readonly ScopeSource[];
}

export function checkInput(env: QueryEnv, input: InputStream): InputScope {
  switch (input.kind) {
    case 'single':
      return checkSingle(env, input);
    case 'join':
      return checkJoin(env, input);
    case 'anonymous':
      return checkAnonymous(env, input);
    default:
      return checkState(env, input);
  }
}

/**
 * Siddhi parses an anonymous inner query but cannot run one (the app fails to build on its undefined stream):
 * reported here, and the outer query reads an open scope so no further errors follow from it.
 */
function checkAnonymous(env: QueryEnv, a: AnonymousInputStream): InputScope {
  env.ctx.error(
    a.span,
    "anonymous inner queries ('from (from ... return)') cannot run: insert the inner query's output into a " +
      "stream ('insert into S') and read that stream in the outer query",
  );
  return { mode: 'single', sources: [{ id: '', qualifiers: [], attributes: [], kind: 'stream', open: true }] };
}

function checkSingle(env: QueryEnv, s: SingleInputStream): InputScope {
  const key = schemaKey(s.streamId, s.isInnerStream, s.isFaultStream);
  let src = baseSource(env, s, s.alias ? [key, s.alias] : [key]);
  if (src.kind === 'table' || src.kind === 'aggregation') {
    env.ctx.error(
      s.span,
      `${src.kind} '${key}' cannot be the input of a query: it produces no events; join it with a stream ` +
        `('from S join ${key} on ...') or read it with an on-demand query`,
    );
    src = { ...src, open: true };
  }
  src = applyHandlers(env, s, src, (x) => singleScope(x));
  return { mode: 'single', sources: [src] };
}

function joinSide(env: QueryEnv, s: SingleInputStream): ScopeSource {
  // Siddhi's grammar gives a join input its filters and stream functions, then at most one window, last.
  const w = s.handlers.findIndex((h) => h.kind === 'window');
  const win = s.handlers[w];
  const after = s.handlers[w + 1];
  if (win?.kind === 'window' && after) {
    const what = after.kind === 'filter' ? 'filter' : 'stream function';
    env.ctx.error(
      after.span,
      `in a join, the window must come last on '${s.alias ?? s.streamId}'; move this ${what} before '#window.${win.call.name}(...)'`,
    );
  }
  const key = schemaKey(s.streamId, s.isInnerStream, s.isFaultStream);
  const base = baseSource(env, s, s.alias ? [s.alias, key] : [key]);
  const src = applyHandlers(env, s, base, (x) => singleScope(x));
  return { ...src, qualifiers: [s.alias ?? key] };
}

function checkJoin(env: QueryEnv, j: JoinInputStream): InputScope {
  const { ctx } = env;
  const left = joinSide(env, j.left);
  const right = joinSide(env, j.right);
  const isStatic = (s: ScopeSource): boolean => s.kind === 'table' || s.kind === 'aggregation';
  if (isStatic(left) && isStatic(right)) {
    ctx.error(
      j.span,
      `both inputs of the join, '${left.id}' and '${right.id}', are ${left.kind === right.kind ? `${left.kind}s` : 'tables or aggregations'}: ` +
        `nothing would trigger it; join one of them with a stream or window`,
    );
  }
  const aggregation = left.kind === 'aggregation' || right.kind === 'aggregation';
  const sources = [left, right];
  const scope: Scope = { mode: 'join', sources, aggregatorsAllowed: false };
  const exprEnv = { ctx, scope, table: tableResolver(env) };
  if (!aggregation && (j.within || j.per)) {
    ctx.error(
      (j.within ?? j.per)?.span ?? j.span,
      `'${j.within ? 'within' : 'per'}' applies only when joining an aggregation, and neither '${left.id}' nor '${right.id}' is one; remove it`,
    );
  }
  if (j.within) {
    typeOf(j.within.start, exprEnv);
    if (j.within.end) typeOf(j.within.end, exprEnv);
  }
  if (j.per) checkPer(j.per, exprEnv);
  if (j.on) {
    const t = typeOf(j.on, exprEnv);
    if (t !== undefined && t !== 'bool') ctx.error(j.on.span, `the join condition ('on') must be bool, but found ${t}`);
  }
  return { mode: 'join', sources };
}

interface StateStream {
  readonly stream: SingleInputStream;
  readonly ref?: string;
  readonly counting: boolean;
}

function collect(e: StateElement, counting: boolean, out: StateStream[]): void {
  switch (e.kind) {
    case 'streamState':
      out.push({ stream: e.stream, ref: e.eventRef, counting });
      return;
    case 'absentState':
      out.push({ stream: e.stream, counting: false });
      return;
    case 'countState':
      collect(e.element, true, out);
      return;
    case 'logicalState':
      collect(e.left, counting, out);
      collect(e.right, counting, out);
      return;
    case 'nextState':
      collect(e.first, counting, out);
      collect(e.next, counting, out);
      return;
    case 'everyState':
    case 'groupState':
      collect(e.element, counting, out);
      return;
  }
}

function checkState(env: QueryEnv, input: StateInputStream): InputScope {
  const states: StateStream[] = [];
  collect(input.state, false, states);
  const sources: ScopeSource[] = states.map((st) => {
    const key = schemaKey(st.stream.streamId, st.stream.isInnerStream, st.stream.isFaultStream);
    let src = baseSource(env, st.stream, [st.ref ?? key]);
    if (src.kind === 'table' || src.kind === 'aggregation') {
      env.ctx.error(
        st.stream.span,
        `${src.kind} '${key}' cannot be part of a ${input.kind}: only streams and windows produce events`,
      );
      src = { ...src, open: true };
    }
    return { ...src, counting: st.counting };
  });
  states.forEach((st, i) => {
    const src = sources[i];
    if (!src) return;
    sources[i] = applyHandlers(env, st.stream, src, (x) => {
      const current = sources.map((s, k) => (k === i ? x : s));
      return { mode: 'state', sources: current, current: i, aggregatorsAllowed: false };
    });
  });
  return { mode: 'state', sources };
}
