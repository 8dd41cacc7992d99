/**
 * An aggregation as a side of a join (`from S join A on ... within ... per ... select ...`): for
 * each event of S, the rows of A in the event's `within` range at its `per` granularity that
 * match `on`. The aggregation side never triggers (Siddhi's AggregateWindowProcessor).
 */
import type { JoinInputStream, SingleInputStream } from '../../lang/ast.js';
import type { AppExtensionContext } from '../app/app-extensions.js';
import type { StaticJoinSource } from '../join/join-sources.js';
import type { Probe } from '../join/probe.js';
import { aggregationOf } from './app-aggregations.js';
import { compileAggregationRead } from './read-condition.js';

export function aggregationJoinSource(
  ext: AppExtensionContext,
  side: SingleInputStream,
  join: JoinInputStream,
): StaticJoinSource | undefined {
  const agg = aggregationOf(ext.ctx, side.streamId);
  if (!agg) return undefined;
  return {
    attributes: agg.attributes,
    probe(on, cc): Probe {
      const read = compileAggregationRead(agg, join.within, join.per, on, cc, join.span);
      return {
        plan: 'aggregation',
        find(trigger: unknown[], ts: number, out: unknown[][]): number {
          const rows = read.rows(trigger, ts);
          for (let i = 0; i < rows.length; i++) out[i] = rows[i]!;
          return rows.length;
        },
      };
    },
  };
}
