/**
 * Prometheus metrics (prom-client, own registry): events in per stream; events in and out, errors and a
 * latency histogram per query (apps whose statistics are on); messages, events, errors, connection and
 * buffer fill per source and sink; throughput, errors, stored errors, apps by status, and the process's
 * memory and CPU.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { QueryStatistics } from '../../engine/runtime/statistics.js';
import { ioCounters, type IoCounters } from '../../io/framework/io-metrics.js';
import type { AppDeployer } from '../apps/app-deployer.js';
import type { SqliteErrorStore } from '../error-store/sqlite-error-store.js';
import { latencyHistogramText } from './latency-histogram-text.js';

/** The registry, with the per-query latency histograms (kept by the engine) appended to its text. */
class ServerRegistry extends Registry {
  constructor(private readonly deployer: AppDeployer) {
    super();
  }

  override async metrics(): Promise<string> {
    return (await super.metrics()) + latencyHistogramText(this.deployer.activeApps());
  }
}

export function createMetrics(deployer: AppDeployer, errorStore: SqliteErrorStore | undefined): Registry {
  const register = new ServerRegistry(deployer);
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
  const perQuery = (name: string, help: string, read: (q: QueryStatistics) => number): void => {
    new Counter({
      name,
      help,
      labelNames: ['app', 'query'] as const,
      registers: [register],
      collect() {
        this.reset();
        for (const app of deployer.activeApps()) {
          if (!app.statsEnabled) continue;
          for (const [query, q] of app.runtime.statistics.queries) this.inc({ app: app.name, query }, read(q));
        }
      },
    });
  };
  perQuery(
    'tributary_query_events_in_total',
    'Events received by each query of each app whose statistics are on',
    (q) => q.eventsIn,
  );
  perQuery(
    'tributary_query_events_out_total',
    'Events output by each query of each app whose statistics are on',
    (q) => q.eventsOut,
  );
  perQuery(
    'tributary_query_errors_total',
    'Errors raised by each query of each app whose statistics are on',
    (q) => q.errors,
  );

  const perIo = (name: string, help: string, read: (c: IoCounters) => number, gauge = false): void => {
    const config = {
      name,
      help,
      labelNames: ['app', 'stream', 'kind', 'type'] as const,
      registers: [register],
    };
    const rows = (): [Record<'app' | 'stream' | 'kind' | 'type', string>, number][] =>
      ioCounters().map((c) => [{ app: c.app, stream: c.stream, kind: c.kind, type: c.type }, read(c)]);
    if (gauge) {
      new Gauge({
        ...config,
        collect() {
          this.reset();
          for (const [labels, v] of rows()) this.set(labels, v);
        },
      });
    } else {
      new Counter({
        ...config,
        collect() {
          this.reset();
          for (const [labels, v] of rows()) this.inc(labels, v);
        },
      });
    }
  };
  perIo('tributary_io_messages_total', 'Messages received by each source or published by each sink', (c) => c.messages);
  perIo('tributary_io_events_total', 'Events a source fed into its stream, or a sink was handed', (c) => c.events);
  perIo(
    'tributary_io_errors_total',
    'Malformed messages and transport errors of sources; failed publishes of sinks',
    (c) => c.errors,
  );
  perIo(
    'tributary_io_connect_failures_total',
    'Failed connection attempts of each source and sink',
    (c) => c.connectFailures,
  );
  perIo('tributary_io_connected', '1 while the source or sink is connected', (c) => (c.connected ? 1 : 0), true);
  perIo(
    'tributary_io_buffered_messages',
    'Buffer fill: messages held by a paused source or queued by a sink for its destination',
    (c) => c.buffered(),
    true,
  );
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
