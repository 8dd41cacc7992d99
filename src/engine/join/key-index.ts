/**
 * A hash index over the events a sliding window holds, kept in step with what the window emits:
 * a current event enters its key's bucket, an expired one leaves it. Only for windows whose events
 * leave in arrival order (`length`, `time`), so the event leaving is always its bucket's oldest,
 * and each bucket stays in window order.
 */
import { CURRENT, EXPIRED, type StreamEvent } from '../event/stream-event.js';

/** The rows of one key, oldest first from `head`. */
export interface Bucket {
  rows: unknown[][];
  head: number;
}

/** The windows whose expiry order is their arrival order. */
export const FIFO_WINDOWS: ReadonlySet<string> = new Set(['length', 'time']);

/**
 * Small non-negative whole-number keys (ids, codes, enums) are kept in an array: no hashing, which made
 * a third of the join's cost. -0 is 0 here as in a Map (and as `==` compares them).
 */
const SMALL_KEYS = 4096;

function isSmall(key: unknown): key is number {
  return typeof key === 'number' && (key | 0) === key && key >= 0 && key < SMALL_KEYS;
}

export class KeyIndex {
  private buckets = new Map<unknown, Bucket>();
  private small: (Bucket | undefined)[] = [];

  constructor(private readonly keyOf: (row: unknown[], ts: number) => unknown) {}

  get(key: unknown): Bucket | undefined {
    return isSmall(key) ? this.small[key] : this.buckets.get(key);
  }

  private set(key: unknown, b: Bucket | undefined): void {
    if (isSmall(key)) {
      if (b === undefined) this.small[key] = undefined;
      else {
        while (this.small.length < key) this.small.push(undefined);
        this.small[key] = b;
      }
    } else if (b === undefined) this.buckets.delete(key);
    else this.buckets.set(key, b);
  }

  /** Applies a chunk the window emitted. */
  apply(chunk: readonly StreamEvent[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (e.type === CURRENT) this.add(e.data, e.timestamp);
      else if (e.type === EXPIRED) this.remove(e.data, e.timestamp);
    }
  }

  add(row: unknown[], ts: number): void {
    const key = this.keyOf(row, ts);
    if (key === null || key === undefined || key !== key) return;
    const b = this.get(key);
    if (b === undefined) this.set(key, { rows: [row], head: 0 });
    else b.rows.push(row);
  }

  remove(row: unknown[], ts: number): void {
    const key = this.keyOf(row, ts);
    if (key === null || key === undefined || key !== key) return;
    const b = this.get(key);
    if (b === undefined) return;
    b.head++;
    const live = b.rows.length - b.head;
    if (live === 0) this.set(key, undefined);
    else if (b.head >= 16 && b.head >= live) {
      b.rows = b.rows.slice(b.head);
      b.head = 0;
    }
  }

  /** Rebuilds from the window's contents (after a restore). */
  reset(events: readonly StreamEvent[]): void {
    this.buckets = new Map();
    this.small = [];
    for (const e of events) this.add(e.data, e.timestamp);
  }
}
