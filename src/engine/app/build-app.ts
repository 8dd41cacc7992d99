/**
 * Turns a checked SiddhiQL app into a running `SiddhiAppRuntime`: junctions for streams, then
 * tables, windows, triggers, then queries and partitions in written order.
 */
import type { Annotation, Definition, ExecutionElement, Query, SiddhiApp, SingleInputStream } from '../../lang/ast.js';
import { diagnosticAt, SiddhiAppCreationError, type Diagnostic } from '../../lang/errors.js';
import { CompileError } from '../../plan/expression/compile.js';
import { CURRENT, type StreamEvent } from '../event/stream-event.js';
import type { PersistenceStore } from '../persistence/persistence-store.js';
import type { FunctionImpl } from '../registry/extension-impl.js';
import type { ExtensionRegistry } from '../registry/registry.js';
import type { Logger } from '../runtime/logger.js';
import {
  AppStatistics,
  ownMeasuredInput,
  ownMeasuredLane,
  QueryStatistics,
  queryOfError,
  statisticsLevelOf,
} from '../runtime/statistics.js';
import { StreamJunction } from '../runtime/stream-junction.js';
import { ManualScheduler } from '../time/manual-scheduler.js';
import { PlaybackClock } from '../time/playback-clock.js';
import { parseTimeConstant } from '../time/time-text.js';
import type { Scheduler } from '../time/scheduler.js';
import { WallScheduler } from '../time/wall-scheduler.js';
import type { AppContext, Attribute, ErrorStoreHook } from './app-context.js';
export type { ErrorStoreHook } from './app-context.js';
import { buildSingleStreamQuery, queryCode, streamOutputAction, type QueryEnvironment } from './build-query.js';
import type { DataSources, ExtensionProperties } from '../../lang/datasources.js';
import { ownCodeShare } from '../runtime/own-code.js';
import { RegistryCallResolver } from './call-resolver.js';
import { scriptFunction } from './script-function.js';
import { SiddhiAppRuntime, type AppRuntimeHooks } from './siddhi-app-runtime.js';
import { buildTrigger } from './build-trigger.js';
import { appExtensions, type AppExtensionContext } from './app-extensions.js';

export interface BuildOptions {
  readonly registry: ExtensionRegistry;
  readonly logger: Logger;
  readonly persistence: PersistenceStore;
  /** 'virtual': the clock moves only when told (tests); 'wall': real time. Playback apps use event time. */
  readonly clock: 'virtual' | 'wall';
  readonly startTime: number;
  /** Receives the events of streams annotated `@OnError(action='STORE')` that failed (the server's error store). */
  readonly errorStore?: ErrorStoreHook;
  /** The time zone of incremental aggregations' hours, days, months and years (default UTC). */
  readonly aggregationTimeZone?: string;
  /** The manager's named database connections. */
  readonly datasources?: DataSources;
  /** The manager's extension system parameters, by `namespace:name`. */
  readonly extensionProperties?: ExtensionProperties;
  /** The manager's variables (Siddhi's Java system properties). */
  readonly variables?: Readonly<Record<string, string>>;
}

export function annotation(list: readonly Annotation[], name: string): Annotation | undefined {
  const n = name.toLowerCase();
  return list.find((a) => a.name.toLowerCase() === n);
}

export function annotationValue(a: Annotation | undefined, key: string): string | undefined {
  if (!a) return undefined;
  const k = key.toLowerCase();
  return a.elements.find((e) => e.key?.toLowerCase() === k)?.value;
}

export function appName(app: SiddhiApp): string {
  const a = annotation(app.annotations, 'app:name');
  return a?.elements[0]?.value ?? `SiddhiApp-${Math.random().toString(36).slice(2, 10)}`;
}

