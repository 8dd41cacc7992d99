/**
 * Builds a join query (Siddhi's JoinInputStreamParser): each side's chain (filters, stream
 * functions, window), a join step per triggering side that probes the other side, then the
 * selector → output rate limiter → callbacks and output action, as a single-stream query has.
 *
 * Sides are streams (probed through their window; without one they hold nothing), named windows
 * (probed through their contents, and they trigger with what they emit), tables (probed, never
 * trigger) or, through `installJoinSource`, incremental aggregations.
 */
import type { Expression, JoinInputStream, Query, SingleInputStream } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import { compileSelector } from '../../plan/selector-codegen.js';
import type { AppExtensionContext } from '../app/app-extensions.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import {
  createOutput,
  createSelector,
  queryCode,
  outputEventFlags,
  queryName,
  queryRateLimiter,
  type QueryEnvironment,
} from '../app/build-query.js';
import { buildStreamChain, type StreamChain } from '../app/build-stream-chain.js';
import { streamScope } from '../app/stream-scope.js';
import type { ChunkSink, StreamEvent } from '../event/stream-event.js';
import type { NamedWindow } from '../named-window/named-window.js';
import type { QuerySelector } from '../query/selector.js';
import { appStores } from '../table/app-stores.js';
import { withStoresIn } from '../table/in-scope.js';
import type { Table } from '../table/table.js';
import type { WindowProcessor } from '../windows/window.js';
import { GroupedEmitter, ProjectingEmitter } from './join-emitter.js';
import { conjuncts, joinScope, sidesRead, type JoinScope, type SideIndex } from './join-scope.js';
import { resolveJoinSource, type StaticJoinSource } from './join-sources.js';
import { FIFO_WINDOWS, KeyIndex } from './key-index.js';
import { emptyProbe, FindableProbe, IndexProbe, ScanProbe, type PairTest, type Probe } from './probe.js';
import { passThroughEmpty, SideJoiner, type JoinEmitter } from './side-joiner.js';

type Junction = ReturnType<QueryEnvironment['inputJunction']>;

type Side =
  | { readonly kind: 'stream'; readonly input: SingleInputStream; readonly source: Junction }
  | { readonly kind: 'window'; readonly input: SingleInputStream; readonly window: NamedWindow }
  | { readonly kind: 'table'; readonly input: SingleInputStream; readonly table: Table }
  | { readonly kind: 'static'; readonly input: SingleInputStream; readonly source: StaticJoinSource };

/** What the built join exposes (tests read the probe plans). */
export interface JoinQueryInfo {
  readonly name: string;
  /** How each side is probed when the other side's events arrive: undefined when that never happens. */
  readonly plans: readonly [string | undefined, string | undefined];
}

const SIDE_NAMES = ['left', 'right'] as const;

function sideName(input: SingleInputStream): string {
  return input.alias ?? input.streamId;
}

function resolveSide(
  ext: AppExtensionContext,
  input: SingleInputStream,
  join: JoinInputStream,
  env: QueryEnvironment,
): Side {
  if (!input.isInnerStream && !input.isFaultStream) {
    const stores = appStores(ext.ctx);
    const table = stores.tables.get(input.streamId);
    if (table) return { kind: 'table', input, table };
    const window = stores.windows.get(input.streamId);
    if (window) return { kind: 'window', input, window };
    const source = resolveJoinSource(ext, input, join);
    if (source) return { kind: 'static', input, source };
  }
  return { kind: 'stream', input, source: env.inputJunction(input) };
}

function checkNoHandlers(side: Side, what: string): void {
  const h = side.input.handlers[0];
  if (h) {
    throw new CompileError(
      `'${side.input.streamId}' is a ${what}: it cannot take filters, stream functions or windows in a join`,
      h.span,
    );
  }
}

function compilePairTest(ctx: AppContext, on: Expression, scope: JoinScope): PairTest {
  const c = new ExpressionCompiler(ctx.resolver);
  const r = c.compile(on, withStoresIn(scope, ctx));
  if (r.type !== 'bool' && r.type !== 'object') {
    throw new CompileError(`a join's 'on' condition needs a bool value, found ${r.type}`, on.span);
  }
  return instantiate<PairTest>(['d', 'ts'], `${c.tempDeclarations()}\nreturn ${r.code} === true;`, c.functions);
}

