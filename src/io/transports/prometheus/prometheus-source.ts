/**
 * `@source(type='prometheus', target.url='http://host:9080/metrics', metric.type=..., metric.name=...,
 * scrape.interval='60', @map(type='keyvalue'))`: siddhi-io-prometheus's source. It scrapes the target at
 * start and then every scrape.interval seconds; when the response differs from the last one, each sample of
 * the metric becomes an event (see sample-events.ts for its keys). An unreachable target, a timeout or a
 * reply other than 200 is a lost connection (reconnected with backoff); a response without the metric, or
 * with it under another type, is reported and skipped.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { PollTimer } from '../../framework/poll-timer.js';
import { parseExposition } from './exposition-parser.js';
import { sampleEvents, type SampleEvent } from './sample-events.js';
import { scrape } from './scrape-request.js';
import { PROMETHEUS_SOURCE_OPTIONS, readSourceConfig, type PrometheusSourceConfig } from './source-config.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'prometheus',
  description:
    "Scrapes a Prometheus text-format endpoint every scrape.interval seconds and sends each sample of one metric as an event (when the response changed since the last scrape), with the keys metric_name, metric_type, help, subtype ('null', 'bucket', 'count' or 'sum'), one per label (le of a histogram bucket, quantile of a summary; '' on _count and _sum samples) and value. The stream needs a numeric 'value' attribute; labels are strings. Takes @map(type='keyvalue') (as siddhi-io-prometheus) or no @map (attributes by name).",
  parameters: [],
  options: PROMETHEUS_SOURCE_OPTIONS,
  examples: [
    {
      syntax:
        "@source(type='prometheus', target.url='http://localhost:9080/metrics', metric.type='counter', metric.name='sweet_production_counter', @map(type='keyvalue'))\ndefine stream FooStream1 (metric_name string, metric_type string, help string, subtype string, name string, quantity string, value double);",
      description:
        "One event per sample of the counter sweet_production_counter: subtype 'null', the labels name and quantity, and the value.",
    },
    {
      syntax:
        "@source(type='prometheus', target.url='http://localhost:9080/metrics', metric.type='histogram', metric.name='sweet_production_histogram', @map(type='keyvalue'))\ndefine stream FooStream3 (metric_name string, metric_type string, help string, subtype string, name string, le string, value double);",
      description: "One event per bucket (subtype 'bucket', le the bound), and one each for _count and _sum (le '').",
    },
  ],
};

class PrometheusSource implements Source {
  private readonly cfg: PrometheusSourceConfig;
  private readonly passThrough: boolean;
  /** The scrape timer; its runs end at disconnect, so a scrape still in flight then sends nothing. */
  private readonly poll: PollTimer;
  private paused = false;
  /** The last response: an unchanged one sends no events (as siddhi-io-prometheus). */
  private lastBody: string | undefined;

  constructor(private readonly ctx: SourceContext) {
    this.poll = new PollTimer(ctx.scheduler);
    this.cfg = readSourceConfig(ctx);
    this.passThrough = ctx.mapType.toLowerCase() === 'passthrough';
  }

  get endpoint(): string {
    return this.cfg.target.url.href;
  }

  async connect(): Promise<void> {
    // the first scrape runs inside connect: an unreachable target fails here and is retried with backoff
    const run = this.poll.run;
    await this.scrapeOnce();
    if (run !== this.poll.run) return;
    this.poll.start();
    this.schedule();
  }

  disconnect(): void {
    this.poll.stop();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  private schedule(): void {
    // on the app's clock, as every timer of the app (virtual in tests)
    this.poll.after(this.cfg.intervalMs, () => {
      if (this.paused) {
        this.schedule();
        return;
      }
      this.scrapeOnce().then(
        () => this.schedule(),
        (e: unknown) => {
          if (!this.poll.running) return;
          if (e instanceof ConnectionUnavailableError) {
            this.poll.stop();
            this.ctx.connectionLost(e);
          } else {
            this.ctx.reportError(errorMessage(e));
            this.schedule();
          }
        },
      );
    });
  }

  private async scrapeOnce(): Promise<void> {
    const run = this.poll.run;
    const body = await scrape(this.cfg.target);
    if (run !== this.poll.run) return;
    if (body.trim() === '') {
      this.ctx.reportError(`the target at ${this.endpoint} returned an empty response`);
      return;
    }
    if (body === this.lastBody) return;
    this.lastBody = body;
    for (const event of this.analyse(body)) this.send(event);
  }

  private analyse(body: string): SampleEvent[] {
    const report = (message: string): void => this.ctx.reportError(`scraping ${this.endpoint}: ${message}`);
    const { metricName, metricType, filter } = this.cfg;
    const family = parseExposition(body, report).get(metricName);
    if (family === undefined || family.type === 'untyped') {
      report(`metric '${metricName}' is not in the response`);
      return [];
    }
    if (family.type !== metricType) {
      report(`metric '${metricName}' is a ${family.type}, not a ${metricType} as metric.type says`);
      return [];
    }
    const events = sampleEvents(family, metricType, { labels: filter }, this.cfg.valueType, report);
    if (events.length === 0 && filter.length > 0) {
      report(`no sample of '${metricName}' has the job, instance or grouping key asked for`);
    }
    return events;
  }

  private send(event: SampleEvent): void {
    if (!this.passThrough) {
      this.ctx.deliver(event);
      return;
    }
    this.ctx.deliver(this.ctx.attributes.map((a) => event[a.name] ?? null));
  }
}

export const prometheusSource: SourceFactory = { spec, create: (ctx) => new PrometheusSource(ctx) };
