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