const KEYABLE = new Set(['int', 'long', 'double']);

/**
 * Finds an equality conjunct `A == B` where A reads only the probed side and B only the arriving
 * event (or nothing): A keys the probed side's index, B the lookup.
 */
function equalityKey(
  ctx: AppContext,
  on: Expression,
  scope: JoinScope,
  sides: readonly [Attribute[], Attribute[]],
  names: readonly [string, string],
  probed: SideIndex,
):
  | { row: (d: unknown[], ts: number) => unknown; lookup: (d: unknown[], ts: number) => unknown; exact: boolean }
  | undefined {
  const parts = conjuncts(on);
  for (const part of parts) {
    if (part.kind !== 'binary' || part.op !== '==') continue;
    for (const [a, b] of [
      [part.left, part.right],
      [part.right, part.left],
    ] as const) {
      const ra = sidesRead(a, scope);
      const rb = sidesRead(b, scope);
      if (ra.size !== 1 || !ra.has(probed) || rb.has(probed)) continue;
      const trigger = (1 - probed) as SideIndex;
      const single = (s: SideIndex): JoinScope =>
        joinScope(
          [
            { name: names[0], attributes: sides[0] },
            { name: names[1], attributes: sides[1] },
          ],
          (side, i) => (side === s ? `d[${i}]` : 'undefined'),
        );
      const ca = new ExpressionCompiler(ctx.resolver);
      const ka = ca.compile(a, single(probed));
      const cb = new ExpressionCompiler(ctx.resolver);
      const kb = cb.compile(b, single(trigger));
      const sameKind =
        ka.type === kb.type
          ? ka.type !== 'float' && ka.type !== 'object'
          : KEYABLE.has(ka.type) && KEYABLE.has(kb.type);
      if (!sameKind) continue;
      const fn = (c: ExpressionCompiler, code: string): ((d: unknown[], ts: number) => unknown) =>
        instantiate(['d', 'ts'], `${c.tempDeclarations()}\nreturn ${code};`, c.functions);
      return { row: fn(ca, ka.code), lookup: fn(cb, kb.code), exact: parts.length === 1 };
    }
  }
  return undefined;
}

