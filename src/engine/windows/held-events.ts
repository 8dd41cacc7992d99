/**
 * A FIFO of the events a time-based window holds, kept in columns: a ring buffer of timestamps and,
 * per attribute, a Float64Array for numeric attributes (int, long, float, double) or a plain array for
 * the others. A window of a million events then holds no event object, no data array and no boxed
 * number, so the garbage collector has almost nothing of it to copy or walk (with one object and one
 * array per event it spent two thirds of the time of a `time(1 sec)` window). Event objects are made when
 * the events leave (short-lived) or when the contents are read. A value a numeric column cannot hold
 * (null, or not a number) is kept aside for its slot.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { EventType, StreamEvent } from '../event/stream-event.js';
import { EventQueue } from './common.js';

const NUMERIC: ReadonlySet<AttributeType> = new Set<AttributeType>(['int', 'long', 'float', 'double']);

type Column =
  | { readonly numeric: true; values: Float64Array; aside: Map<number, unknown> }
  | { readonly numeric: false; values: unknown[] };

export class HeldEvents {
  private times: Float64Array<ArrayBuffer> = new Float64Array(1024);
  private readonly columns: Column[];
  private mask = 1023;
  private head = 0;
  private count = 0;
  /**
   * Once the contents are read (a join probing the window, an on-demand query), the events are also
   * kept as objects, so that repeated reads cost a copy of pointers, not a new object per event.
   */
  private objects: EventQueue | undefined;

  constructor(
    attributes: readonly { readonly type: AttributeType }[],
    /** What the held events are when they leave (EXPIRED for `time`, CURRENT for `delay`). */
    private readonly type: EventType,
  ) {
    this.columns = attributes.map((a) =>
      NUMERIC.has(a.type)
        ? { numeric: true, values: new Float64Array(1024), aside: new Map<number, unknown>() }
        : { numeric: false, values: new Array<unknown>(1024) },
    );
  }

  get size(): number {
    return this.count;
  }

  /** Keeps the event's values (the data array itself is not kept). */
  push(timestamp: number, data: readonly unknown[]): void {
    if (this.count > this.mask) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.times[i] = timestamp;
    const cols = this.columns;
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      const v = data[c];
      if (!col.numeric) col.values[i] = v;
      else if (typeof v === 'number') col.values[i] = v;
      else col.aside.set(i, v);
    }
    this.objects?.push({ timestamp, data: this.read(i), type: this.type });
    this.count++;
  }

  /**
   * Moves every held event whose timestamp + `span` is at or before `now` to `out`, oldest first,
   * stamped with `now` (the time it leaves).
   */
  expireInto(out: StreamEvent[], span: number, now: number): void {
    const times = this.times;
    while (this.count > 0 && times[this.head]! + span <= now) {
      const held = this.objects?.shift();
      if (held !== undefined) {
        held.timestamp = now;
        out.push(held);
      } else {
        out.push({ timestamp: now, data: this.read(this.head), type: this.type });
      }
      this.release(this.head);
      this.head = (this.head + 1) & this.mask;
      this.count--;
    }
  }

  /** The held events, oldest first, with their own timestamps (do not change them). */
  toArray(): StreamEvent[] {
    if (this.objects === undefined) {
      const objects = new EventQueue();
      for (let k = 0; k < this.count; k++) {
        const i = (this.head + k) & this.mask;
        objects.push({ timestamp: this.times[i]!, data: this.read(i), type: this.type });
      }
      this.objects = objects;
    }
    return this.objects.toArray();
  }

  clear(): void {
    for (const col of this.columns) {
      if (col.numeric) col.aside.clear();
      else col.values.fill(undefined);
    }
    this.head = 0;
    this.count = 0;
    this.objects = undefined;
  }

  private read(i: number): unknown[] {
    const cols = this.columns;
    const data = new Array<unknown>(cols.length);
    for (let c = 0; c < cols.length; c++) {
      const col = cols[c]!;
      data[c] = col.numeric && col.aside.size > 0 && col.aside.has(i) ? col.aside.get(i) : col.values[i];
    }
    return data;
  }

  /** Drops what slot i references (its values are read before). */
  private release(i: number): void {
    for (const col of this.columns) {
      if (!col.numeric) col.values[i] = undefined;
      else if (col.aside.size > 0) col.aside.delete(i);
    }
  }

  /** Doubles the capacity of a full buffer, oldest first from slot 0. */
  private grow(): void {
    const cap = this.mask + 1;
    const head = this.head;
    const reorder = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const next = new Float64Array(cap * 2);
      next.set(old.subarray(head, cap));
      next.set(old.subarray(0, head), cap - head);
      return next;
    };
    this.times = reorder(this.times);
    for (const col of this.columns) {
      if (!col.numeric) {
        const values = col.values.slice(head, cap).concat(col.values.slice(0, head));
        values.length = cap * 2;
        col.values = values;
        continue;
      }
      col.values = reorder(col.values);
      if (col.aside.size > 0) {
        const aside = new Map<number, unknown>();
        for (const [i, v] of col.aside) aside.set((i - head + cap) & (cap - 1), v);
        col.aside = aside;
      }
    }
    this.mask = cap * 2 - 1;
    this.head = 0;
  }
}
