/**
 * `@sink(type='prometheus', metric.type='counter'|'gauge'|'histogram'|'summary', value.attribute='value', ...)`:
 * siddhi-io-prometheus's sink. Each event updates one metric whose labels are the stream's other attributes:
 * a counter or a gauge is incremented by the value attribute, a histogram or a summary observes it. In
 * 'server' mode an HTTP server at server.url serves the metrics (text exposition format) to Prometheus; in
 * 'pushgateway' mode every message pushes them to the Pushgateway at push.url under the job and grouping key.
 * Each sink keeps its metric in a prom-client registry of its own.
 */
import type { Registry } from 'prom-client';
import { lazyRequire } from '../../mappers/shared/lazy-require.js';
import { javaValueToString } from '../../../engine/functions/shared/java-format.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import type { PublishMeta, Sink, SinkContext, SinkFactory } from '../../framework/transport.js';
import { serveRegistry, unserveRegistry, type MetricsServer } from './metrics-server.js';
import { groupUrl, pushRegistry } from './pushgateway.js';
import { readSinkConfig, type PrometheusSinkConfig } from './sink-config.js';
import { PROMETHEUS_SINK_OPTIONS } from './sink-options.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'prometheus',
  description:
    "Publishes events as a Prometheus metric (counter, gauge, histogram or summary): the value attribute increments a counter or gauge, or is observed by a histogram or summary; the stream's other attributes are the labels. 'server' mode serves the metrics over HTTP at server.url (any path, e.g. /metrics); 'pushgateway' mode pushes them to a Pushgateway after each message. Takes @map(type='keyvalue') (as siddhi-io-prometheus) or no @map.",
  parameters: [],
  options: PROMETHEUS_SINK_OPTIONS,
  examples: [
    {
      syntax:
        "@sink(type='prometheus', job='fooOrderCount', server.url='http://localhost:9080', publish.mode='server', metric.type='counter', metric.help='Number of foo orders', @map(type='keyvalue'))\ndefine stream FooCountStream (Name string, quantity int, value int);",
      description:
        'Serves a counter named FooCountStream with labels Name and quantity at http://localhost:9080/metrics, incremented by `value` per event.',
    },
    {
      syntax:
        "@sink(type='prometheus', job='inventoryLevel', push.url='http://localhost:9091', publish.mode='pushgateway', metric.type='gauge', metric.help='Current level of inventory', grouping.key=\"'site:colombo'\", @map(type='keyvalue'))\ndefine stream InventoryLevelStream (Name string, value int);",
      description:
        'Pushes a gauge named InventoryLevelStream (label Name) to the Pushgateway at /metrics/job/inventoryLevel/site/colombo after each event.',
    },
  ],
};

type Labels = Record<string, string>;

/** prom-client, loaded when the first prometheus sink is made (about 60 ms), not when the io layer loads. */
const promClient = lazyRequire<typeof import('prom-client')>('prom-client');

function buildMetric(cfg: PrometheusSinkConfig, registry: Registry): (labels: Labels, value: number) => void {
  const common = {
    name: cfg.metricName,
    help: cfg.metricHelp,
    labelNames: cfg.labels.map((l) => l.name),
    registers: [registry],
  };
  switch (cfg.metricType) {
    case 'counter': {
      const m = new (promClient().Counter)(common);
      return (labels, value) => m.inc(labels, value);
    }
    case 'gauge': {
      const m = new (promClient().Gauge)(common);
      return (labels, value) => m.inc(labels, value);
    }
    case 'histogram': {
      const m = new (promClient().Histogram)({ ...common, ...(cfg.buckets ? { buckets: [...cfg.buckets] } : {}) });
      return (labels, value) => m.observe(labels, value);
    }
    case 'summary': {
      // the Java client's summary window: quantiles over the last 10 minutes, in 5 age buckets
      const m = new (promClient().Summary)({
        ...common,
        percentiles: [...cfg.quantiles],
        maxAgeSeconds: 600,
        ageBuckets: 5,
      });
      return (labels, value) => m.observe(labels, value);
    }
  }
}

