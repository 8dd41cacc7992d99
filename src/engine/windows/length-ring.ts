/**
 * The events a length window holds, one slot per position of the window, round: the event coming into
 * a full window takes the slot of the event leaving it. Like the time window's columnar FIFO
 * (held-events.ts), a slot keeps values, not objects: per slot its timestamp and numeric attributes
 * (int, long, float, double) side by side in an array of unboxed doubles, its other attributes in a
 * plain array, so the window holds no event object, data array or boxed number for the garbage
 * collector to copy. Unlike the FIFO, a full window's step reads one slot and writes it again: no
 * block to start or drop, no head or tail to move, no slot to clear.
 *
 * Slots come in chunks of CHUNK_SLOTS, filled as the window fills (a window of a million events gets
 * its memory as it needs it, in arrays of bounded size). A value a numeric column cannot hold (null,
 * or not a number) makes its event's data be kept aside, whole, for its slot.
 */
import type { AttributeType } from '../../lang/ast.js';
import { EXPIRED, type StreamEvent } from '../event/stream-event.js';
import { copyData } from '../event/data-copy.js';
import { perShape, slotAccess, slotShape } from './slot-shape.js';

const CHUNK_BITS = 12;
/** Slots per chunk (a power of two). */
export const CHUNK_SLOTS = 1 << CHUNK_BITS;

/**
 * Writes timestamp t and data d into slot i of a chunk (`n`: its numbers, `o`: its other values);
 * returns a nonzero value when a numeric attribute's value is not a number.
 */
type WriteSlot = (n: number[], o: unknown[], i: number, t: number, d: readonly unknown[]) => number;
/** Reads slot i of a chunk into a new data array. */
type ReadSlot = (n: number[], o: unknown[], i: number) => unknown[];

interface SlotCode {
  readonly write: WriteSlot;
  readonly read: ReadSlot;
  /** Numbers per slot: the timestamp and the numeric attributes. */
  readonly numberStride: number;
  /** Other values per slot. */
  readonly otherStride: number;
}

/** The generated slot functions for a shape. */
const slotCodeFor = perShape((shape): SlotCode => {
  const numberStride = 1 + [...shape].filter((c) => c === 'n').length;
  const otherStride = shape.length + 1 - numberStride;
  // Slots are written in order as a chunk fills, each value at the array's end: the arrays grow as
  // they fill. A value that is not a number is written as NaN, so that the numbers stay a packed array.
  const { writes, reads } = slotAccess(
    shape,
    (k) => `n[b + ${k}]`,
    (j) => `o[c + ${j}]`,
  );
  const slot = `"use strict"; const b = i * ${numberStride}; const c = i * ${otherStride};`;
  return {
    write: new Function(
      'n',
      'o',
      'i',
      't',
      'd',
      `${slot} let v; let bad = 0;\nn[b] = t;\n${writes}\nreturn bad;`,
    ) as WriteSlot,
    read: new Function('n', 'o', 'i', `${slot} return ${reads};`) as ReadSlot,
    numberStride,
    otherStride,
  };
});

/** An empty array that holds unboxed doubles (V8's double elements) from its first value on. */
function doubles(): number[] {
  const a = [0.5];
  a.length = 0;
  return a;
}

export class LengthRing {
  /** Per chunk, its slots' numbers and other values. */
  private numbers: number[][] = [];
  private others: unknown[][] = [];
  private readonly code: SlotCode;
  /** Per slot, the data of an event kept aside (a numeric attribute's value was not a number). */
  private aside: (unknown[] | undefined)[] | undefined;
  private asideCount = 0;
  /**
   * Once the events are read as objects (a join probing the window, an on-demand query), each slot
   * also keeps its event as an object, so that repeated reads cost a copy of pointers, not a new
   * object per event.
   */
  private objects: (StreamEvent | undefined)[] | undefined;

  constructor(attributes: readonly { readonly type: AttributeType }[]) {
    this.code = slotCodeFor(slotShape(attributes));
  }

  /**
   * Writes an event into a slot: the slot after the last one written (the first time round), or a
   * slot written before (its event has left the window).
   */
  write(slot: number, timestamp: number, data: readonly unknown[]): void {
    const k = slot >>> CHUNK_BITS;
    if (k === this.numbers.length) {
      this.numbers.push(doubles());
      this.others.push([]);
    }
    const bad = this.code.write(this.numbers[k]!, this.others[k]!, slot & (CHUNK_SLOTS - 1), timestamp, data);
    if (bad !== 0) this.setAside(slot, data);
    else if (this.asideCount > 0) this.clearAside(slot);
    if (this.objects !== undefined) this.objects[slot] = this.event(slot, timestamp);
  }

  /** The data of the event in a slot, as a new array. */
  data(slot: number): unknown[] {
    if (this.asideCount > 0) {
      const kept = this.aside![slot];
      if (kept !== undefined) return copyData(kept);
    }
    const k = slot >>> CHUNK_BITS;
    return this.code.read(this.numbers[k]!, this.others[k]!, slot & (CHUNK_SLOTS - 1));
  }

  timestamp(slot: number): number {
    return this.numbers[slot >>> CHUNK_BITS]![(slot & (CHUNK_SLOTS - 1)) * this.code.numberStride]!;
  }

  /** The event in a slot as it leaves the window: an expired event stamped with the time it leaves. */
  leave(slot: number, now: number): StreamEvent {
    const held = this.objects?.[slot];
    if (held !== undefined) {
      // Handed out: the slot's next write makes its own.
      held.timestamp = now;
      return held;
    }
    return this.event(slot, now);
  }

  /**
   * The events of `count` slots from `first`, round a window of `length` slots, as objects with their
   * own timestamps (do not change them). `mirror`: keep them, for the next reads.
   */
  events(first: number, count: number, length: number, mirror: boolean): StreamEvent[] {
    if (mirror && this.objects === undefined) this.objects = [];
    const objects = this.objects;
    const out = new Array<StreamEvent>(count);
    for (let j = 0, slot = first; j < count; j++, slot = slot + 1 === length ? 0 : slot + 1) {
      let e = objects?.[slot];
      if (e === undefined) {
        e = this.event(slot, this.timestamp(slot));
        if (objects !== undefined) objects[slot] = e;
      }
      out[j] = e;
    }
    return out;
  }

  /** The event in a slot as a new object, stamped with `timestamp`. */
  private event(slot: number, timestamp: number): StreamEvent {
    return { timestamp, data: this.data(slot), type: EXPIRED };
  }

  /**
   * Every slot is written (the window is full the first time): each array shrinks to what it holds.
   * Grown by appending, an array keeps room to grow by half again, and 16 more: in a partition with
   * a window per key, about 400 bytes per key for length(10). Copies keep their element kinds.
   */
  fit(): void {
    const numbers = this.numbers.slice();
    const others = this.others.slice();
    for (let k = 0; k < numbers.length; k++) {
      numbers[k] = numbers[k]!.slice();
      others[k] = others[k]!.slice();
    }
    this.numbers = numbers;
    this.others = others;
  }

  clear(): void {
    this.numbers.length = 0;
    this.others.length = 0;
    this.aside = undefined;
    this.asideCount = 0;
    this.objects = undefined;
  }

  private setAside(slot: number, data: readonly unknown[]): void {
    const aside = (this.aside ??= []);
    if (aside[slot] === undefined) this.asideCount++;
    aside[slot] = copyData(data);
  }

  private clearAside(slot: number): void {
    const aside = this.aside!;
    if (aside[slot] === undefined) return;
    aside[slot] = undefined;
    this.asideCount--;
  }
}
