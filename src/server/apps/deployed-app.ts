/** An app running in the server, with its file and statistics (per stream, per query, errors, throughput). */
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import { LATENCY_BUCKETS_SECONDS, type StatisticsLevel } from '../../engine/runtime/statistics.js';
import { ioCounters } from '../../io/framework/io-metrics.js';
import { RateMeter } from '../stats/rate-meter.js';

export interface QueryFigures {
  readonly eventsIn: number;
  readonly eventsOut: number;
  readonly errors: number;
  /** Per chunk, at level DETAIL: observations, mean, max and the p50 / p99 bucket bounds, in milliseconds. */
  readonly latency: {
    readonly count: number;
    readonly meanMs: number;
    readonly maxMs: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
  };
}

export interface IoFigures {
  readonly stream: string;
  readonly kind: 'source' | 'sink';
  readonly type: string;
  readonly connected: boolean;
  readonly messages: number;
  readonly events: number;
  readonly errors: number;
  /** Messages held while paused (source) or queued for a destination that is away (sink). */
  readonly buffered: number;
}

export interface AppStatistics {
  readonly appName: string;
  readonly status: 'active';
  readonly statsEnabled: boolean;
  readonly level: StatisticsLevel;
  readonly deployedAt: number;
  readonly uptimeMs: number;
  readonly errors: number;
  readonly streams: Record<string, { readonly eventsIn: number; readonly throughputPerSecond: number }>;
  readonly queries: Record<string, QueryFigures>;
  readonly io: readonly IoFigures[];
}

export class DeployedApp {
  readonly deployedAt = Date.now();
  errors = 0;
  private readonly meters = new Map<string, RateMeter>();

  constructor(
    readonly runtime: SiddhiAppRuntime,
    /** The `.siddhi` file the app was read from or saved to. */
    readonly file: string | undefined,
    statistics: boolean,
  ) {
    // An app's own @app:statistics wins over the server's default.
    if (runtime.statistics.declared === undefined) this.setStatistics(statistics);
  }

  get name(): string {
    return this.runtime.name;
  }

  get text(): string {
    return this.runtime.text;
  }

  get statsEnabled(): boolean {
    return this.runtime.statistics.enabled;
  }

  /** Turns query statistics on (at the app's declared level, DETAIL when it declared none or OFF) or off. */
  setStatistics(on: boolean): void {
    const declared = this.runtime.statistics.declared;
    this.runtime.setStatisticsLevel(on ? (declared && declared !== 'OFF' ? declared : 'DETAIL') : 'OFF');
  }

  throughput(stream: string, count: number, now: number): number {
    let m = this.meters.get(stream);
    if (!m) this.meters.set(stream, (m = new RateMeter(this.deployedAt, 0)));
    return m.rate(now, count);
  }

  statistics(now = Date.now()): AppStatistics {
    const streams: Record<string, { eventsIn: number; throughputPerSecond: number }> = {};
    for (const [s, n] of this.runtime.getStreamEventCounts()) {
      streams[s] = { eventsIn: n, throughputPerSecond: round(this.throughput(s, n, now)) };
    }
    const queries: Record<string, QueryFigures> = {};
    for (const [name, q] of this.runtime.statistics.queries) {
      const lat = q.latency();
      queries[name] = {
        eventsIn: q.eventsIn,
        eventsOut: q.eventsOut,
        errors: q.errors,
        latency: {
          count: lat.count,
          meanMs: lat.count === 0 ? 0 : round((lat.sumSeconds / lat.count) * 1000),
          maxMs: round(lat.maxSeconds * 1000),
          p50Ms: round(quantileBound(lat.buckets, lat.count, 0.5, lat.maxSeconds) * 1000),
          p99Ms: round(quantileBound(lat.buckets, lat.count, 0.99, lat.maxSeconds) * 1000),
        },
      };
    }
    const io = ioCounters(this.name).map((c) => ({
      stream: c.stream,
      kind: c.kind,
      type: c.type,
      connected: c.connected,
      messages: c.messages,
      events: c.events,
      errors: c.errors,
      buffered: c.buffered(),
    }));
    return {
      appName: this.name,
      status: 'active',
      statsEnabled: this.statsEnabled,
      level: this.runtime.statistics.level,
      deployedAt: this.deployedAt,
      uptimeMs: now - this.deployedAt,
      errors: this.errors,
      streams,
      queries,
      io,
    };
  }
}

/**
 * The upper bound of the histogram bucket holding quantile `q` (cumulative `buckets`); past the last
 * bound, the largest observation.
 */
export function quantileBound(buckets: readonly number[], count: number, q: number, max: number): number {
  if (count === 0) return 0;
  const rank = Math.ceil(q * count);
  for (let i = 0; i < buckets.length; i++) {
    if (buckets[i]! >= rank) return Math.min(LATENCY_BUCKETS_SECONDS[i]!, max);
  }
  return max;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
