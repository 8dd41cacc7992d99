/**
 * Runs a compiled selector over a finished list of rows, as an on-demand query does (Siddhi's batch
 * selector): plain projections row by row, filtered by `having`; or, with aggregates or `group by`,
 * each row fed to its group's aggregates and projected, `having` tested on that row's output, and
 * per group the last row that passed kept (groups in the order they first passed). Then `order by`,
 * `offset` and `limit`.
 */
import type { CompiledSelector, FeedTarget } from '../../plan/selector-codegen.js';

interface Group {
  readonly states: FeedTarget[];
  readonly a: unknown[];
}

export function evaluateSelector(s: CompiledSelector, rows: readonly unknown[][], ts: number): unknown[][] {
  let result: unknown[][];
  const having = s.having;
  if (s.aggregatorFactories.length > 0 || s.groupKey) {
    const groups = new Map<string, Group>();
    const kept = new Map<string, unknown[]>();
    for (const d of rows) {
      const key = s.groupKey?.(d, ts) ?? '';
      let g = groups.get(key);
      if (!g) {
        g = { states: s.aggregatorFactories.map((f) => f() as FeedTarget), a: [] };
        groups.set(key, g);
      }
      s.feed?.(d, ts, g.states, g.a, true);
      const out = s.project(d, ts, g.a);
      if (having && !having(out, d, ts, g.a)) continue;
      kept.set(key, out);
    }
    result = [...kept.values()];
  } else {
    const none: unknown[] = [];
    result = [];
    for (const d of rows) {
      const out = s.project(d, ts, none);
      if (!having || having(out, d, ts, none)) result.push(out);
    }
  }
  if (s.compare) result.sort(s.compare);
  if (s.offset !== undefined) result = result.slice(s.offset);
  if (s.limit !== undefined) result = result.slice(0, s.limit);
  if (s.hidden > 0) for (const r of result) r.length = s.output.length;
  return result;
}
