/**
 * Builds a pattern or sequence query: state processors over the input streams → selector (one
 * match per output event) → output rate limiter → callbacks and output action.
 */
import type { Query, SingleInputStream, StateElement } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import { compileSelector } from '../../plan/selector-codegen.js';
import type { AppExtensionContext } from '../app/app-extensions.js';
import {
  createOutput,
  createSelector,
  queryName,
  queryRateLimiter,
  type QueryEnvironment,
} from '../app/build-query.js';
import type { AppContext } from '../app/app-context.js';
import type { QuerySelector } from '../query/selector.js';
import { buildStates, type LeafState } from './build-states.js';
import type { StateFilter } from './pattern-context.js';
import { PatternRuntime } from './pattern-runtime.js';
import { PatternScope, type SlotInfo } from './pattern-scope.js';

function groupWithin(el: StateElement): number | undefined {
  switch (el.kind) {
    case 'groupState':
      return el.withinMillis ?? groupWithin(el.element);
    case 'everyState':
      return groupWithin(el.element);
    case 'nextState':
      return groupWithin(el.first) ?? groupWithin(el.next);
    default:
      return undefined;
  }
}

function compileFilter(ctx: AppContext, leaf: LeafState, slots: readonly SlotInfo[]): StateFilter | undefined {
  const conds: string[] = [];
  const c = new ExpressionCompiler(ctx.resolver);
  const scope = new PatternScope(slots, { current: leaf.slot });
  for (const h of leaf.stream.handlers) {
    if (h.kind !== 'filter') {
      throw new CompileError(`'${h.kind}' handlers are not supported inside patterns and sequences`, h.span);
    }
    const r = c.compile(h.condition, scope);
    if (r.type !== 'bool' && r.type !== 'object') {
      throw new CompileError(`a filter needs a bool condition, found ${r.type}`, h.condition.span);
    }
    conds.push(`${r.code} === true`);
  }
  if (conds.length === 0) return undefined;
  return instantiate<StateFilter>(
    ['d', 'x', 'ts'],
    `${c.tempDeclarations()}\nreturn ${conds.join(' && ')};`,
    c.functions,
  );
}

export function buildPatternQuery(ext: AppExtensionContext, query: Query, env: QueryEnvironment): PatternRuntime {
  const ctx = ext.ctx;
  const input = query.input;
  if (input.kind !== 'pattern' && input.kind !== 'sequence') {
    throw new CompileError('internal: not a pattern or sequence query', query.span);
  }
  const name = queryName(query, ctx);
  const key = `${env.keyPrefix}${name}`;
  const junctions = new Map<string, ReturnType<QueryEnvironment['inputJunction']>>();
  const junctionOf = (s: SingleInputStream): ReturnType<QueryEnvironment['inputJunction']> => {
    let j = junctions.get(s.streamId);
    if (!j) junctions.set(s.streamId, (j = env.inputJunction(s)));
    return j;
  };

  const holder: { selector?: QuerySelector } = {};
  let limiterProcess: (chunk: import('../event/stream-event.js').StreamEvent[]) => void = () => {};
  const runtime = new PatternRuntime(
    input.kind === 'sequence',
    ctx.scheduler,
    (e) => holder.selector!.process([e]),
    (e) => limiterProcess([e]),
  );
  const states = buildStates(input.state, runtime.pc, (s) => junctionOf(s).attributes);
  const slots = states.leaves.map((l) => l.slot);
  for (const leaf of states.leaves) leaf.pre.filter = compileFilter(ctx, leaf, slots);
  runtime.attach(states, input.withinMillis ?? groupWithin(input.state));

  const scope = new PatternScope(slots);
  const compiled = compileSelector(query.selector, { all: scope.all(), scope }, ctx.resolver);
  const output = createOutput(query, env.outputAction(query, compiled.output));
  ctx.queryOutputs.set(key, output);
  const limiter = queryRateLimiter(ctx, query, compiled, false, output.send, key);
  limiterProcess = (chunk) => limiter.process(chunk);
  const sel = createSelector(compiled, query, false, runtime.collect);
  holder.selector = sel;
  ctx.stateful.set(`${key}/selector`, {
    snapshot: () => sel.snapshot(),
    restore: (s) => sel.restore(s as ReturnType<QuerySelector['snapshot']>),
  });
  ctx.stateful.set(`${key}/pattern`, runtime);
  ctx.lifecycle.push(runtime);
  for (const id of runtime.streams()) {
    const leaf = states.leaves.find((l) => l.stream.streamId === id)!;
    junctionOf(leaf.stream).subscribe(runtime.sink(id));
  }
  return runtime;
}
