/**
 * Prometheus metrics (prom-client, own registry): events in per stream, events out per query,
 * throughput, errors, stored errors, apps by status, and the process's memory and CPU.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { AppDeployer } from '../apps/app-deployer.js';
import type { SqliteErrorStore } from '../error-store/sqlite-error-store.js';

export function createMetrics(deployer: AppDeployer, errorStore: SqliteErrorStore | undefined): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'tributary_' });

  new Counter({
    name: 'tributary_stream_events_in_total',
    help: 'Events received by each stream of each app',
    labelNames: ['app', 'stream'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const app of deployer.activeApps()) {
        for (const [stream, n] of app.runtime.getStreamEventCounts()) this.inc({ app: app.name, stream }, n);
      }
    },
  });
  new Gauge({
    name: 'tributary_stream_throughput_events_per_second',
    help: 'Events per second received by each stream, measured since the previous sample',
    labelNames: ['app', 'stream'] as const,
    registers: [register],
    collect() {
      this.reset();
      const now = Date.now();
      for (const app of deployer.activeApps()) {
        for (const [stream, n] of app.runtime.getStreamEventCounts()) {
          this.set({ app: app.name, stream }, app.throughput(stream, n, now));
        }
      }
    },
  });
  new Counter({
    name: 'tributary_query_events_out_total',
    help: 'Events output by each query of each app whose statistics are enabled',
    labelNames: ['app', 'query'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const app of deployer.activeApps()) {
        if (!app.statsEnabled) continue;
        for (const [query, n] of app.queryEventsOut()) this.inc({ app: app.name, query }, n);
      }
    },
  });
  new Counter({
    name: 'tributary_errors_total',
    help: 'Errors raised while processing events, per app (logged, stored or sent to fault streams)',
    labelNames: ['app'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const app of deployer.activeApps()) this.inc({ app: app.name }, app.errors);
    },
  });
  new Gauge({
    name: 'tributary_error_store_entries',
    help: 'Failed events waiting in the error store, per app',
    labelNames: ['app'] as const,
    registers: [register],
    collect() {
      this.reset();
      for (const [app, n] of errorStore?.counts() ?? []) this.set({ app }, n);
    },
  });
  new Gauge({
    name: 'tributary_apps',
    help: 'Deployed apps by status',
    labelNames: ['status'] as const,
    registers: [register],
    collect() {
      this.set({ status: 'active' }, deployer.activeApps().length);
      this.set({ status: 'inactive' }, deployer.inactiveApps().length);
    },
  });
  return register;
}
