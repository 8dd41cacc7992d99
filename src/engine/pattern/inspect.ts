/** Looks up the running state machine of a pattern or sequence query (tests, metrics). */
import type { AppContext } from '../app/app-context.js';
import type { SiddhiAppRuntime } from '../app/siddhi-app-runtime.js';
import { PatternRuntime } from './pattern-runtime.js';

export function patternRuntimeOf(app: SiddhiAppRuntime, queryName: string): PatternRuntime | undefined {
  const ctx = (app as unknown as { readonly ctx: AppContext }).ctx;
  const s = ctx.stateful.get(`${queryName}/pattern`);
  return s instanceof PatternRuntime ? s : undefined;
}
