/**
 * `tributary_query_latency_seconds`: the engine's per-query latency histograms (one observation per chunk
 * a query processes, at statistics level DETAIL) in the Prometheus text format. The engine keeps the
 * buckets itself, so they are rendered here rather than re-observed into a prom-client Histogram.
 */
import { LATENCY_BUCKETS_SECONDS } from '../../engine/runtime/statistics.js';
import type { DeployedApp } from '../apps/deployed-app.js';

const NAME = 'tributary_query_latency_seconds';

export function latencyHistogramText(apps: readonly DeployedApp[]): string {
  const lines = [`# HELP ${NAME} Time each query takes per chunk of events (apps at statistics level DETAIL)`];
  lines.push(`# TYPE ${NAME} histogram`);
  for (const app of apps) {
    if (!app.runtime.statistics.timed) continue;
    for (const [query, q] of app.runtime.statistics.queries) {
      const labels = `app="${escapeLabel(app.name)}",query="${escapeLabel(query)}"`;
      const lat = q.latency();
      LATENCY_BUCKETS_SECONDS.forEach((le, i) => lines.push(`${NAME}_bucket{${labels},le="${le}"} ${lat.buckets[i]}`));
      lines.push(`${NAME}_bucket{${labels},le="+Inf"} ${lat.count}`);
      lines.push(`${NAME}_sum{${labels}} ${lat.sumSeconds}`);
      lines.push(`${NAME}_count{${labels}} ${lat.count}`);
    }
  }
  return lines.join('\n') + '\n';
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}
