/**
 * Builds the processing chain of one input stream: its filters, stream functions and window, in
 * written order, ending in `next`. Returns the chain's entry and what the chain knows of its output.
 */
import type { Expression, SingleInputStream, Span, StreamHandler } from '../../lang/ast.js';
import { CompileError, ExpressionCompiler, instantiate } from '../../plan/expression/compile.js';
import type { Scope } from '../../plan/expression/scope.js';
import { CURRENT, type ChunkSink, type EventSink, type PairSink, type StreamEvent } from '../event/stream-event.js';
import {
  isChunkProcessorImpl,
  isHoldingProcessorImpl,
  isStatefulStreamFunction,
  type ChunkProcessorImpl,
  type HoldingStreamProcessorImpl,
  type StreamFunctionImpl,
} from '../registry/extension-impl.js';
import { appendedAttributesOfCall } from '../../lang/catalog.js';
import { answeringStage } from './answering-stage.js';
import type { BatchFold, LeaveSink, WindowArg, WindowImpl, WindowProcessor } from '../windows/window.js';
import type { AppContext, Attribute, Stateful } from './app-context.js';
import { appSharedOf } from './app-shared.js';
import { streamScope } from './stream-scope.js';
import { withStoresIn } from '../table/in-scope.js';
import { own, ownable, type OwnCode } from '../runtime/own-code.js';
import type { EventTest } from '../query/stateless-lane.js';

export interface StreamChain {
  /** Feed input chunks here. */
  readonly entry: ChunkSink;
  /** The attributes of the events leaving the chain (stream functions append some). */
  readonly attributes: readonly Attribute[];
  /** The chain's window, if any (joins probe it; the selector batches after a batch window). */
  readonly window: WindowProcessor | undefined;
  /**
   * The per-event lane into the chain, when its stages take single events: filters pass them on (to
   * `lane`, when given), and the length, time and lengthBatch windows take them.
   */
  readonly lane: EventSink | undefined;
  /** The tests of the chain's filters, in written order. */
  readonly tests: readonly EventTest[];
  /** Whether the chain is filters only (or nothing). */
  readonly filtersOnly: boolean;
}

export interface ChainOptions {
  /** Names the stream can be referred to by (its id, its alias). */
  readonly names: readonly string[];
  /** Called for each window, so the caller can register its state and lifecycle. */
  readonly onWindow?: (w: WindowProcessor) => void;
  /**
   * Called for each stream processor that keeps state (`#unique:deduplicate`, `#reorder:kslack`), with an
   * id unique in the chain (`fn<handler index>`), so the caller can register its state.
   */
  readonly onState?: (id: string, state: Stateful) => void;
  /** A scope for names outside the stream (e.g. pattern references), tried when the stream lacks one. */
  readonly outer?: Scope;
  /** The per-event lane of what follows the chain (`next`'s), if it has one. */
  readonly lane?: EventSink;
  /**
   * Where a window that is the chain's last stage may hand an expired event and the current one
   * together. This and `fold` and `leave` are made only for a window that takes them (`WindowImpl.takes`).
   */
  readonly pair?: () => PairSink;
  /** The query's own copies of its per-event code (see own-code.ts); absent: the shared code. */
  readonly own?: OwnCode;
  /** Read `float` attributes rounded (see `streamScope`): the filters may then read the sender's array. */
  readonly roundFloats?: boolean;
  /** See `WindowContext.expiredBeforeResetUnread`. */
  readonly expiredBeforeResetUnread?: boolean;
  /** See `WindowContext.fold`: given to a window that is the chain's last stage. */
  readonly fold?: () => BatchFold;
  /** See `WindowContext.leave`: given to a window that is the chain's last stage. */
  readonly leave?: () => LeaveSink;
}

type Stage = (
  next: ChunkSink,
  nextLane: EventSink | undefined,
  nextPair: (() => PairSink) | undefined,
  nextFold: (() => BatchFold) | undefined,
  nextLeave: (() => LeaveSink) | undefined,
) => ChunkSink;

/**
 * A stage and, for stages that take single events, its per-event lane (built after the stage, given
 * the lane of what follows, if that has one).
 */
