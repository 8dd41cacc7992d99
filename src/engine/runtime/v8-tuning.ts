/**
 * Larger inlining budgets for V8's optimizing compiler. A query's per-event path runs through the
 * input handler, the junction, the window, the selector, its generated code, the aggregators and the
 * output: more bytecode than V8 inlines into one optimized function by default (460 bytes per callee,
 * 920 in all). What is not inlined is a call per event, and it loses what V8 knows about the objects
 * passed, so their types are checked again. With these budgets the whole path of the standard
 * scenarios is inlined into the sender: filter-projection runs about 2x faster and
 * length-avg-groupby about 1.25x (paired runs; README "Benchmarks").
 *
 * `tributary run` and `serve` apply them before they start apps. A library changes no process-wide setting by
 * itself: an app embedding the engine calls `tuneV8()` once, before it sends events (V8 reads the
 * budgets when it optimizes a function), or starts node with the same flags.
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flags `tuneV8` sets, as they would be given to node. */
export const V8_TUNING_FLAGS: readonly string[] = [
  '--max-inlined-bytecode-size=1000',
  '--max-inlined-bytecode-size-cumulative=4000',
];

/** The environment variable that turns the tuning off: `TRIBUTARY_V8_TUNING=off`. */
export const V8_TUNING_ENV = 'TRIBUTARY_V8_TUNING';

export interface V8TuningOptions {
  /** Where the switch is read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Sets one flag (default `v8.setFlagsFromString`). */
  readonly setFlag?: (flag: string) => void;
}

let tuned = false;

/**
 * Sets `V8_TUNING_FLAGS` once per process. Returns whether this call set them: false when they were
 * set before, or when the environment says `TRIBUTARY_V8_TUNING=off` (or `0`, `false`, `no`).
 */
export function tuneV8(options: V8TuningOptions = {}): boolean {
  const env = options.env ?? process.env;
  if (tuned || isOff(env[V8_TUNING_ENV])) return false;
  const setFlag = options.setFlag ?? setFlagsFromString;
  for (const flag of V8_TUNING_FLAGS) setFlag(flag);
  tuned = true;
  return true;
}

function isOff(value: string | undefined): boolean {
  return value !== undefined && ['off', '0', 'false', 'no'].includes(value.trim().toLowerCase());
}
