/**
 * Which `tributary` commands tune V8 (see engine/runtime/v8-tuning.ts): those that run apps for long,
 * `run` and `serve`. The others run short (`test` builds an app per case, `validate` none, `stream` is a
 * client): there, compiling larger functions costs more than it gains (`tributary test` of the
 * conformance corpus took 3.2–3.7 s tuned against 2.75 s). `TRIBUTARY_V8_TUNING=off` keeps V8's defaults.
 */
import { tuneV8, type V8TuningOptions } from '../engine/runtime/v8-tuning.js';

export const TUNED_COMMANDS: readonly string[] = ['run', 'serve'];

/** Tunes V8 when `command` is one of `TUNED_COMMANDS`, before its action runs; true when this call did. */
export function tuneFor(command: string, options?: V8TuningOptions): boolean {
  return TUNED_COMMANDS.includes(command) && tuneV8(options);
}
