/**
 * Builds a query's runtime: input chain → selector → output rate limiter → callbacks and output action.
 * Single-stream queries are built here; joins, patterns and sequences plug in through `buildInput`.
 */
import type { OutputEventType, Query, SingleInputStream } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import { compileSelector, type CompiledSelector } from '../../plan/selector-codegen.js';
import type { ChunkSink, EventSink, OutputEvent, PairSink } from '../event/stream-event.js';
import { insertIntoStream, ownOutput, type OutputAction, type QueryOutput } from '../query/query-output.js';
import { ownSelector, type AccumulateFn, type FeedFn, type ProjectFn, type QuerySelector } from '../query/selector.js';
import { ownFilterProjectLane, ownProjectLane, readsValuesOnly, type EventTest } from '../query/stateless-lane.js';
import { ownable, ownCode, type OwnCode } from '../runtime/own-code.js';
import { createRateLimiter } from '../query/rate-limit/create-rate-limiter.js';
import type { RateLimiter } from '../query/rate-limit/rate-limiter.js';
import type { AggregatorState } from '../registry/extension-impl.js';
import type { AppContext, Attribute } from './app-context.js';
import { buildStreamChain, type StreamChain } from './build-stream-chain.js';
import { attributeCode, streamScope } from './stream-scope.js';
import type { BatchFold, LeaveSink } from '../windows/window.js';
import { withStoresIn } from '../table/in-scope.js';

export interface QueryEnvironment {
  /** Resolves the junction a query reads (inner streams of a partition resolve to the instance's). */
  inputJunction(input: SingleInputStream): {
    /**
     * `lane`: the query's per-event lane, for sources that send single events (optional to honour).
     * `borrows`: the lane may read the sender's array (see `StreamJunction.subscribe`; optional too).
     */
    subscribe(sink: ChunkSink, lane?: EventSink, borrows?: boolean): void;
    readonly attributes: readonly Attribute[];
    /** Set when the input is a named window: whether it emits batches (its readers' selectors batch). */
    readonly isBatch?: boolean;
  };
  /** The action for `insert into` (and table outputs); undefined for `return`. */
  outputAction(query: Query, output: readonly Attribute[]): OutputAction | undefined;
  /** Key prefix for state and names (partition instance). */
  readonly keyPrefix: string;
  /**
   * Resolves a query's read of a named window when the environment routes it itself (a partition
   * instance's feed); undefined: the query subscribes to the window directly.
   */
  windowInput?(input: SingleInputStream): ReturnType<QueryEnvironment['inputJunction']> | undefined;
}

/** Anonymous queries are numbered per app, so a rebuilt app names them (and keys their state) alike. */
const anonymousCounts = new WeakMap<AppContext, Map<Query, string>>();

export function queryName(q: Query, ctx: AppContext): string {
  const info = q.annotations.find((a) => a.name.toLowerCase() === 'info');
  const name = info?.elements.find((e) => e.key?.toLowerCase() === 'name' || e.key === undefined)?.value;
  if (name !== undefined) return name;
  let names = anonymousCounts.get(ctx);
  if (!names) anonymousCounts.set(ctx, (names = new Map()));
  let n = names.get(q);
  if (n === undefined) names.set(q, (n = `query_${names.size + 1}`));
  return n;
}

/** Each query's own copies of its per-event code; a partition's instances of a query share them. */
const queryCodes = new WeakMap<Query, OwnCode>();

export function queryCode(q: Query): OwnCode {
  let c = queryCodes.get(q);
  if (c === undefined) queryCodes.set(q, (c = ownCode()));
  return c;
}

/** The chain's way into the selector, which is made after the chain: chunks, and single events. */
function selectorEntry(late: { selector?: QuerySelector }): ChunkSink {
  return (chunk) => late.selector!.process(chunk);
}

function selectorLane(late: { selector?: QuerySelector }): EventSink {
  return (ts, d) => late.selector!.processOne(ts, d);
}

function selectorPair(late: { selector?: QuerySelector }): PairSink {
  return (expiredTs, expiredData, ts, d, tag) => late.selector!.processPair(expiredTs, expiredData, ts, d, tag);
}

/** The selector's way of folding a batch window's events as they come (see BatchFold). */
function selectorFold(late: { selector?: QuerySelector }): BatchFold {
  return {
    active: () => late.selector!.folds,
    add: (ts, d) => late.selector!.foldOne(ts, d),
    emit: (ts, d) => late.selector!.emitFolded(ts, d),
    reset: () => late.selector!.resetFold(),
  };
}

