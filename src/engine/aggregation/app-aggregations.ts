/** The incremental aggregations of each running app, found by the app's context (joins and on-demand queries look here). */
import type { AppContext } from '../app/app-context.js';
import type { IncrementalAggregation } from './aggregation.js';

const byApp = new WeakMap<AppContext, Map<string, IncrementalAggregation>>();

export function appAggregations(ctx: AppContext): Map<string, IncrementalAggregation> {
  let m = byApp.get(ctx);
  if (!m) {
    m = new Map();
    byApp.set(ctx, m);
  }
  return m;
}

export function aggregationOf(ctx: AppContext, id: string): IncrementalAggregation | undefined {
  return byApp.get(ctx)?.get(id);
}
