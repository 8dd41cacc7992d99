/**
 * The timer of a source that polls (a file, a directory, a scrape target): one pending task at a time on the
 * context's poll scheduler, waits that end early when the source stops, and the process held open while the
 * source runs (the scheduler's timers do not hold it, as a listening socket would).
 */
import type { Scheduler, TimerHandle } from '../../engine/time/scheduler.js';
import { holdProcessOpen } from './keep-alive.js';

export class PollTimer {
  private timer: TimerHandle | undefined;
  private release: (() => void) | undefined;
  private wake: (() => void) | undefined;
  private on = false;
  /** Bumped by every stop, so work begun before it can tell it should end. */
  private runs = 0;

  constructor(private readonly scheduler: Scheduler) {}

  /** Whether the source runs (between `start` and `stop`). */
  get running(): boolean {
    return this.on;
  }

  /** Identifies the current run: compare with `current(run)` after an await. */
  get run(): number {
    return this.runs;
  }

  /** Whether `run` is still the current run (no stop since). */
  current(run: number): boolean {
    return run === this.runs && this.on;
  }

  /** The source runs: holds the process open until `stop`. */
  start(): void {
    this.on = true;
    this.release ??= holdProcessOpen();
  }

  /** The source stops: cancels the pending task, ends a `sleep`, lets the process exit. */
  stop(): void {
    this.on = false;
    this.runs++;
    this.cancel();
    this.wake?.();
    this.release?.();
    this.release = undefined;
  }

  /** Runs `task` at `time` on the scheduler's clock (replacing a pending task), while running. */
  at(time: number, task: () => void): void {
    if (!this.on) return;
    this.cancel();
    this.timer = this.scheduler.schedule(time, () => {
      this.timer = undefined;
      if (this.on) task();
    });
  }

  /** Runs `task` `ms` from now. */
  after(ms: number, task: () => void): void {
    this.at(this.scheduler.now() + ms, task);
  }

  /** Resolves `ms` from now, or at once when the source stops. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
      if (!this.on) this.wake();
      else this.after(ms, () => this.wake?.());
    });
  }

  /** Cancels the pending task, if any. */
  cancel(): void {
    if (this.timer) this.scheduler.cancel(this.timer);
    this.timer = undefined;
  }

  now(): number {
    return this.scheduler.now();
  }
}