/** The selector's way of taking a sliding window's leaving events one by one (see LeaveSink). */
function selectorLeave(late: { selector?: QuerySelector }): LeaveSink {
  return {
    active: () => late.selector!.takesLeaving,
    leave: (ts, d) => late.selector!.leaveOne(ts, d),
  };
}

const ownSelectorEntry = ownable(selectorEntry, {});
const ownSelectorLeave = ownable(selectorLeave, {});
const ownSelectorFold = ownable(selectorFold, {});
const ownSelectorPair = ownable(selectorPair, {});
const ownSelectorLane = ownable(selectorLane, {});

export function outputEventFlags(t: OutputEventType | undefined): { currentOn: boolean; expiredOn: boolean } {
  const type = t ?? 'current';
  return { currentOn: type !== 'expired', expiredOn: type !== 'current' };
}

export function createSelector(
  compiled: CompiledSelector,
  query: Query,
  batching: boolean,
  next: ChunkSink,
  nextOne?: (e: OutputEvent) => void,
): QuerySelector {
  const { currentOn, expiredOn } = outputEventFlags(query.output.eventType);
  const factories = compiled.aggregatorFactories;
  return new (queryCode(query)(ownSelector))(
    {
      project: compiled.project,
      aggregatorCount: factories.length,
      feed: compiled.feed as FeedFn | undefined,
      accumulate: compiled.accumulate as AccumulateFn | undefined,
      createStates: () => factories.map((f) => f() as AggregatorState),
      groupKey: compiled.groupKey,
      having: compiled.having,
      compare: compiled.compare,
      ...(compiled.hidden > 0 ? { outputLength: compiled.output.length } : {}),
      limit: compiled.limit,
      offset: compiled.offset,
      currentOn,
      expiredOn,
      batching,
    },
    next,
    nextOne,
  );
}

/** A query's output (its own copy: see own-code.ts). */
export function createOutput(query: Query, action: OutputAction | undefined): QueryOutput {
  return new (queryCode(query)(ownOutput))(action);
}

/**
 * The rate limiter of a query's `output ...` clause, with its state and lifecycle registered under
 * `key` (every query shape builds its limiter here).
 */
export function queryRateLimiter(
  ctx: AppContext,
  query: Query,
  compiled: CompiledSelector,
  windowed: boolean,
  next: ChunkSink,
  key: string,
): RateLimiter {
  const limiter = createRateLimiter(query.outputRate, ctx.scheduler, next, {
    groupBy: query.selector.groupBy.length > 0,
    windowed,
    aggregates: compiled.aggregatorFactories.length > 0,
    selector: query.selector,
    isAggregator: (call) => ctx.registry.lookup('aggregator', call.namespace ?? '', call.name) !== undefined,
    outputNames: compiled.output.map((o) => o.name),
    outputEventType: query.output.eventType ?? (query.output.kind === 'insert' ? 'current' : undefined),
  });
  if (limiter.stateful) ctx.stateful.set(`${key}/rate`, limiter.stateful);
  ctx.lifecycle.push(limiter);
  return limiter;
}

