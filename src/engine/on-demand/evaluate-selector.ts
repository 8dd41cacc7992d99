/**
 * Runs a compiled selector over a finished list of rows, as an on-demand query does: plain
 * projections row by row, or (with aggregates or `group by`) one output per group holding the
 * aggregates over the group's rows; then `having`, `order by`, `offset` and `limit`.
 */
import type { CompiledSelector, FeedTarget } from '../../plan/selector-codegen.js';

interface Group {
  readonly states: FeedTarget[];
  readonly a: unknown[];
  out: unknown[];
  d: unknown[];
}

export function evaluateSelector(s: CompiledSelector, rows: readonly unknown[][], ts: number): unknown[][] {
  let outs: { out: unknown[]; d: unknown[]; a: unknown[] }[];
  if (s.aggregatorFactories.length > 0 || s.groupKey) {
    const groups = new Map<string, Group>();
    for (const d of rows) {
      const key = s.groupKey?.(d, ts) ?? '';
      let g = groups.get(key);
      if (!g) {
        g = { states: s.aggregatorFactories.map((f) => f() as FeedTarget), a: [], out: [], d };
        groups.set(key, g);
      }
      s.feed?.(d, ts, g.states, g.a, true);
      g.out = s.project(d, ts, g.a);
      g.d = d;
    }
    outs = [...groups.values()].map((g) => ({ out: g.out, d: g.d, a: g.a }));
  } else {
    const none: unknown[] = [];
    outs = rows.map((d) => ({ out: s.project(d, ts, none), d, a: none }));
  }
  if (s.having) {
    const having = s.having;
    outs = outs.filter((o) => having(o.out, o.d, ts, o.a));
  }
  let result = outs.map((o) => o.out);
  if (s.compare) result.sort(s.compare);
  if (s.offset !== undefined) result = result.slice(s.offset);
  if (s.limit !== undefined) result = result.slice(0, s.limit);
  if (s.hidden > 0) for (const r of result) r.length = s.output.length;
  return result;
}
