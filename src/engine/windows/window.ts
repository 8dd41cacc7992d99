/**
 * The window processor contract. A window receives chunks of CURRENT events and emits chunks that
 * may hold, in this order per Siddhi: EXPIRED events it pushes out, a RESET (batch windows, before
 * a new batch's current events), and the CURRENT events it lets through. Timer-driven windows emit
 * from their scheduled tasks through the same `emit`.
 */
import type { AttributeType, Expression } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { ChunkSink, EventSink, PairSink, StreamEvent } from '../event/stream-event.js';
import type { Scheduler } from '../time/scheduler.js';
import type { OwnCode } from '../runtime/own-code.js';

/** One argument of a window call, e.g. `time(2 sec)` or `sort(3, price, 'asc')`. */
export interface WindowArg {
  /** The AST, for windows that read the text (e.g. `expression('count() <= 3')`). */
  readonly expression: Expression;
  readonly type: AttributeType;
  /** True when the argument is a literal (time constants included). */
  readonly isConstant: boolean;
  /** The literal's value (time constants in milliseconds); undefined for non-constants. */
  readonly constant: unknown;
  /** Evaluates the argument on an event (attributes such as `sort(2, price)` or `externalTime(ts, 1 sec)`). */
  evaluate(event: StreamEvent): unknown;
  /** For a plain attribute argument: its index in the event data. */
  readonly attributeIndex?: number;
}

export interface WindowContext {
  readonly args: readonly WindowArg[];
  /** The input stream's attributes (the event data layout). */
  readonly attributes: readonly { readonly name: string; readonly type: AttributeType }[];
  readonly scheduler: Scheduler;
  /** Where the window's output goes (also from timer tasks). */
  readonly emit: ChunkSink;
  /** The per-event lane of what follows, when it has one: for a single current event passing on alone. */
  readonly emitOne?: EventSink | undefined;
  /**
   * Where a sliding window may hand an expired event and the current one that pushed it out, in place
   * of their chunk of two, when the window's next step is the selector (which takes them as that chunk).
   */
  readonly emitPair?: PairSink | undefined;
  /** The query or window name, for error messages. */
  readonly name: string;
  /** The query's own copies of its per-event code (see own-code.ts); absent: the shared code. */
  readonly own?: OwnCode;
  /**
   * Set when what follows outputs no expired event and keeps nothing an expired event changes past a
   * RESET (a query's selector that outputs current events only): a batch window may then leave out
   * the expired events it would emit right before a RESET.
   */
  readonly expiredBeforeResetUnread?: boolean;
  /** What follows, when it may fold a batch window's events as they come (see `BatchFold`). */
  readonly fold?: BatchFold;
  /** What follows, when it may take a sliding window's leaving events one by one (see `LeaveSink`). */
  readonly leave?: LeaveSink;
}

/**
 * A selector that takes the events leaving a sliding window one at a time: it outputs nothing for an
 * expired event (current events out only) and a chunk of expired events and the current event after
 * them outputs the current event alone, with the aggregates once all are fed. The window may then feed
 * each leaving event with `leave` and hand the current one on alone, holding no object per leaving
 * event. Built before the selector: `active` says, once it exists, whether it takes them.
 */
export interface LeaveSink {
  active(): boolean;
  /** An event leaving the window (its data is read during the call only), stamped with the time it leaves. */
  leave(timestamp: number, data: unknown[]): void;
}

/**
 * A selector that folds a batch as it fills: it outputs one current event per batch (the last
 * event's, with the batch's aggregates) and reads nothing else of it, so a batch window may hand it
 * each event on arrival and hold none. Built before the selector: `active` says, once it exists,
 * whether it folds.
 */
export interface BatchFold {
  active(): boolean;
  /** An event of the batch being filled (its data is read during the call only). */
  add(timestamp: number, data: unknown[]): void;
  /** The batch's last event, after its `add`: outputs the batch and starts the next one. */
  emit(timestamp: number, data: unknown[]): void;
  /** Starts the batch afresh (a restored window folds its held events again). */
  reset(): void;
}

export interface WindowProcessor {
  /** Batch windows (lengthBatch, timeBatch, externalTimeBatch, batch, cron, expressionBatch, session) emit batches. */
  readonly isBatch: boolean;
  /** Takes CURRENT events (never mutates them: copies what it keeps) and emits through `ctx.emit`. */
  process(chunk: StreamEvent[]): void;
  /** One current event (the per-event lane), as `process` would take it in a chunk of one; optional. */
  processOne?(timestamp: number, data: unknown[]): void;
  /** The events held now, oldest first (joins and on-demand queries read it). */
  contents(): StreamEvent[];
  /** Called when the app starts (schedule start-time timers here, not in the constructor). */
  start?(): void;
  /** Called at shutdown: cancel timers. */
  stop?(): void;
  /** A JSON-serialisable copy of the state. */
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface WindowImpl {
  readonly spec: ExtensionSpec;
  /**
   * The optional sinks of `WindowContext` the window uses (`emitPair`, `fold`, `leave`): only those
   * are made for it (a partition makes a window per key). None when absent.
   */
  readonly takes?: readonly ('pair' | 'fold' | 'leave')[];
  create(ctx: WindowContext): WindowProcessor;
}
