/**
 * A FIFO of the events a time window holds, kept in columns, in blocks of slots: per block,
 * its timestamps and its numeric attributes (int, long, float, double) in one array of unboxed
 * doubles, and its other attributes in one plain array. A window of a million events then holds no
 * event object, no data array and no boxed number, so the garbage collector has almost nothing of it
 * to copy or walk (with one object and one array per event it spent two thirds of the time of a
 * `time(1 sec)` window). Event objects are made when the events leave (short-lived) or when the
 * contents are read. A value a numeric column cannot hold (null, or not a number) is kept aside for
 * its event.
 *
 * Writing a slot and reading it back into an array are generated per shape (which attributes are
 * numeric), so each is straight-line code over monomorphic arrays.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { EventType, StreamEvent } from '../event/stream-event.js';
import { EventQueue } from './common.js';
import { perShape, slotAccess, slotShape } from './slot-shape.js';

/**
 * Writes data into slot i of a block of s slots (`n`: its numbers, `o`: its other values); returns a
 * bit per numeric column (by its order) whose value is not a number.
 */
type WriteSlot = (n: number[], o: unknown[], i: number, s: number, d: readonly unknown[]) => number;
/** Reads slot i of a block of s slots into a new data array (numeric values as the columns hold them). */
type ReadSlot = (n: number[], o: unknown[], i: number, s: number) => unknown[];

interface SlotCode {
  readonly write: WriteSlot;
  readonly read: ReadSlot;
}

/** The generated slot functions for a shape. */
const slotCodeFor = perShape((shape): SlotCode => {
  // The timestamps take the first s numbers of a block: numeric column k starts at k * s.
  const { writes, reads } = slotAccess(
    shape,
    (k) => `n[${k} * s + i]`,
    (j) => `o[${j} * s + i]`,
  );
  return {
    write: new Function(
      'n',
      'o',
      'i',
      's',
      'd',
      `"use strict"; let v; let bad = 0;\n${writes}\nreturn bad;`,
    ) as WriteSlot,
    read: new Function('n', 'o', 'i', 's', `"use strict"; return ${reads};`) as ReadSlot,
  };
});

/**
 * One block of `size` slots, column after column: the timestamps, then each numeric column, in one
 * array of doubles; the other columns in one plain array (a small window holds few objects).
 */
interface Block {
  readonly size: number;
  readonly numbers: number[];
  readonly others: unknown[];
}

/** A new block's slots: the next power of two of the events held, from BLOCK_MIN up to BLOCK_MAX. */
const BLOCK_MIN = 64;
const BLOCK_MAX = 8192;