export function buildJoinQuery(ext: AppExtensionContext, query: Query, env: QueryEnvironment): JoinQueryInfo {
  const ctx = ext.ctx;
  const join = query.input;
  if (join.kind !== 'join') throw new CompileError('internal: not a join query', query.span);
  const name = queryName(query, ctx);
  const key = `${env.keyPrefix}${name}`;
  const sides: [Side, Side] = [resolveSide(ext, join.left, join, env), resolveSide(ext, join.right, join, env)];
  const isStatic = (s: Side): boolean => s.kind === 'table' || s.kind === 'static';
  if (isStatic(sides[0]) && isStatic(sides[1])) {
    throw new CompileError(
      `both inputs of the join, '${join.left.streamId}' and '${join.right.streamId}', are tables or aggregations; one side must be a stream or a window`,
      join.span,
    );
  }
  if ((join.within || join.per) && !sides.some((s) => s.kind === 'static')) {
    throw new CompileError(
      `when joining '${join.left.streamId}' and '${join.right.streamId}', 'within' and 'per' need an aggregation on one side`,
      (join.within ?? join.per)!.span,
    );
  }

  // The chains of the sides that have one; their output goes to `sinks`, wired at the end.
  const sinks: [ChunkSink, ChunkSink] = [() => {}, () => {}];
  const chains: [StreamChain | undefined, StreamChain | undefined] = [undefined, undefined];
  const mirrors: [KeyIndex | undefined, KeyIndex | undefined] = [undefined, undefined];
  // Whether the events leaving a side's window change nothing but its key index: no joined expired
  // event is read. They then leave one by one, with no object made for them (see `LeaveSink`).
  const quietLeaving: [boolean, boolean] = [false, false];
  const attributes: [Attribute[], Attribute[]] = [[], []];
  for (const s of [0, 1] as const) {
    const side = sides[s];
    const input = side.input;
    if (side.kind === 'stream' || side.kind === 'window') {
      const wi = input.handlers.findIndex((h) => h.kind === 'window');
      if (wi >= 0 && side.kind === 'window') {
        throw new CompileError(
          `'${input.streamId}' is a named window: it cannot take another window`,
          input.handlers[wi]!.span,
        );
      }
      if (wi >= 0 && wi < input.handlers.length - 1) {
        // Siddhi probes the window itself, so it must end the side's chain.
        throw new CompileError(
          `in a join, the window must be the last handler of '${input.streamId}': move the filter or stream function before '#window.${(input.handlers[wi] as { call: { name: string } }).call.name}'`,
          input.handlers[wi + 1]!.span,
        );
      }
      const base = side.kind === 'stream' ? side.source.attributes : side.window.attributes;
      const names = input.alias ? [input.streamId, input.alias] : [input.streamId];
      const chain = buildStreamChain(ctx, input, base, (c) => sinks[s](c), {
        names,
        own: queryCode(query),
        leave: () => ({ active: () => quietLeaving[s], leave: (ts, d) => mirrors[s]?.remove(d, ts) }),
        onWindow: (w: WindowProcessor) => {
          ctx.stateful.set(`${key}/window/${SIDE_NAMES[s]}`, {
            snapshot: () => w.snapshot(),
            restore: (state) => {
              w.restore(state);
              mirrors[s]?.reset(w.contents());
            },
          });
          ctx.lifecycle.push(w);
        },
        onState: (id, state) => ctx.stateful.set(`${key}/${SIDE_NAMES[s]}/${id}`, state),
      });
      chains[s] = chain;
      attributes[s] = [...chain.attributes];
    } else if (side.kind === 'table') {
      checkNoHandlers(side, 'table');
      attributes[s] = [...side.table.attributes];
    } else {
      checkNoHandlers(side, 'aggregation');
      attributes[s] = [...side.source.attributes];
    }
  }

  const names: [string, string] = [sideName(join.left), sideName(join.right)];
  const scope = joinScope([
    { name: names[0], attributes: attributes[0] },
    { name: names[1], attributes: attributes[1] },
  ]);
  const test = join.on ? compilePairTest(ctx, join.on, scope) : undefined;

  // Which sides trigger: streams and named windows, per `unidirectional`. A named window joined
  // with itself is fed once, to the left side (as Siddhi's shared receiver does).
  const sameWindow = sides[0].kind === 'window' && sides[1].kind === 'window' && sides[0].window === sides[1].window;
  const triggers: [boolean, boolean] = [
    !isStatic(sides[0]) && join.trigger !== 'right',
    !isStatic(sides[1]) && join.trigger !== 'left' && !sameWindow,
  ];

  const probeOf = (probed: SideIndex): Probe => {
    const trigger = (1 - probed) as SideIndex;
    const side = sides[probed];
    if (side.kind === 'table' || side.kind === 'window' || side.kind === 'static') {
      const cc = {
        names: [names[probed]],
        outer: withStoresIn(streamScope([names[trigger]], attributes[trigger], 'd'), ctx),
        resolver: ctx.resolver,
      };
      if (side.kind === 'static') return side.source.probe(join.on, cc);
      const findable = side.kind === 'table' ? side.table : side.window;
      return new FindableProbe(findable, findable.compileCondition(join.on, cc));
    }
    const chain = chains[probed]!;
    const window = chain.window;
    if (!window) return emptyProbe;
    const handlers = side.input.handlers;
    const last = handlers[handlers.length - 1];
    const fifo = last?.kind === 'window' && (last.call.namespace ?? '') === '' && FIFO_WINDOWS.has(last.call.name);
    if (fifo && join.on) {
      const k = equalityKey(ctx, join.on, scope, attributes, names, probed);
      if (k) {
        const index = new KeyIndex(k.row);
        mirrors[probed] = index;
        return new IndexProbe(index, k.lookup, k.exact ? undefined : test, trigger);
      }
    }
    return new ScanProbe(() => window.contents(), test, trigger);
  };
  const probes: [Probe | undefined, Probe | undefined] = [
    triggers[1] ? probeOf(0) : undefined,
    triggers[0] ? probeOf(1) : undefined,
  ];

  // The selector over joined pairs: `select *` is the left's attributes, then the right's.
  const all = ([0, 1] as const).flatMap((s) => attributes[s].map((a, i) => ({ ...a, code: `d[${s}][${i}]` })));
  if (query.selector.selectAll) {
    const seen = new Set<string>();
    for (const a of all) {
      if (seen.has(a.name)) {
        throw new CompileError(
          `'select *' of this join outputs '${a.name}' twice (both ${names[0]} and ${names[1]} have it); select the attributes and rename one with 'as'`,
          query.selector.span,
        );
      }
      seen.add(a.name);
    }
  }
  const compiled = compileSelector(query.selector, { all, scope: withStoresIn(scope, ctx) }, ctx.resolver);
  const output = createOutput(query, env.outputAction(query, compiled.output));
  ctx.queryOutputs.set(key, output);
  const aggregates = compiled.aggregatorFactories.length > 0;
  const limiter = queryRateLimiter(ctx, query, compiled, true, output.send, key);
  // Siddhi's join selector runs in batch mode per arriving event, unless a snapshot limiter follows.
  const batching = query.outputRate?.kind !== 'snapshot';
  const merged =
    !aggregates &&
    compiled.groupKey === undefined &&
    compiled.compare === undefined &&
    compiled.limit === undefined &&
    compiled.offset === undefined;
  const { currentOn, expiredOn } = outputEventFlags(query.output.eventType);
  let emitter: JoinEmitter;
  if (merged) {
    emitter = new ProjectingEmitter(compiled.project, compiled.having, currentOn, expiredOn, limiter.process);
  } else {
    const grouped = new GroupedEmitter((c) => selector.process(c), limiter.process);
    const selector = createSelector(compiled, query, batching, grouped.collect);
    emitter = grouped;
    ctx.stateful.set(`${key}/selector`, {
      snapshot: () => selector.snapshot(),
      restore: (s) => selector.restore(s as ReturnType<QuerySelector['snapshot']>),
    });
  }

  // Wire each side's output: its key index (if probed through one), its join step (if it triggers).
  const outerSides: [boolean, boolean] = [
    join.joinType === 'leftOuter' || join.joinType === 'fullOuter',
    join.joinType === 'rightOuter' || join.joinType === 'fullOuter',
  ];
  // Nothing reads a joined expired event: the joiners skip the probes of expired events.
  const expiredUnread = merged && !expiredOn;
  for (const s of [0, 1] as const) {
    const side = sides[s];
    if (side.kind !== 'stream' && side.kind !== 'window') continue;
    const other = (1 - s) as SideIndex;
    const probe = probes[other];
    const joiner = probe
      ? new SideJoiner(
          s,
          probe,
          outerSides[s],
          new Array<unknown>(attributes[other].length).fill(null),
          emitter,
          expiredUnread,
        )
      : undefined;
    quietLeaving[s] = joiner === undefined || expiredUnread;
    const mirror = mirrors[s];
    const empty =
      side.kind === 'stream' && !chains[s]!.window ? passThroughEmpty(expiredOn, () => ctx.scheduler.now()) : undefined;
    sinks[s] = (chunk: StreamEvent[]) => {
      if (mirror) mirror.apply(chunk);
      if (joiner) joiner.process(empty ? empty(chunk) : chunk);
    };
  }
  subscribe(sides, chains, triggers);
  return { name, plans: [probes[0]?.plan, probes[1]?.plan] };
}

function subscribe(
  sides: readonly [Side, Side],
  chains: readonly [StreamChain | undefined, StreamChain | undefined],
  triggers: readonly [boolean, boolean],
): void {
  const [l, r] = sides;
  if (l.kind === 'stream' && r.kind === 'stream' && l.source === r.source) {
    // A stream joined with itself: each event goes through the left side, then the right, one at a time.
    const le = chains[0]!.entry;
    const re = chains[1]!.entry;
    l.source.subscribe((chunk) => {
      if (chunk.length === 1) {
        le(chunk);
        re(chunk);
        return;
      }
      for (let i = 0; i < chunk.length; i++) {
        const one = [chunk[i]!];
        le(one);
        re(one);
      }
    });
    return;
  }
  for (const s of [0, 1] as const) {
    const side = sides[s];
    const chain = chains[s];
    if (side.kind === 'stream') side.source.subscribe(chain!.entry);
    else if (side.kind === 'window' && triggers[s]) side.window.subscribe(chain!.entry);
  }
}