interface BuiltStage {
  readonly stage: Stage;
  readonly lane?: (next: EventSink | undefined) => EventSink | undefined;
  /** A filter's test. */
  readonly test?: EventTest;
}

/** A window's chunk entry: made apart from the stage builder, whose options and scope it would keep alive. */
function windowEntry(window: WindowProcessor): ChunkSink {
  return (chunk) => window.process(chunk);
}

/** An argument's evaluation: made apart from what compiled it, which it would otherwise keep alive (per partition key). */
function evaluator(fn: (d: unknown[], ts: number) => unknown): (e: StreamEvent) => unknown {
  return (e) => fn(e.data, e.timestamp);
}

export function compileArgs(ctx: AppContext, args: readonly Expression[], scope: Scope): WindowArg[] {
  return args.map((expression) => {
    const c = new ExpressionCompiler(ctx.resolver);
    const r = c.compile(expression, scope);
    const fn = instantiate<(d: unknown[], ts: number) => unknown>(
      ['d', 'ts'],
      `${c.tempDeclarations()}\nreturn ${r.code};`,
      c.functions,
    );
    const m = /^d\[(\d+)\]$/.exec(r.code);
    return {
      expression,
      type: r.type,
      isConstant: r.constant !== undefined,
      constant: r.constant?.value,
      evaluate: evaluator(fn),
      ...(m ? { attributeIndex: Number(m[1]) } : {}),
    };
  });
}

export function buildStreamChain(
  ctx: AppContext,
  input: SingleInputStream,
  inputAttributes: readonly Attribute[],
  next: ChunkSink,
  opts: ChainOptions,
): StreamChain {
  let attributes: readonly Attribute[] = inputAttributes;
  const stages: BuiltStage[] = [];
  let window: WindowProcessor | undefined;
  const fail = failedLater(ctx, input, inputAttributes.length);
  for (const h of input.handlers) {
    const scope = withOuter(
      withStoresIn(streamScope(opts.names, attributes, 'd', 'ts', opts.roundFloats), ctx, ['d', 'ts']),
      opts.outer,
    );
    stages.push(
      buildStage(
        ctx,
        h,
        scope,
        attributes,
        opts,
        (w) => (window = w),
        (a) => (attributes = a),
        stages.length,
        fail,
      ),
    );
  }
  let entry = next;
  let lane = opts.lane;
  let pair = opts.pair;
  let fold = opts.fold;
  let leave = opts.leave;
  for (let i = stages.length - 1; i >= 0; i--) {
    const s = stages[i]!;
    entry = s.stage(entry, lane, pair, fold, leave);
    lane = s.lane?.(lane);
    pair = undefined;
    fold = undefined;
    leave = undefined;
  }
  const tests = stages.flatMap((s) => (s.test === undefined ? [] : [s.test]));
  return { entry, attributes, window, lane, tests, filtersOnly: tests.length === stages.length };
}

/**
 * Where a chunk goes whose processing failed after the send returned (a stream processor's answer that came
 * later): the input stream's error handling (`@OnError`), with the events cut back to the stream's attributes.
 */
function failedLater(
  ctx: AppContext,
  input: SingleInputStream,
  width: number,
): (error: unknown, chunk: StreamEvent[]) => void {
  const id = input.isInnerStream ? `#${input.streamId}` : input.isFaultStream ? `!${input.streamId}` : input.streamId;
  return (error, chunk) => {
    const events = chunk.map((e): StreamEvent => ({
      timestamp: e.timestamp,
      data: e.data.slice(0, width),
      type: CURRENT,
    }));
    const junction = input.isInnerStream ? undefined : ctx.junctions.get(id);
    if (junction) {
      ctx.handleError(error, events, junction);
      return;
    }
    ctx.logger.error(
      `error processing events of stream '${id}': ${error instanceof Error ? error.message : String(error)}`,
      {
        stream: id,
        events: events.map((e) => e.data),
      },
    );
  };
}

function withOuter(inner: Scope, outer: Scope | undefined): Scope {
  if (!outer) return inner;
  return {
    ...outer,
    timestampCode: inner.timestampCode,
    resolve(v) {
      const r = inner.resolve(v);
      if (typeof r !== 'string') return r;
      const o = outer.resolve(v);
      return typeof o === 'string' ? r : o;
    },
  };
}