export class HeldEvents {
  /**
   * The slots, in blocks, oldest first: events leave from the first block (at `head`) and arrive in
   * the last (at `tail`). A full last block gets a new one after it and an emptied first block is
   * dropped, so the window never copies what it holds as it grows, and gives memory back as it shrinks.
   */
  private blocks: Block[] = [];
  private head = 0;
  private tail = 0;
  private count = 0;
  /** The sequence number of the oldest event (events are numbered as they arrive): keys of `aside`. */
  private first = 0;
  /** The last emptied block, kept for the next one needed when the sizes match (a window at a steady size). */
  private spare: Block | undefined;
  /** The numeric columns' attribute positions, in attribute order. */
  private readonly numericAt: number[] = [];
  private readonly otherCount: number;
  /**
   * Per numeric column, the values its array of doubles cannot hold, by sequence number (made when the
   * first one comes); `asideCount` sums their sizes.
   */
  private aside: Map<number, unknown>[] | undefined;
  private asideCount = 0;
  private readonly code: SlotCode;
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
    // A bit per numeric column marks values set aside: at most 31 columns are numeric.
    const shape = slotShape(attributes, 31);
    for (let i = 0; i < shape.length; i++) if (shape[i] === 'n') this.numericAt.push(i);
    this.otherCount = shape.length - this.numericAt.length;
    this.code = slotCodeFor(shape);
  }

  get size(): number {
    return this.count;
  }

  /** Keeps the event's values (the data array itself is not kept). */
  push(timestamp: number, data: readonly unknown[]): void {
    const blocks = this.blocks;
    // Never blocks[-1]: reading a negative index turns the load's inline cache megamorphic for good.
    let b = blocks.length > 0 ? blocks[blocks.length - 1] : undefined;
    if (b === undefined || this.tail === b.size) {
      let size = BLOCK_MIN;
      while (size < this.count && size < BLOCK_MAX) size *= 2;
      b = this.newBlock(size);
      blocks.push(b);
      this.tail = 0;
    }
    const i = this.tail++;
    b.numbers[i] = timestamp;
    const bad = this.code.write(b.numbers, b.others, i, b.size, data);
    if (bad !== 0) this.setAside(this.first + this.count, bad, data);
    this.objects?.push({ timestamp, data: this.read(b, i, this.first + this.count), type: this.type });
    this.count++;
  }

  /** True when the oldest event leaves by `now` (its timestamp + `span` is at or before it). */
  leavesBy(span: number, now: number): boolean {
    return this.count > 0 && this.blocks[0]!.numbers[this.head]! + span <= now;
  }

  /**
   * Moves every held event whose timestamp + `span` is at or before `now` to `out`, oldest first,
   * stamped with `now` (the time it leaves).
   */
  expireInto(out: StreamEvent[], span: number, now: number): void {
    while (this.leavesBy(span, now)) out.push(this.shift(now));
  }

  /** Takes the oldest event out, stamped with `now` (the time it leaves); the window must hold one. */
  shift(now: number): StreamEvent {
    const held = this.objects?.shift();
    if (held !== undefined) {
      held.timestamp = now;
      this.dropOldest();
      return held;
    }
    return { timestamp: now, data: this.shiftData(), type: this.type };
  }

  /** Takes the oldest event out and returns its data alone; the window must hold one. */
  shiftData(): unknown[] {
    const held = this.objects?.shift();
    const data = held !== undefined ? held.data : this.read(this.blocks[0]!, this.head, this.first);
    this.dropOldest();
    return data;
  }

  /** Drops the oldest event's slot (its values are read before). */
  private dropOldest(): void {
    const b = this.blocks[0]!;
    this.release(b, this.head);
    this.first++;
    this.count--;
    if (++this.head === (this.blocks.length === 1 ? this.tail : b.size)) this.dropFirst();
  }

  /** The held events, oldest first, with their own timestamps (do not change them). */
  toArray(): StreamEvent[] {
    if (this.objects === undefined) {
      const objects = new EventQueue();
      let seq = this.first;
      this.blocks.forEach((b, n) => {
        const from = n === 0 ? this.head : 0;
        const to = n === this.blocks.length - 1 ? this.tail : b.size;
        for (let i = from; i < to; i++)
          objects.push({ timestamp: b.numbers[i]!, data: this.read(b, i, seq++), type: this.type });
      });
      this.objects = objects;
    }
    return this.objects.toArray();
  }

  clear(): void {
    this.aside = undefined;
    this.asideCount = 0;
    this.blocks = [];
    this.head = 0;
    this.tail = 0;
    this.count = 0;
    this.objects = undefined;
  }

  private newBlock(size: number): Block {
    const spare = this.spare;
    if (spare !== undefined && spare.size === size) {
      this.spare = undefined;
      return spare;
    }
    const others = new Array<unknown>(size * this.otherCount);
    // Filled with a double, the array holds unboxed doubles from the start (V8's double elements): as
    // compact as a Float64Array, but on the heap (a small typed array costs an allocation outside it).
    const numbers = new Array<number>(size * (1 + this.numericAt.length)).fill(NaN);
    return { size, numbers, others };
  }

  /** The first block is emptied: drop it (the last one too when the window is empty). */
  private dropFirst(): void {
    this.spare = this.blocks.shift();
    this.head = 0;
    if (this.blocks.length === 0) this.tail = 0;
  }

  private read(b: Block, i: number, seq: number): unknown[] {
    const data = this.code.read(b.numbers, b.others, i, b.size);
    if (this.asideCount > 0 && this.aside !== undefined) {
      for (let c = 0; c < this.aside.length; c++) {
        const a = this.aside[c]!;
        if (a.size > 0 && a.has(seq)) data[this.numericAt[c]!] = a.get(seq);
      }
    }
    return data;
  }

  private setAside(seq: number, bad: number, data: readonly unknown[]): void {
    const aside = (this.aside ??= this.numericAt.map(() => new Map<number, unknown>()));
    for (let c = 0; c < this.numericAt.length; c++) {
      if ((bad & (1 << c)) === 0) continue;
      aside[c]!.set(seq, data[this.numericAt[c]!]);
      this.asideCount++;
    }
  }

  /** Drops what slot i of block b references (its values are read before), and what is aside for the oldest. */
  private release(b: Block, i: number): void {
    const others = b.others;
    for (let at = i; at < others.length; at += b.size) others[at] = undefined;
    if (this.asideCount > 0 && this.aside !== undefined) {
      for (const a of this.aside) if (a.delete(this.first)) this.asideCount--;
    }
  }
}
