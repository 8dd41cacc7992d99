/** The map the stream processors of one app share across its queries (`StreamFunctionContext.appShared`). */
import type { AppContext } from './app-context.js';

const byApp = new WeakMap<AppContext, Map<string, unknown>>();

export function appSharedOf(ctx: AppContext): Map<string, unknown> {
  let shared = byApp.get(ctx);
  if (!shared) {
    shared = new Map();
    byApp.set(ctx, shared);
  }
  return shared;
}
