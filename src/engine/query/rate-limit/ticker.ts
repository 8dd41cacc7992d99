/**
 * The periodic tick of time-based and snapshot limiters: first due one period after `start()`,
 * then every period, through the app's scheduler.
 */
import type { Scheduler, TimerHandle } from '../../time/scheduler.js';

export class Ticker {
  /** When the next tick is due. */
  next = 0;
  private handle: TimerHandle | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly period: number,
    private readonly onTick: (at: number) => void,
  ) {}

  /** Between `start()` and `stop()`. */
  get running(): boolean {
    return this.handle !== undefined;
  }

  start(): void {
    this.stop();
    this.arm(this.scheduler.now() + this.period);
  }

  stop(): void {
    if (this.handle !== undefined) this.scheduler.cancel(this.handle);
    this.handle = undefined;
  }

  /** Moves the schedule on by one period without waiting for the timer (an event reached the due time). */
  skip(): void {
    this.stop();
    this.arm(this.next + this.period);
  }

  private arm(at: number): void {
    this.next = at;
    this.handle = this.scheduler.schedule(at, (firedAt) => {
      this.arm(this.next + this.period);
      this.onTick(firedAt);
    });
  }
}