/** `@app:playback(idle.time = '100 millisecond', increment = '2 sec')`: both or neither, each with its unit. */
function playbackClock(a: Annotation, scheduler: ManualScheduler): PlaybackClock {
  const idle = annotationValue(a, 'idle.time');
  const increment = annotationValue(a, 'increment');
  if ((idle === undefined) !== (increment === undefined)) {
    throw new SiddhiAppCreationError([
      diagnosticAt(a.span, `@app:playback needs both 'idle.time' and 'increment', or neither`),
    ]);
  }
  if (idle === undefined || increment === undefined) return new PlaybackClock(scheduler, {});
  const idleMillis = parseTimeConstant(idle);
  const incrementMillis = parseTimeConstant(increment);
  for (const [what, v] of [
    ['idle.time', idleMillis],
    ['increment', incrementMillis],
  ] as const) {
    if (typeof v === 'string') throw new SiddhiAppCreationError([diagnosticAt(a.span, `@app:playback ${what}: ${v}`)]);
  }
  return new PlaybackClock(scheduler, { idleMillis: idleMillis as number, incrementMillis: incrementMillis as number });
}

export function buildApp(app: SiddhiApp, text: string, opts: BuildOptions): SiddhiAppRuntime {
  const name = appName(app);
  const playbackAnnotation = annotation(app.annotations, 'app:playback');
  const manual = opts.clock === 'virtual' || playbackAnnotation ? new ManualScheduler(opts.startTime) : undefined;
  const playback = playbackAnnotation && manual ? playbackClock(playbackAnnotation, manual) : undefined;
  const scheduler: Scheduler = manual ?? new WallScheduler();
  const registry = opts.registry.clone();
  const logger = opts.logger.child({ app: name });
  const errorActions = new Map<string, string>();
  const hooks: AppRuntimeHooks = { onStart: [], onShutdown: [] };
  if (scheduler instanceof WallScheduler) hooks.onShutdown.push(() => scheduler.stop());
  let pollScheduler = scheduler;
  if (playback && opts.clock === 'wall') {
    hooks.onStart.push(() => playback.startWall());
    hooks.onShutdown.push(() => playback.stopWall());
    // Sources poll on wall time: the event-time clock moves only with events.
    const wall = new WallScheduler();
    hooks.onShutdown.push(() => wall.stop());
    pollScheduler = wall;
  }

  const statistics = statisticsFor(app);
  const ctx: AppContext = {
    name,
    statistics,
    errorStore: opts.errorStore,
    aggregationTimeZone: opts.aggregationTimeZone,
    datasources: opts.datasources ?? {},
    extensionProperties: opts.extensionProperties ?? {},
    variables: opts.variables ?? {},
    scheduler,
    pollScheduler,
    registry,
    resolver: new RegistryCallResolver(registry, () => scheduler.now(), {
      extensionProperties: opts.extensionProperties ?? {},
      variables: opts.variables ?? {},
    }),
    logger,
    junctions: new Map(),
    queryOutputs: new Map(),
    stateful: new Map(),
    lifecycle: [],
    streamsRead: new Set(),
    streamsWritten: new Set(),
    junctionFor(id: string, attributes: readonly Attribute[]): StreamJunction {
      let j = this.junctions.get(id);
      if (!j) {
        j = new StreamJunction({ id, attributes }, (e, c, jj) => this.handleError(e, c, jj));
        this.junctions.set(id, j);
      }
      return j;
    },
    handleError(error: unknown, chunk: StreamEvent[], junction: StreamJunction): void {
      const action = errorActions.get(junction.id) ?? 'LOG';
      const message = error instanceof Error ? error.message : String(error);
      if (action === 'STORE' && opts.errorStore) {
        const events = chunk.map((e) => ({ timestamp: e.timestamp, data: e.data }));
        opts.errorStore.store({ app: name, stream: junction.id, events, error });
        return;
      }
      if (action === 'STREAM') {
        const fault = this.junctions.get(`!${junction.id}`);
        if (fault) {
          const cause = faultValue(error);
          fault.send(chunk.map((e) => ({ timestamp: e.timestamp, data: [...e.data, cause], type: CURRENT })));
          return;
        }
      }
      const query = queryOfError(error);
      logger.error(`error processing events of stream '${junction.id}': ${message}`, {
        stream: junction.id,
        ...(query !== undefined ? { query } : {}),
        events: chunk.map((e) => e.data),
      });
    },
  };

  const diagnostics: Diagnostic[] = [];
  // In playback the clock is event time: part of the state, so a restored app goes on from it.
  if (playback) ctx.stateful.set('playback/clock', playback);
  const ext: AppExtensionContext = { ctx, hooks, app, diagnostics };
  // The queries built below take their own copies of their per-event code while the process has room.
  const own = ownCodeShare(ctx);
  try {
    buildElements(ctx, app, ext, errorActions, diagnostics);
  } finally {
    own.end();
  }
  if (diagnostics.length > 0) {
    own.release();
    throw new SiddhiAppCreationError(diagnostics);
  }
  ctx.lifecycle.push({ release: async () => own.release() });
  return new SiddhiAppRuntime(name, app, text, ctx, hooks, opts.persistence, manual, playback);
}

