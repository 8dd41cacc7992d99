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

/** The labels and value of one sample of a metric. */
type Sample<L extends string> = readonly [Record<L, string>, number];

/**
 * A counter or gauge whose samples are read afresh at every scrape (the engine keeps the figures; the
 * metric only reports them).
 */
function sampled<L extends string>(
  register: Registry,
  kind: 'counter' | 'gauge',
  name: string,
  help: string,
  labelNames: readonly L[],
  samples: () => Iterable<Sample<L>>,
): void {
  const config = { name, help, labelNames, registers: [register] };
  if (kind === 'gauge') {
    new Gauge<L>({
      ...config,
      collect() {
        this.reset();
        for (const [labels, v] of samples()) this.set(labels, v);
      },
    });
  } else {
    new Counter<L>({
      ...config,
      collect() {
        this.reset();
        for (const [labels, v] of samples()) this.inc(labels, v);
      },
    });
  }
}

export function createMetrics(deployer: AppDeployer, errorStore: SqliteErrorStore | undefined): Registry {
  const register = new ServerRegistry(deployer);
  collectDefaultMetrics({ register, prefix: 'tributary_' });
  const apps = deployer.activeApps.bind(deployer);

  sampled(
    register,
    'counter',
    'tributary_stream_events_in_total',
    'Events received by each stream of each app',
    ['app', 'stream'],
    function* () {
      for (const app of apps()) {
        for (const [stream, n] of app.runtime.getStreamEventCounts()) yield [{ app: app.name, stream }, n];
      }
    },
  );
  sampled(
    register,
    'gauge',
    'tributary_stream_throughput_events_per_second',
    'Events per second received by each stream, measured since the previous sample',
    ['app', 'stream'],
    function* () {
      const now = Date.now();
      for (const app of apps()) {
        for (const [stream, n] of app.runtime.getStreamEventCounts()) {
          yield [{ app: app.name, stream }, app.throughput(stream, n, now)];
        }
      }
    },
  );

  const perQuery = (name: string, help: string, read: (q: QueryStatistics) => number): void =>
    sampled(register, 'counter', name, help, ['app', 'query'], function* () {
      for (const app of apps()) {
        if (!app.statsEnabled) continue;
        for (const [query, q] of app.runtime.statistics.queries) yield [{ app: app.name, query }, read(q)];
      }
    });
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

  const perIo = (name: string, help: string, read: (c: IoCounters) => number, gauge = false): void =>
    sampled(register, gauge ? 'gauge' : 'counter', name, help, ['app', 'stream', 'kind', 'type'], () =>
      ioCounters().map((c) => [{ app: c.app, stream: c.stream, kind: c.kind, type: c.type }, read(c)] as const),
    );
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
  sampled(
    register,
    'counter',
    'tributary_errors_total',
    'Errors raised while processing events, per app (logged, stored or sent to fault streams)',
    ['app'],
    () => apps().map((app) => [{ app: app.name }, app.errors] as const),
  );
  sampled(
    register,
    'gauge',
    'tributary_error_store_entries',
    'Failed events waiting in the error store, per app',
    ['app'],
    () => [...(errorStore?.counts() ?? [])].map(([app, n]) => [{ app }, n] as const),
  );
  sampled(register, 'gauge', 'tributary_apps', 'Deployed apps by status', ['status'], () => [
    [{ status: 'active' }, apps().length],
    [{ status: 'inactive' }, deployer.inactiveApps().length],
  ]);
  return register;
}
