import type { Scheduler, TimerHandle } from './scheduler.js';
import { TimerQueue } from './timer-queue.js';

/** How many reads of the clock within one synchronous run may share one `Date.now()`. */
const READS_PER_CLOCK_CALL = 16;

/**
 * The production clock: `Date.now()`, with one Node timer armed for the earliest due task.
 * Reading the system clock costs about 100 ns here, more than the rest of a simple query, so reads
 * within one synchronous run share a value: the first read of every task (a request, a message)
 * calls `Date.now()`, and a long synchronous loop calls it again every 16 reads.
 */
export class WallScheduler implements Scheduler {
  private readonly queue = new TimerQueue();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private stopped = false;
  private cached = 0;
  private reads = READS_PER_CLOCK_CALL;
  private readonly expire = (): void => {
    this.reads = READS_PER_CLOCK_CALL;
  };

  now(): number {
    if (++this.reads >= READS_PER_CLOCK_CALL) {
      if (this.reads > READS_PER_CLOCK_CALL) queueMicrotask(this.expire);
      this.cached = Date.now();
      this.reads = 0;
    }
    return this.cached;
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
