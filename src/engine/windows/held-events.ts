/**
 * A FIFO of the events a time-based window holds, kept in columns: a ring buffer of timestamps and,
 * per attribute, a Float64Array for numeric attributes (int, long, float, double) or a plain array for
 * the others. A window of a million events then holds no event object, no data array and no boxed
 * number, so the garbage collector has almost nothing of it to copy or walk (with one object and one
 * array per event it spent two thirds of the time of a `time(1 sec)` window). Event objects are made when
 * the events leave (short-lived) or when the contents are read. A value a numeric column cannot hold
 * (null, or not a number) is kept aside for its slot.
 *
 * Writing a slot and reading it back into an array are generated per shape (which attributes are
 * numeric), so each is straight-line code over monomorphic arrays.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { EventType, StreamEvent } from '../event/stream-event.js';
import { EventQueue } from './common.js';

const NUMERIC: ReadonlySet<AttributeType> = new Set<AttributeType>(['int', 'long', 'float', 'double']);

/** Writes data into slot i; returns a bit per numeric column (by its order) whose value is not a number. */
type WriteSlot = (n: Float64Array[], o: unknown[][], i: number, d: readonly unknown[]) => number;
/** Reads slot i into a new data array (numeric values as the columns hold them). */
type ReadSlot = (n: Float64Array[], o: unknown[][], i: number) => unknown[];

interface SlotCode {
  readonly write: WriteSlot;
  readonly read: ReadSlot;
}

const slotCode = new Map<string, SlotCode>();

/** The generated slot functions for a shape: 'n' (numeric) or 'o' (other) per attribute. */
function slotCodeFor(shape: string): SlotCode {
  let code = slotCode.get(shape);
  if (code !== undefined) return code;
  const writes: string[] = [];
  const reads: string[] = [];
  let n = 0;
  let o = 0;
  for (let a = 0; a < shape.length; a++) {
    if (shape[a] === 'n') {
      writes.push(`v = d[${a}]; if (typeof v === 'number') n[${n}][i] = v; else bad |= ${1 << n};`);
      reads.push(`n[${n++}][i]`);
    } else {
      writes.push(`o[${o}][i] = d[${a}];`);
      reads.push(`o[${o++}][i]`);
    }
  }
  code = {
    write: new Function(
      'n',
      'o',
      'i',
      'd',
      `"use strict"; let v; let bad = 0;\n${writes.join('\n')}\nreturn bad;`,
    ) as WriteSlot,
    read: new Function('n', 'o', 'i', `"use strict"; return [${reads.join(', ')}];`) as ReadSlot,
  };
  slotCode.set(shape, code);
  return code;
}

export class HeldEvents {
  private times: Float64Array<ArrayBuffer> = new Float64Array(1024);
  /** The numeric columns, in attribute order, and the attribute position of each. */
  private numeric: Float64Array[];
  private readonly numericAt: number[] = [];
  /** The other columns, in attribute order. */
  private readonly others: unknown[][];
  /** Per numeric column, the values of slots its Float64Array cannot hold; `asideCount` sums their sizes. */
  private readonly aside: Map<number, unknown>[];
  private asideCount = 0;
  private readonly code: SlotCode;
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
    let shape = '';
    attributes.forEach((a, i) => {
      const numeric = NUMERIC.has(a.type) && this.numericAt.length < 31;
      if (numeric) this.numericAt.push(i);
      shape += numeric ? 'n' : 'o';
    });
    this.numeric = this.numericAt.map(() => new Float64Array(1024));
    this.others = Array.from({ length: shape.length - this.numericAt.length }, () => new Array<unknown>(1024));
    this.aside = this.numericAt.map(() => new Map<number, unknown>());
    this.code = slotCodeFor(shape);
  }

  get size(): number {
    return this.count;
  }

  /** Keeps the event's values (the data array itself is not kept). */
  push(timestamp: number, data: readonly unknown[]): void {
    if (this.count > this.mask) this.grow();
    const i = (this.head + this.count) & this.mask;
    this.times[i] = timestamp;
    const bad = this.code.write(this.numeric, this.others, i, data);
    if (bad !== 0) this.setAside(i, bad, data);
    this.objects?.push({ timestamp, data: this.read(i), type: this.type });
    this.count++;
  }

  /** True when the oldest event leaves by `now` (its timestamp + `span` is at or before it). */
  leavesBy(span: number, now: number): boolean {
    return this.count > 0 && this.times[this.head]! + span <= now;
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
    for (const a of this.aside) a.clear();
    this.asideCount = 0;
    for (const col of this.others) col.fill(undefined);
    this.head = 0;
    this.count = 0;
    this.objects = undefined;
  }

  private read(i: number): unknown[] {
    const data = this.code.read(this.numeric, this.others, i);
    if (this.asideCount > 0) {
      for (let c = 0; c < this.aside.length; c++) {
        const a = this.aside[c]!;
        if (a.size > 0 && a.has(i)) data[this.numericAt[c]!] = a.get(i);
      }
    }
    return data;
  }

  private setAside(i: number, bad: number, data: readonly unknown[]): void {
    for (let c = 0; c < this.numericAt.length; c++) {
      if ((bad & (1 << c)) === 0) continue;
      this.aside[c]!.set(i, data[this.numericAt[c]!]);
      this.asideCount++;
    }
  }

  /** Drops what slot i references (its values are read before). */
  private release(i: number): void {
    const others = this.others;
    for (let c = 0; c < others.length; c++) others[c]![i] = undefined;
    if (this.asideCount > 0) {
      for (const a of this.aside) if (a.delete(i)) this.asideCount--;
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
    this.numeric = this.numeric.map(reorder);
    for (let c = 0; c < this.others.length; c++) {
      const old = this.others[c]!;
      const values = old.slice(head, cap).concat(old.slice(0, head));
      values.length = cap * 2;
      this.others[c] = values;
    }
    for (let c = 0; c < this.aside.length; c++) {
      const old = this.aside[c]!;
      if (old.size === 0) continue;
      const moved = new Map<number, unknown>();
      for (const [i, v] of old) moved.set((i - head + cap) & (cap - 1), v);
      this.aside[c] = moved;
    }
    this.mask = cap * 2 - 1;
    this.head = 0;
  }
}