function buildStage(
  ctx: AppContext,
  h: StreamHandler,
  scope: Scope,
  attributes: readonly Attribute[],
  opts: ChainOptions,
  setWindow: (w: WindowProcessor) => void,
  setAttributes: (a: readonly Attribute[]) => void,
  handlerIndex: number,
  fail: (error: unknown, chunk: StreamEvent[]) => void,
): BuiltStage {
  switch (h.kind) {
    case 'filter': {
      const c = new ExpressionCompiler(ctx.resolver);
      const r = c.compile(h.condition, scope);
      if (r.type !== 'bool' && r.type !== 'object') {
        throw new CompileError(`a filter needs a bool condition, found ${r.type}`, h.condition.span);
      }
      const test = instantiate<(d: unknown[], ts: number) => boolean>(
        ['d', 'ts'],
        `${c.tempDeclarations()}\nreturn ${r.code} === true;`,
        c.functions,
      );
      return {
        stage: (next) => own(opts.own, ownFilterStage)(test, next),
        lane: (next) => next && own(opts.own, ownFilterLane)(test, next),
        test,
      };
    }
    case 'window': {
      const { namespace = '', name, args } = h.call;
      const impl = ctx.registry.implementation<WindowImpl>('window', namespace, name);
      if (!impl) {
        throw new CompileError(
          `unknown window '${namespace ? namespace + ':' : ''}${name}'; built-in windows are ${ctx.registry
            .list('window')
            .map((s) => s.name)
            .join(', ')}`,
          h.call.span,
        );
      }
      const wargs = compileArgs(ctx, args, scope);
      const invalid = impl.spec.validate?.(
        wargs.map((a) => a.type),
        wargs.map((a) => a.constant),
      );
      if (invalid) throw new CompileError(`window ${name}(): ${invalid}`, h.call.span);
      let w: WindowProcessor | undefined;
      return {
        stage: (next, nextLane, nextPair, nextFold, nextLeave) => {
          const takes = impl.takes ?? [];
          w = impl.create({
            args: wargs,
            attributes,
            scheduler: ctx.scheduler,
            emit: next,
            emitOne: nextLane,
            emitPair: takes.includes('pair') ? nextPair?.() : undefined,
            expiredBeforeResetUnread: opts.expiredBeforeResetUnread,
            ...(nextFold !== undefined && takes.includes('fold') ? { fold: nextFold() } : {}),
            ...(nextLeave !== undefined && takes.includes('leave') ? { leave: nextLeave() } : {}),
            name: opts.names[0] ?? '',
            own: opts.own,
          });
          setWindow(w);
          opts.onWindow?.(w);
          return windowEntry(w);
        },
        lane: () => (w?.processOne ? own(opts.own, ownWindowLane)(w) : undefined),
      };
    }
    case 'streamFunction': {
      const { namespace = '', name, args } = h.call;
      const impl =
        ctx.registry.implementation<StreamFunctionImpl>('streamFunction', namespace, name) ??
        ctx.registry.implementation<StreamFunctionImpl | HoldingStreamProcessorImpl | ChunkProcessorImpl>(
          'streamProcessor',
          namespace,
          name,
        );
      if (!impl) {
        throw new CompileError(
          `unknown stream function '${namespace ? namespace + ':' : ''}${name}'; check the name and namespace`,
          h.call.span,
        );
      }
      const starArgs: Expression[] = h.call.star
        ? attributes.map((a) => ({ kind: 'variable', name: a.name, span: h.call.span }))
        : [];
      const wargs = compileArgs(ctx, h.call.star ? starArgs : args, scope);
      const argTypes = wargs.map((a) => a.type);
      const constants = wargs.map((a) => a.constant);
      const invalid = impl.spec.validate?.(argTypes, constants);
      if (invalid) throw new CompileError(`${name}(): ${invalid}`, h.call.span);
      const argNames = (h.call.star ? starArgs : args).map((a) => (a.kind === 'variable' ? a.name : undefined));
      const appended = appendedAttributesOfCall(impl.spec, argTypes, constants, argNames).map((a) => ({
        name: a.name,
        type: a.type,
      }));
      if (isChunkProcessorImpl(impl)) {
        const given = attributes;
        // Made now, while the app is built: what it refuses (an unknown datasource) fails the app's creation.
        const p = atCall(h.call.span, () => impl.create({ args: wargs, attributes: given, appended, app: ctx }));
        setAttributes([...attributes, ...appended]);
        return { stage: (next) => answeringStage(ctx, p, next, fail) };
      }
      if (isHoldingProcessorImpl(impl)) {
        // It appends nothing: the events it releases are the ones it was given.
        return {
          stage: (next) => {
            const p = impl.create({ args: wargs, scheduler: ctx.scheduler, emit: next, name: opts.names[0] ?? '' });
            opts.onState?.(`fn${handlerIndex}`, p);
            ctx.lifecycle.push(p);
            return (chunk) => p.process(chunk);
          },
        };
      }
      const properties = ctx.extensionProperties[`${impl.spec.namespace}:${impl.spec.name}`];
      const fn = impl.create({
        argTypes,
        constants,
        returnType: 'object',
        now: () => ctx.scheduler.now(),
        appName: ctx.name,
        inputTypes: attributes.map((a) => a.type),
        argNames,
        appShared: appSharedOf(ctx),
        ...(properties !== undefined ? { properties } : {}),
        variables: ctx.variables,
      });
      if (isStatefulStreamFunction(fn)) opts.onState?.(`fn${handlerIndex}`, fn);
      setAttributes([...attributes, ...appended]);
      return { stage: (next) => streamFunctionStage(fn, wargs, next) };
    }
  }
}

