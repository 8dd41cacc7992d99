/**
 * One clock and scheduler per app. All time comes from here: wall clock in production,
 * event time in playback, a virtual clock in tests. Timers due at the same instant fire
 * in the order they were scheduled.
 */
export interface TimerHandle {
  readonly at: number;
  cancelled: boolean;
}

export interface Scheduler {
  /** The app's current time, epoch milliseconds. */
  now(): number;
  /** Runs `task` once the clock reaches `at` (immediately on the next advance if `at` is past). */
  schedule(at: number, task: (firedAt: number) => void): TimerHandle;
  cancel(handle: TimerHandle): void;
}