class PrometheusSink implements Sink {
  private readonly cfg: PrometheusSinkConfig;
  private readonly registry: Registry = new (promClient().Registry)();
  private readonly record: (labels: Labels, value: number) => void;
  private readonly passThrough: boolean;
  /** Messages already counted: a publish retried after a failed push must not count them again. */
  private readonly applied = new WeakSet<object>();
  private server: MetricsServer | undefined;
  private readonly pushTo: string;

  constructor(private readonly ctx: SinkContext) {
    this.cfg = readSinkConfig(ctx);
    this.record = buildMetric(this.cfg, this.registry);
    this.passThrough = ctx.mapType.toLowerCase() === 'passthrough';
    this.pushTo = groupUrl(this.cfg.url, this.cfg.job, this.cfg.groupingKey);
  }

  get endpoint(): string {
    if (this.cfg.publishMode === 'pushgateway') return this.pushTo;
    const s = this.server;
    return s ? `http://${s.host.includes(':') ? `[${s.host}]` : s.host}:${s.port}/metrics` : this.cfg.url.href;
  }

  async connect(): Promise<void> {
    const url = this.cfg.url;
    if (this.cfg.publishMode === 'server') {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      this.server = await serveRegistry(host, url.port === '' ? 80 : Number(url.port), this.registry);
      this.ctx.logger.info(`stream '${this.ctx.streamId}' serves its metric at ${this.endpoint}`);
      return;
    }
    // as siddhi-io-prometheus: a pushadd on connect finds out whether the Pushgateway listens
    await pushRegistry(this.pushTo, 'POST', this.registry);
  }

  publish(payload: unknown, meta: PublishMeta): void | Promise<void> {
    const key = typeof payload === 'object' && payload !== null ? payload : undefined;
    if (key === undefined || !this.applied.has(key)) {
      const rows = this.passThrough ? meta.events.map((e) => e.data) : [this.rowOf(payload)];
      const updates = rows.map((row) => this.update(row));
      for (const [labels, value] of updates) this.record(labels, value);
      if (key !== undefined) this.applied.add(key);
    }
    if (this.cfg.publishMode === 'pushgateway') {
      return pushRegistry(this.pushTo, this.cfg.pushOperation === 'push' ? 'PUT' : 'POST', this.registry);
    }
  }

  async disconnect(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await unserveRegistry(s, this.registry);
  }

  /** The event data of a keyvalue message. */
  private rowOf(payload: unknown): readonly unknown[] {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new Error(`the prometheus sink of '${this.ctx.streamId}' expects key-value maps of the stream's events`);
    }
    const map = payload as Record<string, unknown>;
    return this.ctx.attributes.map((a) => {
      if (!(a.name in map)) {
        throw new Error(
          `custom @payload mappings are not supported by the prometheus sink of '${this.ctx.streamId}' (no key '${a.name}')`,
        );
      }
      return map[a.name];
    });
  }

  /** The labels and value one event contributes; throws before anything is recorded when the event is unfit. */
  private update(row: readonly unknown[]): [Labels, number] {
    const raw = row[this.cfg.valueIndex];
    const valueName = this.ctx.attributes[this.cfg.valueIndex]!.name;
    const value = typeof raw === 'bigint' ? Number(raw) : raw;
    if (typeof value !== 'number') {
      throw new Error(`value attribute '${valueName}' is ${raw === null ? 'null' : typeof raw}, not a number`);
    }
    if (this.cfg.metricType === 'counter' && value < 0) {
      throw new Error(`a counter cannot be incremented by a negative value (${valueName} = ${value})`);
    }
    const labels: Labels = {};
    for (const l of this.cfg.labels) {
      const v = row[l.index];
      if (v === null || v === undefined) throw new Error(`label attribute '${l.name}' is null`);
      labels[l.name] = javaValueToString(v, l.type);
    }
    return [labels, value];
  }
}

export const prometheusSink: SinkFactory = { spec, create: (ctx) => new PrometheusSink(ctx) };
