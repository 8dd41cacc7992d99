import type { TimerHandle } from './scheduler.js';

interface Entry extends TimerHandle {
  readonly seq: number;
  readonly task: (firedAt: number) => void;
}

/** A binary min-heap of timers ordered by due time, then by the order they were added. */
export class TimerQueue {
  private heap: Entry[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  add(at: number, task: (firedAt: number) => void): TimerHandle {
    const e: Entry = { at, seq: this.seq++, task, cancelled: false };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
    return e;
  }

  /** Due time of the earliest live timer, or undefined. */
  peekTime(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.at;
  }

  /** Removes and returns the earliest live timer if it is due at or before `t`. */
  popDue(t: number): { at: number; task: (firedAt: number) => void } | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.at > t) return undefined;
    this.removeTop();
    return top;
  }

  clear(): void {
    this.heap = [];
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && less(h[l]!, h[m]!)) m = l;
      if (r < h.length && less(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function less(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
