/** Events per second of a growing counter, measured over the time since the previous sample (at least `minWindowMs` old). */
export class RateMeter {
  private prev: { at: number; count: number };
  private last: { at: number; count: number };

  constructor(
    now: number,
    count = 0,
    private readonly minWindowMs = 1000,
  ) {
    this.prev = { at: now, count };
    this.last = this.prev;
  }

  rate(now: number, count: number): number {
    if (now - this.last.at >= this.minWindowMs) {
      this.prev = this.last;
      this.last = { at: now, count };
    }
    const elapsed = now - this.prev.at;
    return elapsed > 0 ? ((count - this.prev.count) * 1000) / elapsed : 0;
  }
}
