/**
 * A binary min-heap of values ordered by a stamp (a time), then by the order they were added: what the
 * app's timers (`TimerQueue`) and the K-slack processors' held events take out first. Parallel arrays:
 * adding and taking cost O(log n) and no object is made per entry.
 */
export class StampedHeap<T> {
  private stamps: number[] = [];
  private seqs: number[] = [];
  private values: T[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.stamps.length;
  }

  /** The smallest stamp held; undefined when empty. */
  firstStamp(): number | undefined {
    return this.stamps[0];
  }

  /** The value taken out next; undefined when empty. */
  first(): T | undefined {
    return this.values[0];
  }

  add(stamp: number, value: T): void {
    const { stamps, seqs, values } = this;
    const seq = this.nextSeq++;
    let i = stamps.length;
    stamps.push(stamp);
    seqs.push(seq);
    values.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const ps = stamps[p]!;
      if (ps < stamp || (ps === stamp && seqs[p]! < seq)) break;
      stamps[i] = ps;
      seqs[i] = seqs[p]!;
      values[i] = values[p]!;
      i = p;
    }
    stamps[i] = stamp;
    seqs[i] = seq;
    values[i] = value;
  }

  /** Removes and returns the first value (smallest stamp, earliest added). The heap must not be empty. */
  takeFirst(): T {
    const { stamps, seqs, values } = this;
    const top = values[0]!;
    const lastStamp = stamps.pop()!;
    const lastSeq = seqs.pop()!;
    const lastValue = values.pop()!;
    const n = stamps.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (stamps[r]! < stamps[c]! || (stamps[r] === stamps[c] && seqs[r]! < seqs[c]!))) c = r;
        const cs = stamps[c]!;
        if (cs > lastStamp || (cs === lastStamp && seqs[c]! > lastSeq)) break;
        stamps[i] = cs;
        seqs[i] = seqs[c]!;
        values[i] = values[c]!;
        i = c;
      }
      stamps[i] = lastStamp;
      seqs[i] = lastSeq;
      values[i] = lastValue;
    }
    return top;
  }

  clear(): void {
    this.stamps = [];
    this.seqs = [];
    this.values = [];
  }

  /** The stamps and values in the order they would be taken out (copies; the heap is unchanged). */
  ordered(): { stamps: number[]; values: T[] } {
    const order = this.stamps
      .map((_, i) => i)
      .sort((a, b) => this.stamps[a]! - this.stamps[b]! || this.seqs[a]! - this.seqs[b]!);
    return { stamps: order.map((i) => this.stamps[i]!), values: order.map((i) => this.values[i]!) };
  }
}
