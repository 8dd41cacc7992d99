/**
 * The timeout timer of the K-slack processors. With a timeout, the first tick is due `timeout` after
 * the app starts; a tick that leaves events buffered schedules the next one a second after the tick
 * before it (on that tick's schedule, not on the clock); a tick that leaves nothing stops the ticking,
 * and the next arriving event restarts it on the next whole second of the old schedule. Every time is
 * the app's clock, and the pending ticks are part of the state (Siddhi snapshots its scheduler's queue).
 */
import type { Scheduler, TimerHandle } from '../../time/scheduler.js';

/** The tick period while events stay buffered. */
const PERIOD = 1000;

export interface FlushTimerState {
  /** When the last tick was scheduled for; -1 before the first. */
  readonly lastScheduled: number;
  /** Set by a tick that left nothing buffered: the next event schedules a tick. */
  readonly idle: boolean;
  /** Due times of the ticks scheduled and not yet fired. */
  readonly pending: number[];
}

export class FlushTimer {
  private lastScheduled = -1;
  private idle = false;
  private handles: TimerHandle[] = [];

  /** `timeout` -1: no timer at all. `tick` runs at each due time with that time. */
  constructor(
    private readonly scheduler: Scheduler,
    readonly timeout: number,
    private readonly tick: (at: number) => void,
  ) {}

  get enabled(): boolean {
    return this.timeout !== -1;
  }

  /** At app start: the first tick, `timeout` from now, unless a restored state has one. */
  start(): void {
    if (!this.enabled || this.lastScheduled >= 0) return;
    this.lastScheduled = this.scheduler.now() + this.timeout;
    this.arm(this.lastScheduled);
  }

  stop(): void {
    for (const h of this.handles) this.scheduler.cancel(h);
    this.handles = [];
  }

  /** An event arrived: restarts the ticking stopped by a tick that found nothing to flush. */
  arrived(): void {
    if (!this.idle) return;
    const behind = this.scheduler.now() - this.lastScheduled;
    this.lastScheduled += Math.round(Math.ceil(behind / PERIOD)) * PERIOD;
    this.arm(this.lastScheduled);
    this.idle = false;
  }

  /** After a tick's flush: tick again a period later while events stay buffered, else go idle. */
  ticked(stillHolding: boolean): void {
    if (stillHolding) {
      this.lastScheduled += PERIOD;
      this.arm(this.lastScheduled);
      this.idle = false;
    } else {
      this.idle = true;
    }
  }

  snapshot(): FlushTimerState {
    return { lastScheduled: this.lastScheduled, idle: this.idle, pending: this.handles.map((h) => h.at) };
  }

  restore(s: FlushTimerState): void {
    this.stop();
    this.lastScheduled = s.lastScheduled;
    this.idle = s.idle;
    for (const at of s.pending) this.arm(at);
  }

  private arm(at: number): void {
    const handle = this.scheduler.schedule(at, (firedAt) => {
      this.handles = this.handles.filter((h) => h !== handle);
      this.tick(firedAt);
    });
    this.handles.push(handle);
  }
}
