/**
 * The events the K-slack processors hold in timestamp order, taken out smallest timestamp first and,
 * within a timestamp, in the order they were added (what the extension's sorted map of per-timestamp
 * lists gives): a `StampedHeap` of events by timestamp.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { StampedHeap } from '../../runtime/stamped-heap.js';
import { loadEvents, saveEvents, type SavedEvent } from '../../windows/common.js';

/** JSON form: the timestamps and the events, in the order they are taken out. */
export interface SavedOrdered {
  readonly stamps: number[];
  readonly events: SavedEvent[];
}

export class OrderedEvents {
  private readonly heap = new StampedHeap<StreamEvent>();

  get size(): number {
    return this.heap.size;
  }

  /** The smallest timestamp held; undefined when empty. */
  firstKey(): number | undefined {
    return this.heap.firstStamp();
  }

  add(ts: number, e: StreamEvent): void {
    this.heap.add(ts, e);
  }

  /** Takes out the first event, appended to `out`; returns its timestamp. */
  takeFirstInto(out: StreamEvent[]): number {
    const ts = this.heap.firstStamp()!;
    out.push(this.heap.takeFirst());
    return ts;
  }

  save(): SavedOrdered {
    const { stamps, values } = this.heap.ordered();
    return { stamps, events: saveEvents(values) };
  }

  static load(saved: SavedOrdered): OrderedEvents {
    const o = new OrderedEvents();
    const events = loadEvents(saved.events);
    for (let i = 0; i < events.length; i++) o.add(saved.stamps[i]!, events[i]!);
    return o;
  }
}
