import type { Scheduler, TimerHandle } from './scheduler.js';
import { TimerQueue } from './timer-queue.js';

/** The most reads of the clock one `Date.now()` may serve within one synchronous run. */
const MAX_READS_PER_CLOCK_CALL = 256;
/** `reads` after a run ends: the next read starts a run and calls `Date.now()`. */
const RUN_ENDED = 2 ** 30;

/**
 * The production clock: `Date.now()`, with one Node timer armed for the earliest due task.
 * Reading the system clock costs 40 to 100 ns here, more than the rest of a simple query, so reads
 * within one synchronous run share a value. The first read of every task (a request, a message) calls
 * `Date.now()`. Within a run, the clock is read again every `every` reads, and `every` adapts so that
 * reads stay within about a millisecond of each other: it doubles (up to 256) while a read finds the
 * same millisecond as the read before, and is divided by the milliseconds that passed when more than
 * one did (down to 1: every read calls `Date.now()`, for events that take a millisecond or more).
 */
export class WallScheduler implements Scheduler {
  private readonly queue = new TimerQueue();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;
  private stopped = false;
  private cached = 0;
  private every = 16;
  private reads = RUN_ENDED;
  private readonly expire = (): void => {
    this.reads = RUN_ENDED;
  };

  /** `systemTime`: the system clock, in ms (tests give their own). */
  constructor(private readonly systemTime: () => number = Date.now) {}

  now(): number {
    if (++this.reads < this.every) return this.cached;
    return this.read();
  }

  private read(): number {
    const now = this.systemTime();
    if (this.reads > this.every) {
      // The first read of a run: the run ends at the next microtask checkpoint.
      queueMicrotask(this.expire);
    } else {
      const passed = now - this.cached;
      if (passed === 0) {
        if (this.every < MAX_READS_PER_CLOCK_CALL) this.every *= 2;
      } else if (passed > 1) {
        this.every = Math.max(1, Math.floor(this.every / passed));
      }
    }
    this.cached = now;
    this.reads = 0;
    return now;
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
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - this.systemTime()));
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.systemTime();
    for (;;) {
      const due = this.queue.popDue(now);
      if (!due) break;
      due.task(due.at);
    }
    this.arm();
  }
}
