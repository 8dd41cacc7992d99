/**
 * `@app:playback`: event timestamps drive the app clock. The first event sets the clock, later
 * ones move it forward (never back). With `idle.time` and `increment`, when no event arrives for
 * `idle.time` of wall time, the clock moves on by `increment`, so windows and timers still fire
 * at the end of a replay.
 */
import type { ManualScheduler } from './manual-scheduler.js';

export interface PlaybackOptions {
  readonly idleMillis?: number;
  readonly incrementMillis?: number;
}

export class PlaybackClock {
  private seen = false;
  /** Wall time (ms) since the last event, as told by `elapse`. */
  private idleFor = 0;
  private interval: NodeJS.Timeout | undefined;

  constructor(
    readonly scheduler: ManualScheduler,
    private readonly opts: PlaybackOptions,
  ) {}

  /** An event with timestamp `t` arrives. */
  onEvent(t: number): void {
    this.idleFor = 0;
    if (!this.seen) {
      this.seen = true;
      this.scheduler.jumpTo(t);
      return;
    }
    this.scheduler.advanceTo(t);
  }

  snapshot(): { seen: boolean; time: number } {
    return { seen: this.seen, time: this.scheduler.now() };
  }

  /**
   * Goes back to the persisted event time (without firing anything): the next event moves the clock
   * on from there, firing the timers due meanwhile as the uninterrupted run did.
   */
  restore(state: unknown): void {
    const s = state as { seen?: boolean; time?: number } | undefined;
    if (s?.seen !== true || typeof s.time !== 'number') return;
    this.seen = true;
    this.scheduler.jumpTo(s.time);
  }

  /** `ms` of wall time pass with no event: apply the idle increments that fall due. */
  elapse(ms: number): void {
    const { idleMillis, incrementMillis } = this.opts;
    if (idleMillis === undefined || incrementMillis === undefined || idleMillis <= 0) return;
    this.idleFor += ms;
    while (this.idleFor >= idleMillis) {
      this.idleFor -= idleMillis;
      this.scheduler.advanceBy(incrementMillis);
    }
  }

  /** On the wall clock: check for idleness every `idle.time`. */
  startWall(): void {
    const idle = this.opts.idleMillis;
    if (idle === undefined || this.interval) return;
    this.interval = setInterval(() => this.elapse(idle), idle);
    this.interval.unref();
  }

  stopWall(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
  }
}
