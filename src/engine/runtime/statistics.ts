import type { EventSink } from '../event/stream-event.js';
import { ownable } from './own-code.js';

/**
 * Per-app statistics (Siddhi's `@app:statistics`, levels OFF / BASIC / DETAIL): what each query
 * receives and emits and how long it takes per chunk. Query runtimes report into a `QueryStatistics`
 * only while the app's statistics are on: a single boolean check per chunk when they are off.
 */

/** OFF: nothing is measured; BASIC: events in and out per query; DETAIL: also the latency per chunk. */
export type StatisticsLevel = 'OFF' | 'BASIC' | 'DETAIL';

export const STATISTICS_LEVELS: readonly StatisticsLevel[] = ['OFF', 'BASIC', 'DETAIL'];

/** Upper bounds (seconds) of the latency histogram's buckets; the last bucket (+Inf) is implicit. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [
  0.000_001, 0.000_005, 0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025,
  0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/** Latency of one query: a histogram with cumulative buckets (as Prometheus wants), sum, count and max. */
export interface LatencySnapshot {
  readonly count: number;
  readonly sumSeconds: number;
  readonly maxSeconds: number;
  /** `buckets[i]` counts observations <= LATENCY_BUCKETS_SECONDS[i] (cumulative, as Prometheus wants). */
  readonly buckets: readonly number[];
}

export class QueryStatistics {
  /** The query's name (its @info name, with the partition prefix inside partitions); set once it is built. */
  name = '';
  /** Events the query received and emitted while statistics were on. */
  eventsIn = 0;
  eventsOut = 0;
  /** Errors raised while the query processed a chunk (counted whether statistics are on or not). */
  errors = 0;
  /** Chunks received at DETAIL (the first and then one in `sampleEvery` are timed). */
  chunks = 0;
  private latencyCount = 0;
  private latencySum = 0;
  private latencyMax = 0;
  private readonly bucketCounts = new Array<number>(LATENCY_BUCKETS_SECONDS.length + 1).fill(0);

  constructor(readonly app: AppStatistics) {}

  /** Records the time one chunk took (seconds). */
  observe(seconds: number): void {
    this.latencyCount++;
    this.latencySum += seconds;
    if (seconds > this.latencyMax) this.latencyMax = seconds;
    let i = 0;
    while (i < LATENCY_BUCKETS_SECONDS.length && seconds > LATENCY_BUCKETS_SECONDS[i]!) i++;
    this.bucketCounts[i]!++;
  }

  latency(): LatencySnapshot {
    const buckets: number[] = [];
    let running = 0;
    for (let i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) {
      running += this.bucketCounts[i]!;
      buckets.push(running);
    }
    return { count: this.latencyCount, sumSeconds: this.latencySum, maxSeconds: this.latencyMax, buckets };
  }
}

/** The statistics of one app: the switch every query runtime checks, and the figures per query. */
export class AppStatistics {
  /** True when the level is not OFF: query runtimes count. */
  enabled = false;
  /** True at DETAIL: query runtimes also time each chunk. */
  timed = false;
  /**
   * At DETAIL, one chunk in `sampleEvery` is timed (a power of two; 1 times every chunk). Reading the
   * clock twice per chunk costs a third of a simple query's throughput; sampling keeps the histogram's
   * shape at a few percent.
   */
  sampleEvery = 16;
  private current: StatisticsLevel = 'OFF';
  readonly queries = new Map<string, QueryStatistics>();

  constructor(
    /** The level the app asked for (`@app:statistics`), or undefined when it did not. */
    readonly declared: StatisticsLevel | undefined,
  ) {
    if (declared) this.setLevel(declared);
  }

  get level(): StatisticsLevel {
    return this.current;
  }

