import { truncate } from './truncate.js';

/**
 * A first-in first-out queue with a head index. `Array.prototype.shift` moves an array's start
 * where V8 can, but past about 30,000 elements (an array in the large-object space) it copies the
 * whole array on every call: 30 to 140 µs here, so draining a backlog of 100,000 one by one took
 * seconds. Here `shift` moves the head, and the array is cut in half once half of it is consumed.
 */
export class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(x: T): void {
    this.items.push(x);
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const x = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      truncate(this.items, 0);
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return x;
  }

  /** The i-th element, oldest first. */
  at(i: number): T {
    return this.items[this.head + i] as T;
  }

  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** The position (from the oldest) of the first element `test` accepts, or -1. */
  findIndex(test: (x: T) => boolean): number {
    const items = this.items;
    for (let i = this.head; i < items.length; i++) if (test(items[i] as T)) return i - this.head;
    return -1;
  }

  /** Takes out the element at position `i` (from the oldest): the oldest at no cost, another by a splice. */
  removeAt(i: number): void {
    if (i === 0) this.shift();
    else this.items.splice(this.head + i, 1);
  }

  /** A queue of `xs`, oldest first (the array is the queue's own from then on). */
  static of<T>(xs: T[]): Fifo<T> {
    const q = new Fifo<T>();
    q.items = xs;
    return q;
  }

  /** Takes every element out, oldest first. */
  drain(): T[] {
    const all = this.toArray();
    this.clear();
    return all;
  }
}
