import type { Scheduler, TimerHandle } from './scheduler.js';
import { TimerQueue } from './timer-queue.js';

/**
 * A scheduler whose clock moves only when told: the virtual clock of tests and the event-time
 * clock of playback. `advanceTo(t)` fires every timer due up to `t` in time order, each seeing
 * the clock at its own due time, then leaves the clock at `t`.
 */
export class ManualScheduler implements Scheduler {
  private time: number;
  private readonly queue = new TimerQueue();
  private firing = false;

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(at: number, task: (firedAt: number) => void): TimerHandle {
    return this.queue.add(at, task);
  }

  cancel(handle: TimerHandle): void {
    handle.cancelled = true;
  }

  /** Moves the clock forward to `t` (never backward), firing due timers in order. */
  advanceTo(t: number): void {
    if (this.firing) {
      if (t > this.time) this.time = t;
      return;
    }
    this.firing = true;
    try {
      for (;;) {
        const due = this.queue.popDue(t);
        if (!due) break;
        if (due.at > this.time) this.time = due.at;
        due.task(due.at);
      }
      if (t > this.time) this.time = t;
    } finally {
      this.firing = false;
    }
  }

  /** Sets the clock to `t` without firing anything (playback: the first event sets the time). */
  jumpTo(t: number): void {
    this.time = t;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Due time of the next pending timer, if any. */
  nextDue(): number | undefined {
    return this.queue.peekTime();
  }

  clear(): void {
    this.queue.clear();
  }
}