/** Builds the app's definitions, then its queries and partitions; collects what is wrong in `diagnostics`. */
function buildElements(
  ctx: AppContext,
  app: SiddhiApp,
  ext: AppExtensionContext,
  errorActions: Map<string, string>,
  diagnostics: Diagnostic[],
): void {
  const guard = (span: Definition['span'], f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof CompileError) diagnostics.push(diagnosticAt(e.span, e.message));
      else if (e instanceof SiddhiAppCreationError) diagnostics.push(...e.diagnostics);
      else diagnostics.push(diagnosticAt(span, e instanceof Error ? e.message : String(e)));
    }
  };

  for (const def of app.definitions) {
    guard(def.span, () => defineElement(ctx, def, errorActions, ext));
  }
  if (diagnostics.length > 0) return;

  const env: QueryEnvironment = {
    keyPrefix: '',
    inputJunction: (input) => inputJunction(ctx, input),
    outputAction: (q, out) => appExtensions.outputAction?.(ext, q, out) ?? streamOutputAction(ctx, q, out),
  };
  // Queries whose input is inferred by a later query are built once that stream exists.
  let pending: ExecutionElement[] = [...app.elements];
  while (pending.length > 0) {
    const deferred: ExecutionElement[] = [];
    for (const el of pending) {
      if (el.kind === 'query' && !inputsKnown(ctx, el) && pending.length > 1) {
        deferred.push(el);
        continue;
      }
      guard(el.span, () => buildMeasured(ctx, el, env, ext));
    }
    if (deferred.length === pending.length) {
      for (const el of deferred) guard(el.span, () => buildMeasured(ctx, el, env, ext));
      break;
    }
    pending = deferred;
  }
}

/** The app's statistics: on at the level of `@app:statistics` when present, off otherwise. */
function statisticsFor(app: SiddhiApp): AppStatistics {
  const a = annotation(app.annotations, 'app:statistics');
  try {
    return new AppStatistics(statisticsLevelOf(a));
  } catch (e) {
    throw new SiddhiAppCreationError([diagnosticAt(a!.span, (e as Error).message)]);
  }
}

/**
 * Builds an element so its queries report into the app's statistics: a query's inputs are measured
 * (events in, latency, its name on errors) and its output counts events out. Queries inside partitions
 * count events out.
 */
function buildMeasured(ctx: AppContext, el: ExecutionElement, env: QueryEnvironment, ext: AppExtensionContext): void {
  const before = new Set(ctx.queryOutputs.keys());
  let stats: QueryStatistics | undefined;
  let queryEnv = env;
  if (el.kind === 'query') {
    const s = (stats = new QueryStatistics(ctx.statistics));
    const code = queryCode(el);
    queryEnv = {
      ...env,
      inputJunction: (input) => {
        const j = env.inputJunction(input);
        return {
          ...j,
          subscribe: (sink, lane, borrows) =>
            j.subscribe(code(ownMeasuredInput)(s, sink), lane && code(ownMeasuredLane)(s, lane), borrows),
        };
      },
    };
  }
  buildElement(ctx, el, queryEnv, ext);
  for (const [key, output] of ctx.queryOutputs) {
    if (before.has(key)) continue;
    const s = stats ?? new QueryStatistics(ctx.statistics);
    s.name = key;
    output.stats = s;
    ctx.statistics.add(s);
  }
}

