/**
 * The event that flows through a query: a timestamp, the attribute values, and its kind.
 * Chunks (arrays of events) flow end to end: a processor takes a chunk and emits a chunk. A single
 * current event may instead take the per-event lane (`EventSink`) where the stages offer one.
 */
import { copyData } from './data-copy.js';

/** A new event. */
export const CURRENT = 0;
/** An event leaving a window (or a table row removed). */
export const EXPIRED = 1;
/** A batch window clearing its state: aggregators reset. Carries no data for output. */
export const RESET = 2;
/** A clock tick delivered to a processor (not emitted to users). */
export const TIMER = 3;

export type EventType = typeof CURRENT | typeof EXPIRED | typeof RESET | typeof TIMER;

export interface StreamEvent {
  timestamp: number;
  data: unknown[];
  type: EventType;
}

export function newEvent(timestamp: number, data: unknown[], type: EventType = CURRENT): StreamEvent {
  return { timestamp, data, type };
}

/** A copy with its own data array (windows keep copies; downstream may not mutate what they hold). */
export function cloneEvent(e: StreamEvent, type: EventType = e.type, timestamp: number = e.timestamp): StreamEvent {
  return { timestamp, data: copyData(e.data), type };
}

/** The consumer of chunks: the next step of a query, a junction, a callback. */
export type ChunkSink = (chunk: StreamEvent[]) => void;

/**
 * The per-event lane: one current event, as its timestamp and data, without the event object and the
 * chunk around it. Stages that can take events one at a time offer it beside their chunk sink; a
 * junction sending a single event uses it where it can (what most sends are).
 */
export type EventSink = (timestamp: number, data: unknown[]) => void;

/**
 * What the step after a sliding window remembers of an event it took (the group it fed, for a
 * selector with group by): the window keeps it beside the event and hands it back when the event
 * leaves, so the step need not find it again. `live` turns false when the step drops what the tag
 * names; the step then finds it again.
 */
export interface PairTag {
  readonly live: boolean;
}

/**
 * A sliding window's steady state: the event leaving it (expired at `expiredTs`) and the current
 * event that pushed it out, handed on together as their timestamps and data. `expiredTag` is what the
 * sink returned when the leaving event came in (undefined when it came another way); the sink returns
 * the tag of the current event.
 */
export type PairSink = (
  expiredTs: number,
  expiredData: unknown[],
  timestamp: number,
  data: unknown[],
  expiredTag: PairTag | undefined,
) => PairTag | undefined;

/**
 * An event a query emits. It is also the `Event` users' callbacks receive (`isExpired`), so the
 * output path hands the same object to callbacks without copying it.
 */
export class OutputEvent implements StreamEvent {
  // Declared, not class fields: fields are defined property by property before the constructor runs,
  // which costs more than the plain assignments (one OutputEvent is made per output event).
  declare timestamp: number;
  declare data: unknown[];
  declare type: EventType;
  /** The group-by key of the event that produced this output (rate limiters group by it). */
  declare groupKey: string | undefined;

  constructor(timestamp: number, data: unknown[], type: EventType, groupKey: string | undefined = undefined) {
    this.timestamp = timestamp;
    this.data = data;
    this.type = type;
    this.groupKey = groupKey;
  }

  get isExpired(): boolean {
    return this.type === EXPIRED;
  }

  toJSON(): { timestamp: number; data: unknown[]; isExpired: boolean } {
    return { timestamp: this.timestamp, data: this.data, isExpired: this.type === EXPIRED };
  }
}
