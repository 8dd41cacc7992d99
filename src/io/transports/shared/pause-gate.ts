/**
 * Backpressure for pull-style sources: while paused, `wait()` holds the consumer loop before it hands the
 * next message to the app (the message stays unacknowledged, so the broker keeps it).
 */
export class PauseGate {
  private waiters: (() => void)[] = [];
  private paused = false;

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves at once when running, else on `resume` (or `release`). */
  wait(): Promise<void> {
    if (!this.paused) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }

  /** Lets every waiter go (on disconnect). */
  release(): void {
    this.resume();
  }
}
