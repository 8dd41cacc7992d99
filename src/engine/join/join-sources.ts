/**
 * The hook for join sides that are neither streams, tables nor named windows: incremental
 * aggregations (`from S join Agg within ... per ...`). The aggregation feature installs a resolver;
 * it receives the whole join (for `within` and `per`) and returns a probe-only side.
 */
import type { Expression, JoinInputStream, SingleInputStream } from '../../lang/ast.js';
import type { AppExtensionContext } from '../app/app-extensions.js';
import type { Attribute } from '../app/app-context.js';
import type { ConditionContext } from '../table/table.js';
import type { Probe } from './probe.js';

/** A side that is probed and never triggers (as Siddhi's AggregateWindowProcessor). */
export interface StaticJoinSource {
  readonly attributes: readonly Attribute[];
  /**
   * Compiles the `on` condition (the other side's event is `cc.outer`, read through `cc.params`)
   * into a probe; `find(trigger, ts, out)` receives the other side's event data.
   */
  probe(on: Expression | undefined, cc: ConditionContext): Probe;
}

export type JoinSourceResolver = (
  ext: AppExtensionContext,
  side: SingleInputStream,
  join: JoinInputStream,
) => StaticJoinSource | undefined;

const resolvers: JoinSourceResolver[] = [];

/** Installs a resolver (the aggregation feature calls this when imported). */
export function installJoinSource(r: JoinSourceResolver): void {
  resolvers.push(r);
}

export function resolveJoinSource(
  ext: AppExtensionContext,
  side: SingleInputStream,
  join: JoinInputStream,
): StaticJoinSource | undefined {
  for (const r of resolvers) {
    const s = r(ext, side, join);
    if (s) return s;
  }
  return undefined;
}
