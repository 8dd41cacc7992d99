/**
 * A partial match of a pattern or sequence: one slot per state. A stream state's slot holds the
 * event that filled it, a counting state's slot the events it collected (null while empty).
 * State events are shared between the states waiting on them, as in Siddhi: a counting state keeps
 * adding to the match that the next state already holds.
 */
import type { StreamEvent } from '../event/stream-event.js';

export type Slot = StreamEvent | StreamEvent[] | null;

export interface StateEvent {
  /** Timestamp of the event that last moved the match; -1 for a fresh start. */
  timestamp: number;
  slots: Slot[];
  expired: boolean;
}

export function newStateEvent(size: number): StateEvent {
  const slots = new Array<Slot>(size);
  for (let i = 0; i < size; i++) slots[i] = null;
  return { timestamp: -1, slots, expired: false };
}

/** A copy with its own slots (and its own lists of counted events). */
export function copyStateEvent(e: StateEvent): StateEvent {
  const src = e.slots;
  const slots = new Array<Slot>(src.length);
  for (let i = 0; i < src.length; i++) {
    const s = src[i]!;
    slots[i] = Array.isArray(s) ? s.slice() : s;
  }
  return { timestamp: e.timestamp, slots, expired: false };
}

/** Timestamp of the first event in a slot (the start of a counting state). */
export function firstTimestamp(s: Slot): number {
  if (s === null) return -1;
  return Array.isArray(s) ? s[0]!.timestamp : s.timestamp;
}

/** Timestamp of the last event in a slot. */
export function lastTimestamp(s: Slot): number {
  if (s === null) return -1;
  return Array.isArray(s) ? s[s.length - 1]!.timestamp : s.timestamp;
}

/** Sorts by timestamp, fresh starts (-1) last; stable. */
export function byTimestamp(a: StateEvent, b: StateEvent): number {
  if (a.timestamp === -1) return b.timestamp === -1 ? 0 : 1;
  if (b.timestamp === -1) return -1;
  return a.timestamp - b.timestamp;
}
