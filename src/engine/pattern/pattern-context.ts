/** What the state processors of one pattern or sequence share: its shape, clock and output. */
import type { StateEvent } from './state-event.js';

/** A processor woken by the clock (absent states). */
export interface TimedState {
  onTimer(now: number): void;
}

export interface PatternContext {
  /** Number of slots of a state event. */
  size: number;
  readonly sequence: boolean;
  /** Sends a completed match to the selector. */
  emit(se: StateEvent): void;
  /** Wakes `p` when the clock reaches `at` (once per distinct time). */
  notifyAt(p: TimedState, at: number): void;
  now(): number;
}

/** Generated condition of one state: `d` the match's slots, `x` the arriving event's data, `ts` its time. */
export type StateFilter = (d: unknown[], x: unknown[], ts: number) => boolean;