/** Runs a factory; what it throws becomes an error at the call (with its line and column). */
function atCall<T>(span: Span, make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof CompileError) throw e;
    throw new CompileError(e instanceof Error ? e.message : String(e), span);
  }
}

function filterStage(test: (d: unknown[], ts: number) => boolean, next: ChunkSink): ChunkSink {
  return (chunk) => {
    if (chunk.length === 1) {
      const e = chunk[0]!;
      if (test(e.data, e.timestamp)) next(chunk);
      return;
    }
    const out: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (test(e.data, e.timestamp)) out.push(e);
    }
    if (out.length > 0) next(out);
  };
}

function filterLane(test: (d: unknown[], ts: number) => boolean, next: EventSink): EventSink {
  return (ts, d) => {
    if (test(d, ts)) next(ts, d);
  };
}

function windowLane(window: WindowProcessor): EventSink {
  return (ts, d) => window.processOne!(ts, d);
}

const ownFilterStage = ownable(filterStage, {});
const ownFilterLane = ownable(filterLane, {});
const ownWindowLane = ownable(windowLane, {});

function streamFunctionStage(
  fn: (args: readonly unknown[], emit: (appended: readonly unknown[]) => void) => void,
  args: readonly WindowArg[],
  next: ChunkSink,
): ChunkSink {
  const n = args.length;
  // One emit for the stage, not a closure per event: it appends to the event being processed. A function
  // emits while it is called (the contract of `StreamFunction`), so `current` and `out` are that call's.
  let current: StreamEvent | undefined;
  let out: StreamEvent[] = [];
  const emit = (appended: readonly unknown[]): void => {
    const e = current!;
    const data = e.data;
    const row = new Array<unknown>(data.length + appended.length);
    for (let i = 0; i < data.length; i++) row[i] = data[i];
    for (let i = 0; i < appended.length; i++) row[data.length + i] = appended[i];
    out.push({ timestamp: e.timestamp, data: row, type: e.type });
  };
  return (chunk) => {
    const produced: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      const values = new Array<unknown>(n + 1);
      for (let j = 0; j < n; j++) values[j] = args[j]!.evaluate(e);
      // The processed event goes along as a trailing argument (`#log` prints it).
      values[n] = { timestamp: e.timestamp, data: e.data };
      current = e;
      out = produced;
      fn(values, emit);
    }
    current = undefined;
    out = [];
    if (produced.length > 0) next(produced);
  };
}
