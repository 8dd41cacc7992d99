/**
 * Helpers shared by the built-in windows: a FIFO of events without per-shift array copies, the
 * timers a window owns, argument checks and the JSON form of held events.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import { copyData } from '../event/data-copy.js';
import { CURRENT, EXPIRED, RESET, type EventType, type StreamEvent } from '../event/stream-event.js';
import type { Scheduler, TimerHandle } from '../time/scheduler.js';
import type { WindowArg, WindowContext } from './window.js';
import { Fifo } from '../runtime/fifo.js';

/** A FIFO of events (see Fifo), with the expiry of the time-based sliding windows. */
export class EventQueue extends Fifo<StreamEvent> {
  /**
   * Moves every held event whose timestamp + `span` is at or before `now` to `out`, oldest first,
   * stamped with `now` (the time it leaves): the expiry of the time-based sliding windows.
   */
  expireInto(out: StreamEvent[], span: number, now: number): void {
    for (let head = this.peek(); head !== undefined && head.timestamp + span <= now; head = this.peek()) {
      this.shift();
      head.timestamp = now;
      out.push(head);
    }
  }
}

/** The timers a window has pending, so that `stop()` can cancel them; every timer runs the same task. */
export class WindowTimers {
  private handles: TimerHandle[] = [];
  private limit = 64;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly task: (firedAt: number) => void,
  ) {}

  schedule(at: number): void {
    this.handles.push(this.scheduler.schedule(at, this.task));
    if (this.handles.length > this.limit) {
      const now = this.scheduler.now();
      this.handles = this.handles.filter((h) => !h.cancelled && h.at >= now);
      this.limit = Math.max(64, this.handles.length * 2);
    }
  }

  cancelAll(): void {
    for (const h of this.handles) this.scheduler.cancel(h);
    this.handles = [];
  }
}

/** The RESET event a batch window emits before a new batch's current events. */
export function resetEvent(timestamp: number): StreamEvent {
  return { timestamp, data: [], type: RESET };
}

/** A copy typed EXPIRED (what a window keeps to emit when the event leaves). */
export function expiredCopy(e: StreamEvent): StreamEvent {
  return { timestamp: e.timestamp, data: copyData(e.data), type: EXPIRED };
}

/**
 * The expired twin of an event whose data the window owns (a copy it made): it shares the data, as
 * nothing downstream changes event data in place (projections make new arrays).
 */
export function expiredTwin(e: StreamEvent): StreamEvent {
  return { timestamp: e.timestamp, data: e.data, type: EXPIRED };
}

/** A copy typed CURRENT. */
export function currentCopy(e: StreamEvent): StreamEvent {
  return { timestamp: e.timestamp, data: copyData(e.data), type: CURRENT };
}

/** JSON form of held events: `[timestamp, data, type]`. */
export type SavedEvent = [number, unknown[], EventType];

export function saveEvents(events: readonly StreamEvent[]): SavedEvent[] {
  return events.map((e) => [e.timestamp, e.data.slice(), e.type]);
}

export function loadEvents(saved: readonly SavedEvent[] | undefined): StreamEvent[] {
  return (saved ?? []).map(([timestamp, data, type]) => ({ timestamp, data: data.slice(), type }));
}

export function loadQueue(saved: readonly SavedEvent[] | undefined): EventQueue {
  const q = new EventQueue();
  for (const e of loadEvents(saved)) q.push(e);
  return q;
}

/** Reads a snapshot object written by the same window (the shape is the window's own). */
export function asState<T>(state: unknown, name: string): T {
  if (state === null || typeof state !== 'object') throw new Error(`${name}: cannot restore from ${String(state)}`);
  return state as T;
}

/** A window creation error: the message says what is wrong and how to fix it. */
export class WindowCreationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WindowCreationError';
  }
}

/** Runs the spec's checks on the call site; throws a WindowCreationError when the call is wrong. */
export function checkCall(spec: ExtensionSpec, ctx: WindowContext): void {
  const types: AttributeType[] = ctx.args.map((a) => a.type);
  const constants: unknown[] = ctx.args.map((a) => (a.isConstant ? a.constant : undefined));
  const message = spec.validate?.(types, constants);
  if (message !== undefined) throw new WindowCreationError(`${ctx.name}: window '${spec.name}': ${message}`);
}

export function fail(ctx: WindowContext, window: string, message: string): never {
  throw new WindowCreationError(`${ctx.name}: window '${window}': ${message}`);
}

export const isIntegral = (t: AttributeType): boolean => t === 'int' || t === 'long';

/** Checks a positional argument that must be an int/long constant (time constants are long). */
export function checkTimeArg(
  types: readonly AttributeType[],
  constants: readonly unknown[],
  i: number,
  what: string,
): string | undefined {
  if (!isIntegral(types[i] as AttributeType))
    return `${what} must be an int, long or time constant (like 1 sec), not ${types[i]}`;
  if (constants[i] === undefined) return `${what} must be a constant, not an attribute or expression`;
  return undefined;
}

export function checkIntArg(
  types: readonly AttributeType[],
  constants: readonly unknown[],
  i: number,
  what: string,
): string | undefined {
  if (types[i] !== 'int') return `${what} must be an int constant, not ${types[i]}`;
  if (constants[i] === undefined) return `${what} must be a constant, not an attribute or expression`;
  return undefined;
}

export function checkCount(n: number, min: number, max: number, shape: string): string | undefined {
  if (n < min || n > max) return `expects ${shape}, but got ${n} argument${n === 1 ? '' : 's'}`;
  return undefined;
}

/** The numeric value of a constant argument. */
export function constNumber(arg: WindowArg | undefined): number {
  return Number(arg?.constant);
}

/** The attribute index of a plain attribute argument; fails the creation otherwise. */
export function attributeIndexOf(ctx: WindowContext, i: number, window: string, what: string): number {
  const idx = ctx.args[i]?.attributeIndex;
  if (idx === undefined) fail(ctx, window, `${what} must be an attribute of the input stream`);
  return idx;
}