/**
 * The `_error` value of a fault event: the error's own fault text when it has one (extensions
 * reproduce Siddhi's exception text), else the Error itself.
 */
function faultValue(error: unknown): unknown {
  const f = (error as { faultText?: unknown } | null)?.faultText;
  return typeof f === 'function' ? (f as () => string).call(error) : error;
}

function inputsKnown(ctx: AppContext, q: Query): boolean {
  const ids: SingleInputStream[] = [];
  const i = q.input;
  if (i.kind === 'single') ids.push(i);
  else if (i.kind === 'join') ids.push(i.left, i.right);
  return ids.every(
    (s) =>
      s.isInnerStream ||
      ctx.junctions.has(s.isFaultStream ? `!${s.streamId}` : s.streamId) ||
      appExtensions.isSource?.(ctx, s.streamId),
  );
}

function inputJunction(ctx: AppContext, input: SingleInputStream): ReturnType<QueryEnvironment['inputJunction']> {
  const id = input.isFaultStream ? `!${input.streamId}` : input.streamId;
  const j = ctx.junctions.get(id);
  if (!j) {
    throw new CompileError(
      `stream '${id}' is not defined; define it with 'define stream ${id} (...)' or insert into it from another query`,
      input.span,
    );
  }
  ctx.streamsRead.add(id);
  return { subscribe: (s, lane, borrows) => j.subscribe(s, lane, borrows), attributes: j.schema.attributes };
}

function defineElement(
  ctx: AppContext,
  def: Definition,
  errorActions: Map<string, string>,
  ext: AppExtensionContext,
): void {
  switch (def.kind) {
    case 'streamDefinition': {
      const attrs = def.attributes.map((a) => ({ name: a.name, type: a.type }));
      const existing = ctx.junctions.get(def.id);
      if (existing && !sameSchema(existing.schema.attributes, attrs)) {
        throw new CompileError(`stream '${def.id}' is already defined with different attributes`, def.span);
      }
      ctx.junctionFor(def.id, attrs);
      const onError = annotation(def.annotations, 'OnError');
      const action = (annotationValue(onError, 'action') ?? 'LOG').toUpperCase();
      errorActions.set(def.id, action);
      if (action === 'STREAM') ctx.junctionFor(`!${def.id}`, [...attrs, { name: '_error', type: 'object' }]);
      appExtensions.stream?.(ext, def);
      return;
    }
    case 'triggerDefinition':
      buildTrigger(ctx, def);
      return;
    case 'functionDefinition': {
      const impl: FunctionImpl = scriptFunction(def);
      ctx.registry.register(impl);
      return;
    }
    default: {
      const handler = appExtensions.definition[def.kind] as
        ((e: AppExtensionContext, d: Definition) => void) | undefined;
      if (!handler)
        throw new CompileError(`'${def.kind.replace('Definition', '')}' definitions are not supported yet`, def.span);
      handler(ext, def);
    }
  }
}

export function buildElement(
  ctx: AppContext,
  el: ExecutionElement,
  env: QueryEnvironment,
  ext: AppExtensionContext,
): void {
  if (el.kind === 'partition') {
    if (!appExtensions.partition) throw new CompileError('partitions are not supported yet', el.span);
    appExtensions.partition(ext, el, env);
    return;
  }
  if (el.input.kind === 'single') {
    const id = el.input.streamId;
    const special = appExtensions.singleInput?.(ext, el, env, id);
    if (special) return;
    buildSingleStreamQuery(ctx, el, env);
    return;
  }
  if (el.input.kind === 'anonymous') {
    // The checker rejects these before the build; kept so the build never reads one as a pattern.
    throw new CompileError('anonymous inner queries are not supported', el.input.span);
  }
  const builder = appExtensions.input?.[el.input.kind];
  if (!builder) throw new CompileError(`${el.input.kind} queries are not supported yet`, el.input.span);
  builder(ext, el, env);
}

export function sameSchema(a: readonly Attribute[], b: readonly Attribute[]): boolean {
  return a.length === b.length && a.every((x, i) => x.name === b[i]!.name && x.type === b[i]!.type);
}
