/** An app running in the server, with its file and statistics (events out per query, errors, throughput). */
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import type { QueryCallback } from '../../engine/runtime/event.js';
import { RateMeter } from '../stats/rate-meter.js';

export interface AppStatistics {
  readonly appName: string;
  readonly status: 'active';
  readonly statsEnabled: boolean;
  readonly deployedAt: number;
  readonly uptimeMs: number;
  readonly errors: number;
  readonly streams: Record<string, { readonly eventsIn: number; readonly throughputPerSecond: number }>;
  readonly queries: Record<string, { readonly eventsOut: number }>;
}

export class DeployedApp {
  readonly deployedAt = Date.now();
  errors = 0;
  private statsOn = false;
  private readonly eventsOut = new Map<string, number>();
  private readonly callbacks: QueryCallback[] = [];
  private readonly meters = new Map<string, RateMeter>();

  constructor(
    readonly runtime: SiddhiAppRuntime,
    /** The `.siddhi` file the app was read from or saved to. */
    readonly file: string | undefined,
    statistics: boolean,
  ) {
    this.setStatistics(statistics);
  }

  get name(): string {
    return this.runtime.name;
  }

  get text(): string {
    return this.runtime.text;
  }

  get statsEnabled(): boolean {
    return this.statsOn;
  }

  /** Turns counting of query outputs on or off (stream input counts are always kept by the engine). */
  setStatistics(on: boolean): void {
    if (on === this.statsOn) return;
    this.statsOn = on;
    if (on) {
      for (const q of this.runtime.getQueryNames()) {
        const cb: QueryCallback = (_ts, current, expired) =>
          this.eventsOut.set(q, (this.eventsOut.get(q) ?? 0) + (current?.length ?? 0) + (expired?.length ?? 0));
        this.eventsOut.set(q, this.eventsOut.get(q) ?? 0);
        this.runtime.addQueryCallback(q, cb);
        this.callbacks.push(cb);
      }
    } else {
      for (const cb of this.callbacks.splice(0)) this.runtime.removeCallback(cb);
    }
  }

  queryEventsOut(): Map<string, number> {
    return new Map(this.eventsOut);
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
    const queries: Record<string, { eventsOut: number }> = {};
    for (const [q, n] of this.eventsOut) queries[q] = { eventsOut: n };
    return {
      appName: this.name,
      status: 'active',
      statsEnabled: this.statsOn,
      deployedAt: this.deployedAt,
      uptimeMs: now - this.deployedAt,
      errors: this.errors,
      streams,
      queries,
    };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
