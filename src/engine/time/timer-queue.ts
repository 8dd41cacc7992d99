import { StampedHeap } from '../runtime/stamped-heap.js';
import type { TimerHandle } from './scheduler.js';

interface Entry extends TimerHandle {
  readonly task: (firedAt: number) => void;
}

/** The app's timers, ordered by due time, then by the order they were added (a `StampedHeap`). */
export class TimerQueue {
  private readonly heap = new StampedHeap<Entry>();

  get size(): number {
    return this.heap.size;
  }

  add(at: number, task: (firedAt: number) => void): TimerHandle {
    const e: Entry = { at, task, cancelled: false };
    this.heap.add(at, e);
    return e;
  }

  /** Due time of the earliest live timer, or undefined. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap.firstStamp();
  }

  /** Removes and returns the earliest live timer if it is due at or before `t`. */
  popDue(t: number): { at: number; task: (firedAt: number) => void } | undefined {
    this.dropCancelled();
    const top = this.heap.first();
    if (!top || top.at > t) return undefined;
    return this.heap.takeFirst();
  }

  clear(): void {
    this.heap.clear();
  }

  private dropCancelled(): void {
    while (this.heap.size > 0 && this.heap.first()!.cancelled) this.heap.takeFirst();
  }
}