/** Builds a single-input-stream query; returns its name. */
export function buildSingleStreamQuery(ctx: AppContext, query: Query, env: QueryEnvironment): string {
  const input = query.input;
  if (input.kind !== 'single') throw new CompileError('internal: not a single-stream query', query.span);
  const name = queryName(query, ctx);
  const key = `${env.keyPrefix}${name}`;
  const source = env.inputJunction(input);
  const names = input.alias ? [input.streamId, input.alias] : [input.streamId];

  // Build back to front: the output first, so each stage knows its next.
  // The selector is made after the chain (it needs the chain's attributes); the chain's last stage calls it.
  const late: { selector?: QuerySelector } = {};
  const code = queryCode(query);
  // A query that may read the sender's array reads floats rounded (see mayReadInPlace).
  const roundFloats = mayReadInPlace(input);
  const chain = buildStreamChain(ctx, input, source.attributes, code(ownSelectorEntry)(late), {
    names,
    lane: code(ownSelectorLane)(late),
    pair: () => code(ownSelectorPair)(late),
    fold: () => code(ownSelectorFold)(late),
    leave: () => code(ownSelectorLeave)(late),
    own: code,
    roundFloats,
    // A selector that outputs current events only reads no expired event a RESET follows.
    expiredBeforeResetUnread: !outputEventFlags(query.output.eventType).expiredOn,
    onWindow: (w) => {
      ctx.stateful.set(`${key}/window`, w);
      ctx.lifecycle.push(w);
    },
    onState: (id, state) => ctx.stateful.set(`${key}/${id}`, state),
  });
  const scope = withStoresIn(streamScope(names, chain.attributes, 'd', 'ts', roundFloats), ctx, ['d', 'ts']);
  const compiled = compileSelector(
    query.selector,
    { all: chain.attributes.map((a, i) => ({ ...a, code: attributeCode(a, i, 'd', roundFloats) })), scope },
    ctx.resolver,
  );
  const output = createOutput(query, env.outputAction(query, compiled.output));
  ctx.queryOutputs.set(key, output);
  const limiter = queryRateLimiter(
    ctx,
    query,
    compiled,
    chain.window !== undefined || source.isBatch !== undefined,
    output.send,
    key,
  );
  // Siddhi 5.1 treats every chunk as a batch (ComplexEventChunk.isBatch() is always true): with group by
  // or aggregators, a chunk emits its last event per group, or its last event, so a sliding window's
  // expired event and the current event that pushed it out collapse into one output. Siddhi turns
  // selector batching off under snapshot output: the limiter needs every event.
  const batching = query.outputRate?.kind !== 'snapshot';
  // Without a rate limiter the selector's single events go straight to the output.
  const selector = createSelector(
    compiled,
    query,
    batching,
    limiter.process,
    query.outputRate === undefined ? output.sendOne : undefined,
  );
  late.selector = selector;
  ctx.stateful.set(`${key}/selector`, {
    snapshot: () => selector.snapshot(),
    restore: (s) => selector.restore(s as ReturnType<QuerySelector['snapshot']>),
  });
  const lane = statelessLane(chain, selector, compiled.project, query, output) ?? chain.lane;
  source.subscribe(chain.entry, lane, lane !== undefined && roundFloats && keepsNoInput(chain, compiled));
  return name;
}

/**
 * A stateless query's lane: its filters, projection and output in one closure, when nothing stands
 * between them (no window, stream function, aggregator, group by, `having`, ordering or rate limit).
 */
function statelessLane(
  chain: StreamChain,
  selector: QuerySelector,
  project: ProjectFn,
  query: Query,
  output: QueryOutput,
): EventSink | undefined {
  if (!chain.filtersOnly || chain.lane === undefined || !selector.stateless || query.outputRate !== undefined) {
    return undefined;
  }
  const code = queryCode(query);
  const tests = chain.tests;
  if (tests.length === 0) return code(ownProjectLane)(project, output.sendOne);
  const test = tests.length === 1 ? tests[0]! : allOf(tests);
  return code(ownFilterProjectLane)(test, project, output.sendOne);
}

/** The windows that copy what they hold (into columns, or copyData): they keep no array they are given. */
const COPYING_WINDOWS = new Set(['length', 'time', 'lengthBatch']);

/**
 * Whether a query's chain keeps no input array, so its lane may read the sender's own: filters, and
 * at most one length, time or lengthBatch window. Its generated code must then read `float`
 * attributes rounded (the sender's values are not), and keep no array either (`keepsNoInput`).
 */
function mayReadInPlace(input: SingleInputStream): boolean {
  let windows = 0;
  for (const h of input.handlers) {
    if (h.kind === 'filter') continue;
    if (h.kind !== 'window' || (h.call.namespace ?? '') !== '' || !COPYING_WINDOWS.has(h.call.name)) return false;
    if (++windows > 1) return false;
  }
  return true;
}

/** Whether the chain's filters and the selector's generated code read the input by index alone. */
function keepsNoInput(chain: StreamChain, compiled: CompiledSelector): boolean {
  const fns = [compiled.project, compiled.feed, compiled.accumulate, compiled.groupKey, compiled.having];
  return chain.tests.every(readsValuesOnly) && fns.every((f) => f === undefined || readsValuesOnly(f));
}

function allOf(tests: readonly EventTest[]): EventTest {
  return (d, ts) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(d, ts)) return false;
    return true;
  };
}

/** The default output action: insert into a stream, creating it if needed. */
export function streamOutputAction(
  ctx: AppContext,
  query: Query,
  output: readonly Attribute[],
): OutputAction | undefined {
  const out = query.output;
  if (out.kind === 'return') return undefined;
  if (out.kind !== 'insert') {
    throw new CompileError(`'${out.kind}' outputs need a table named '${out.target}'`, out.span);
  }
  const target = out.isFaultStream ? `!${out.target}` : out.target;
  const junction = ctx.junctionFor(target, output);
  ctx.streamsWritten.add(target);
  return insertIntoStream(junction);
}
