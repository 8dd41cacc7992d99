import type { Scheduler, TimerHandle } from './scheduler.js';
import { TimerQueue } from './timer-queue.js';

/** The production clock: `Date.now()`, with one Node timer armed for the earliest due task. */
export class WallScheduler implements Scheduler {
  private readonly queue = new TimerQueue();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private stopped = false;

  now(): number {
    return Date.now();
  }

  schedule(at: number, task: (firedAt: number) => void): TimerHandle {
    const h = this.queue.add(at, task);
    this.arm();
    return h;
  }

  cancel(handle: TimerHandle): void {
    handle.cancelled = true;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.clear();
  }

  private arm(): void {
    if (this.stopped) return;
    const next = this.queue.peekTime();
    if (next === undefined || next >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = next;
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - Date.now()));
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = Date.now();
    for (;;) {
      const due = this.queue.popDue(now);
      if (!due) break;
      due.task(due.at);
    }
    this.arm();
  }
}
