/**
 * Implementation shapes of the extensions the engine runs. Each pairs a spec (src/lang/catalog.ts)
 * with a factory called once per call site, at app creation, with the argument types and constants.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { AppContext } from '../app/app-context.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { ChunkSink, StreamEvent } from '../event/stream-event.js';
import type { Scheduler } from '../time/scheduler.js';
import type { WindowArg } from '../windows/window.js';

/** What a factory learns about its call site. */
export interface CallSiteContext {
  /** Types of the arguments, as the checker inferred them. */
  readonly argTypes: readonly AttributeType[];
  /** The value of each argument that is a constant, else undefined. */
  readonly constants: readonly unknown[];
  /** The return type the checker decided for this call. */
  readonly returnType: AttributeType;
  /** The app clock (virtual in tests, event time in playback): the source of "now". */
  readonly now: () => number;
  /**
   * This extension's system parameters: the manager's `extensionProperties` under its `namespace:name`
   * (what Siddhi's ConfigReader gives an extension from `siddhi.extensions`). Absent: none.
   */
  readonly properties?: Readonly<Record<string, string>>;
  /** The manager's `variables` (what Siddhi reads as Java system properties). Absent: none. */
  readonly variables?: Readonly<Record<string, string>>;
}

/** A scalar function: `str:concat(a, b)`. The returned closure runs per event; null in, null out unless documented. */
export interface FunctionImpl {
  readonly spec: ExtensionSpec;
  create(ctx: CallSiteContext): (...args: unknown[]) => unknown;
}

/** Running state of one aggregator instance (one per group). Values are what the checker typed. */
export interface AggregatorState {
  /** A current event arrived: fold it in, return the new value. */
  add(...args: unknown[]): unknown;
  /** An expired event left: take it out, return the new value. */
  remove(...args: unknown[]): unknown;
  /** A batch reset: back to empty, return the empty value. */
  reset(): unknown;
  /** The value now. */
  value(): unknown;
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface AggregatorImpl {
  readonly spec: ExtensionSpec;
  create(ctx: CallSiteContext): () => AggregatorState;
}

/**
 * A stream function or processor (`#pol2Cart(x, y)`, `#str:tokenize(text, ',')`): for each input event,
 * calls `emit` with the values to append, zero or more times (once per output event).
 */
export interface StreamFunctionImpl {
  readonly spec: ExtensionSpec;
  create(ctx: StreamFunctionContext): StreamFunction;
}

/** What a stream function's factory learns besides its arguments: where it runs. */
export interface StreamFunctionContext extends CallSiteContext {
  /** The app's name (absent when a test builds the function alone). */
  readonly appName?: string;
  /** The types of the attributes of the events it is given (absent when a test builds it alone). */
  readonly inputTypes?: readonly AttributeType[];
  /** The input attribute each argument names, or undefined where it is not a plain attribute (absent when a test builds it alone). */
  readonly argNames?: readonly (string | undefined)[];
  /**
   * What the stream processors of one app share across its queries, by keys of their choosing
   * (`streamingml:` keeps its perceptron models here by name); one map per app, gone with the app.
   */
  readonly appShared?: Map<string, unknown>;
}

/** What a stream function's factory returns: called per event with its argument values. */
export type StreamFunction = (args: readonly unknown[], emit: (appended: readonly unknown[]) => void) => void;

/**
 * A stream processor that keeps state between events (`#unique:deduplicate`): the app snapshots and
 * restores it with its other state.
 */
export type StatefulStreamFunction = StreamFunction & {
  snapshot(): unknown;
  restore(state: unknown): void;
};

export function isStatefulStreamFunction(fn: StreamFunction): fn is StatefulStreamFunction {
  const f = fn as Partial<StatefulStreamFunction>;
  return typeof f.snapshot === 'function' && typeof f.restore === 'function';
}

/**
 * A stream processor that holds events and releases them later, in its own order, from an arrival or
 * from a timer (`#reorder:kslack`). Unlike a `StreamFunction` it does not answer each event during
 * the call: it takes whole chunks and emits chunks through its context whenever it releases events.
 * Unlike a window it is not the chain's window (joins and rate limiters do not see it as one) and it
 * emits the events it was given, with their own type and timestamp.
 */
export interface HoldingStreamProcessorImpl {
  readonly spec: ExtensionSpec;
  /** Tells this shape apart from `StreamFunctionImpl` (both register as stream processors). */
  readonly holdsEvents: true;
  create(ctx: HoldingProcessorContext): HoldingProcessor;
}

/** What a holding stream processor learns of its call site. */
export interface HoldingProcessorContext {
  /** The arguments, compiled (constants and per-event evaluation). */
  readonly args: readonly WindowArg[];
  /** The app's clock and timers. */
  readonly scheduler: Scheduler;
  /** Where released events go, from `process` or from a timer task. */
  readonly emit: ChunkSink;
  /** The input stream's name, for messages. */
  readonly name: string;
}

export interface HoldingProcessor {
  /** Takes a chunk (never mutates its events) and emits what it releases through `ctx.emit`. */
  process(chunk: StreamEvent[]): void;
  /** Called when the app starts: schedule start-time timers here. */
  start?(): void;
  /** Called at shutdown: cancel timers. */
  stop?(): void;
  /** A copy of the state, held events included. */
  snapshot(): unknown;
  restore(state: unknown): void;
}

export function isHoldingProcessorImpl(
  impl: StreamFunctionImpl | HoldingStreamProcessorImpl,
): impl is HoldingStreamProcessorImpl {
  return 'holdsEvents' in impl && impl.holdsEvents;
}

/**
 * A stream processor that answers each chunk with the events to send on, at once or later (`#rdbms:query`
 * answers at once from SQLite and later from PostgreSQL): `process` returns the output chunk, or a promise
 * of it. The engine sends answers on in the order of their chunks, whenever they come; it sends a chunk whose
 * promise rejects to the input stream's error handling (`@OnError`), as a throw from `process` goes there at
 * once; and `SiddhiAppRuntime.flush()` and shutdown wait for the answers in flight.
 */
export interface ChunkProcessorImpl {
  readonly spec: ExtensionSpec;
  /** Tells this shape apart from the other stream processors. */
  readonly answersChunks: true;
  create(ctx: ChunkProcessorContext): ChunkProcessor;
}

/** What a chunk-answering processor learns of its call site. */
export interface ChunkProcessorContext {
  /** The arguments, compiled (constants and per-event evaluation). */
  readonly args: readonly WindowArg[];
  /** The attributes of the events it is given. */
  readonly attributes: readonly { readonly name: string; readonly type: AttributeType }[];
  /** What it appends to them (`spec.appendedAttributesOf` for these arguments). */
  readonly appended: readonly { readonly name: string; readonly type: AttributeType }[];
  /**
   * The app it runs in: its name, logger, `datasources`, `extensionProperties`, and its `lifecycle`, where it
   * registers what it must release at shutdown.
   */
  readonly app: AppContext;
}

export interface ChunkProcessor {
  /**
   * Answers a chunk (never mutating its events) with the events to send on, possibly none, or with a promise
   * of them. A throw is an error of the chunk, as a rejection is.
   */
  process(chunk: StreamEvent[]): StreamEvent[] | Promise<StreamEvent[]>;
}

export function isChunkProcessorImpl(impl: object): impl is ChunkProcessorImpl {
  return 'answersChunks' in impl && (impl as { answersChunks: unknown }).answersChunks === true;
}
