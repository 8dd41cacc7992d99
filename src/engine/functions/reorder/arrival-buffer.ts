/**
 * The events that arrived since the greatest timestamp last grew, in arrival order, with the smallest
 * of their timestamps: the first of the two buffers of the K-slack processors. It is emptied into the
 * timestamp-ordered events whenever a new greatest timestamp arrives.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { loadEvents, saveEvents, type SavedEvent } from '../../windows/common.js';
import type { OrderedEvents } from './ordered-events.js';

/** JSON form: the timestamps and the events, in arrival order. */
export interface SavedArrivals {
  readonly stamps: number[];
  readonly events: SavedEvent[];
}

export class ArrivalBuffer {
  private events: StreamEvent[] = [];
  private stamps: number[] = [];
  private min = Infinity;

  get length(): number {
    return this.events.length;
  }

  /** The smallest timestamp held (Infinity when empty). */
  smallest(): number {
    return this.min;
  }

  add(ts: number, e: StreamEvent): void {
    this.events.push(e);
    this.stamps.push(ts);
    if (ts < this.min) this.min = ts;
  }

  /** Moves every event, in arrival order, into `ordered` (after the events it holds of the same timestamp). */
  drainInto(ordered: OrderedEvents): void {
    const { events, stamps } = this;
    for (let i = 0; i < events.length; i++) ordered.add(stamps[i]!, events[i]!);
    this.clear();
  }

  /**
   * Moves the events whose timestamp is below `limit` to `out`, smallest timestamp first (arrival order
   * within a timestamp); keeps the others.
   */
  takeBelowInto(limit: number, out: StreamEvent[]): void {
    if (this.min >= limit) return;
    const order = this.stamps.map((_, i) => i).sort((a, b) => this.stamps[a]! - this.stamps[b]! || a - b);
    const keepEvents: StreamEvent[] = [];
    const keepStamps: number[] = [];
    let min = Infinity;
    for (const i of order) {
      const ts = this.stamps[i]!;
      if (ts < limit) {
        out.push(this.events[i]!);
      } else {
        keepEvents.push(this.events[i]!);
        keepStamps.push(ts);
        if (ts < min) min = ts;
      }
    }
    this.events = keepEvents;
    this.stamps = keepStamps;
    this.min = min;
  }

  clear(): void {
    this.events.length = 0;
    this.stamps.length = 0;
    this.min = Infinity;
  }

  save(): SavedArrivals {
    return { stamps: this.stamps.slice(), events: saveEvents(this.events) };
  }

  static load(saved: SavedArrivals): ArrivalBuffer {
    const b = new ArrivalBuffer();
    const events = loadEvents(saved.events);
    for (let i = 0; i < events.length; i++) b.add(saved.stamps[i]!, events[i]!);
    return b;
  }
}
