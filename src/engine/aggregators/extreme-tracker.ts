/**
 * A multiset of numbers that answers its minimum (or maximum) under insertions and removals in any
 * order, in O(log n): a binary heap of the distinct values plus a count per value. A value whose
 * count drops to zero stays in the heap, marked stale, until it reaches the top (lazy deletion);
 * when stale entries outnumber the live ones the heap is rebuilt, so memory stays proportional
 * to the distinct values present.
 */
export class ExtremeTracker {
  /** Distinct values, heap-ordered (min-heap on the stored keys; a max tracker stores negated keys). */
  private heap: number[] = [];
  /** Value (stored key) → how many times it is present; 0 means stale but still in the heap. */
  private counts = new Map<number, number>();
  private stale = 0;
  private size = 0;

  /** `max`: track the maximum instead of the minimum. */
  constructor(private readonly max: boolean) {}

  get isEmpty(): boolean {
    return this.size === 0;
  }

  add(v: number): void {
    if (v !== v) return; // NaN has no place in an order
    const k = this.max ? -v : v;
    const c = this.counts.get(k);
    this.size++;
    if (c === undefined) {
      this.counts.set(k, 1);
      this.push(k);
    } else {
      if (c === 0) this.stale--;
      this.counts.set(k, c + 1);
    }
  }

  /** Takes one occurrence of `v` out; a value not present is ignored. */
  remove(v: number): void {
    const k = this.max ? -v : v;
    const c = this.counts.get(k);
    if (c === undefined || c === 0) return;
    this.size--;
    this.counts.set(k, c - 1);
    if (c > 1) return;
    this.stale++;
    this.dropStaleTop();
    if (this.stale > 32 && this.stale > this.heap.length - this.stale) this.compact();
  }

  /** The minimum (or maximum), or null when empty. */
  peek(): number | null {
    if (this.size === 0) return null;
    const k = this.heap[0]!;
    return this.max ? -k : k;
  }

  clear(): void {
    this.heap.length = 0;
    this.counts.clear();
    this.stale = 0;
    this.size = 0;
  }

  /** `[value, count]` of every value present. */
  entries(): [number, number][] {
    const out: [number, number][] = [];
    for (const [k, c] of this.counts) if (c > 0) out.push([this.max ? -k : k, c]);
    return out;
  }

  private dropStaleTop(): void {
    const heap = this.heap;
    while (heap.length > 0) {
      const top = heap[0]!;
      if (this.counts.get(top) !== 0) return;
      this.counts.delete(top);
      this.stale--;
      this.pop();
    }
  }

  private compact(): void {
    const live: number[] = [];
    for (const k of this.heap) {
      if (this.counts.get(k) === 0) this.counts.delete(k);
      else live.push(k);
    }
    live.sort((a, b) => a - b); // a sorted array is a valid min-heap
    this.heap = live;
    this.stale = 0;
  }

  private push(k: number): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(k);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p <= k) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = k;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && heap[r]! < heap[l]! ? r : l;
      const c = heap[child]!;
      if (c >= last) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
  }
}