  /** Sets the level; at DETAIL, `sampleEvery` (a power of two) says one chunk in how many is timed. */
  setLevel(level: StatisticsLevel, sampleEvery?: number): void {
    if (sampleEvery !== undefined) {
      if (!Number.isInteger(sampleEvery) || sampleEvery < 1 || (sampleEvery & (sampleEvery - 1)) !== 0) {
        throw new RangeError(`sampleEvery must be a power of two (1, 2, 4, ...), not ${sampleEvery}`);
      }
      this.sampleEvery = sampleEvery;
    }
    this.current = level;
    this.enabled = level !== 'OFF';
    this.timed = level === 'DETAIL';
  }

  /** Registers a query's figures under its name (after the query is built). */
  add(stats: QueryStatistics): void {
    this.queries.set(stats.name, stats);
  }
}

/**
 * Wraps a query's input so the query reports into `stats`: events in, latency per chunk (DETAIL), and
 * the query's name on errors it raises (see `queryOfError`). When statistics are off the only cost is
 * one boolean check per chunk.
 */
export function measuredInput<C extends { readonly length: number }>(
  stats: QueryStatistics,
  sink: (chunk: C) => void,
): (chunk: C) => void {
  const app = stats.app;
  return (chunk) => {
    try {
      if (app.enabled !== true) {
        sink(chunk);
        return;
      }
      stats.eventsIn += chunk.length;
      if (!app.timed || (stats.chunks++ & (app.sampleEvery - 1)) !== 0) {
        sink(chunk);
        return;
      }
      const t0 = performance.now();
      sink(chunk);
      stats.observe((performance.now() - t0) / 1000);
    } catch (e) {
      noteError(stats, e);
      throw e;
    }
  };
}

/** `measuredInput` for a query's per-event lane. */
export function measuredLane(stats: QueryStatistics, lane: EventSink): EventSink {
  const app = stats.app;
  return (timestamp, data) => {
    try {
      if (app.enabled !== true) {
        lane(timestamp, data);
        return;
      }
      stats.eventsIn++;
      if (!app.timed || (stats.chunks++ & (app.sampleEvery - 1)) !== 0) {
        lane(timestamp, data);
        return;
      }
      const t0 = performance.now();
      lane(timestamp, data);
      stats.observe((performance.now() - t0) / 1000);
    } catch (e) {
      noteError(stats, e);
      throw e;
    }
  };
}

/** Each query measures its input with its own copies of `measuredInput` and `measuredLane` (see own-code.ts). */
export const ownMeasuredInput = ownable(measuredInput, { noteError });
export const ownMeasuredLane = ownable(measuredLane, { noteError });

function noteError(stats: QueryStatistics, e: unknown): void {
  stats.errors++;
  if (typeof e === 'object' && e !== null && !erroredQuery.has(e)) erroredQuery.set(e, stats.name);
}

const erroredQuery = new WeakMap<object, string>();

/** The name of the query that raised `error` (innermost), when a measured query did. */
export function queryOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? erroredQuery.get(error) : undefined;
}

/**
 * The level of `@app:statistics(...)`: absent → undefined; present → its `level` (OFF, BASIC, DETAIL,
 * Siddhi's names; `true`/`false` also read), DETAIL when it gives none (reporter and interval are accepted;
 * the server's `/metrics` is the reporter).
 */
export function statisticsLevelOf(
  annotation: { readonly elements: readonly { key?: string | undefined; value: string }[] } | undefined,
): StatisticsLevel | undefined {
  if (!annotation) return undefined;
  const el =
    annotation.elements.find((e) => e.key?.toLowerCase() === 'level') ??
    annotation.elements.find((e) => e.key === undefined);
  if (!el) return 'DETAIL';
  const v = el.value.trim().toUpperCase();
  if (v === 'TRUE') return 'DETAIL';
  if (v === 'FALSE') return 'OFF';
  if ((STATISTICS_LEVELS as readonly string[]).includes(v)) return v as StatisticsLevel;
  throw new Error(`@app:statistics level '${el.value}' is not one of OFF, BASIC, DETAIL`);
}
