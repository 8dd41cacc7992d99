/**
 * A running SiddhiQL app: Siddhi's `SiddhiAppRuntime`, idiomatic in TypeScript.
 */
import type { SiddhiApp } from '../../lang/ast.js';
import type { StreamEvent } from '../event/stream-event.js';
import { toUserEvent } from '../query/query-output.js';
import type { QueryCallback, StreamCallback } from '../runtime/event.js';
import { InputHandler } from '../runtime/input-handler.js';
import type { AppStatistics, StatisticsLevel } from '../runtime/statistics.js';
import type { ManualScheduler } from '../time/manual-scheduler.js';
import type { PlaybackClock } from '../time/playback-clock.js';
import type { AppContext } from './app-context.js';
import type { PersistenceStore } from '../persistence/persistence-store.js';
import { decodeSnapshot, encodeSnapshot } from '../persistence/snapshot-codec.js';

export interface OnDemandResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: unknown[][];
}

export interface AppRuntimeHooks {
  /** Runs an on-demand query (tables and named windows install this). */
  query?(text: string): OnDemandResult;
  /** Extra work at start (sources connect) and shutdown (sinks flush). */
  readonly onStart: (() => void)[];
  readonly onShutdown: (() => void | Promise<void>)[];
}

export class SiddhiAppRuntime {
  private started = false;
  private readonly streamCallbacks = new Map<StreamCallback, { junction: string; sink: (c: StreamEvent[]) => void }>();

  constructor(
    readonly name: string,
    readonly app: SiddhiApp,
    readonly text: string,
    private readonly ctx: AppContext,
    private readonly hooks: AppRuntimeHooks,
    private readonly persistence: PersistenceStore,
    /** The clock when it is virtual (tests) or event-driven (playback); undefined on the wall clock. */
    readonly manualClock: ManualScheduler | undefined,
    /** Set for `@app:playback` apps: event time drives the clock. */
    private readonly playbackClock?: PlaybackClock,
  ) {}

  /**
   * Lets `ms` of (simulated) wall time pass: on the virtual clock, timers due meanwhile fire; in
   * playback, it counts as idle time (the clock moves by `increment` per `idle.time`).
   */
  advanceTime(ms: number): void {
    if (this.playbackClock) this.playbackClock.elapse(ms);
    else if (this.manualClock) this.manualClock.advanceBy(ms);
    else throw new Error(`app '${this.name}' runs on the wall clock: time passes by itself`);
  }

  /** Names of the streams that can receive events. */
  getStreamNames(): string[] {
    return [...this.ctx.junctions.keys()].filter((k) => !k.startsWith('#'));
  }

  /** Streams that queries insert into and no query reads: the app's results. */
  getOutputStreamNames(): string[] {
    return this.getStreamNames().filter(
      (s) => !s.startsWith('!') && this.ctx.streamsWritten.has(s) && !this.ctx.streamsRead.has(s),
    );
  }

  /** Statistics: events received by each stream (fault streams `!S` included) since the app was built. */
  getStreamEventCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [id, j] of this.ctx.junctions) if (!id.startsWith('#')) counts.set(id, j.eventsIn);
    return counts;
  }

  /** The app's statistics (Siddhi's statistics manager): level, and events in/out and latency per query. */
  get statistics(): AppStatistics {
    return this.ctx.statistics;
  }

  /**
   * Siddhi's `setStatisticsLevel`: OFF stops counting, BASIC counts events, DETAIL also times chunks into
   * a latency histogram per query: the first chunk and then one in `sampleEvery` (default 16; 1 times all).
   */
  setStatisticsLevel(level: StatisticsLevel, sampleEvery?: number): void {
    this.ctx.statistics.setLevel(level, sampleEvery);
  }

  getQueryNames(): string[] {
    return [...this.ctx.queryOutputs.keys()];
  }

  getInputHandler(streamId: string): InputHandler {
    const junction = this.ctx.junctions.get(streamId);
    if (!junction) {
      throw new Error(`no stream '${streamId}' in app '${this.name}'; streams are ${this.getStreamNames().join(', ')}`);
    }
    const playback = this.playbackClock;
    return new InputHandler(junction, {
      now: () => this.ctx.scheduler.now(),
      ...(playback ? { onEventTime: (t: number) => playback.onEvent(t) } : {}),
    });
  }

  /** True when `@app:playback` lets event timestamps drive the clock. */
  get playback(): boolean {
    return this.playbackClock !== undefined;
  }

  /** A query callback (by the query's @info name) or a stream callback (by stream id). */
  addCallback(name: string, callback: QueryCallback | StreamCallback): void {
    const q = this.ctx.queryOutputs.get(name);
    if (q && (callback.length !== 1 || !this.ctx.junctions.has(name))) {
      q.callbacks.push(callback as QueryCallback);
      return;
    }
    if (this.ctx.junctions.has(name)) {
      this.addStreamCallback(name, callback as StreamCallback);
      return;
    }
    throw new Error(`no query or stream named '${name}' in app '${this.name}'`);
  }

  addQueryCallback(queryName: string, callback: QueryCallback): void {
    const q = this.ctx.queryOutputs.get(queryName);
    if (!q)
      throw new Error(
        `no query named '${queryName}' in app '${this.name}'; queries are ${this.getQueryNames().join(', ')}`,
      );
    q.callbacks.push(callback);
  }

  addStreamCallback(streamId: string, callback: StreamCallback): void {
    const j = this.ctx.junctions.get(streamId);
    if (!j) throw new Error(`no stream '${streamId}' in app '${this.name}'`);
    const sink = (chunk: StreamEvent[]): void => callback(chunk.map(toUserEvent));
    this.streamCallbacks.set(callback, { junction: streamId, sink });
    j.subscribe(sink);
  }

  removeCallback(callback: QueryCallback | StreamCallback): void {
    const s = this.streamCallbacks.get(callback as StreamCallback);
    if (s) {
      this.ctx.junctions.get(s.junction)?.unsubscribe(s.sink);
      this.streamCallbacks.delete(callback as StreamCallback);
    }
    for (const q of this.ctx.queryOutputs.values()) {
      const i = q.callbacks.indexOf(callback as QueryCallback);
      if (i >= 0) q.callbacks.splice(i, 1);
    }
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const l of this.ctx.lifecycle) l.start?.();
    for (const f of this.hooks.onStart) f();
  }

  /**
   * Starts after the app's async preparation (store-backed tables connect, create their table when
   * missing and load their rows). Apps with PostgreSQL, MariaDB/MySQL or Redis tables start this way.
   */
  async startAsync(): Promise<void> {
    if (this.started) return;
    try {
      for (const l of this.ctx.lifecycle) if (l.prepare) await l.prepare();
    } catch (e) {
      for (const l of this.ctx.lifecycle) if (l.release) await l.release().catch(() => undefined);
      throw e;
    }
    this.start();
  }

  /** Waits until async work in flight is done (store tables' writes have reached their databases). */
  async flush(): Promise<void> {
    for (const l of this.ctx.lifecycle) if (l.flush) await l.flush();
  }

  /** `persist()` after `flush()`: the snapshot and the stores agree. */
  async persistAsync(): Promise<string> {
    await this.flush();
    return this.persist();
  }

  async shutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const l of this.ctx.lifecycle) l.stop?.();
    for (const f of this.hooks.onShutdown) await f();
    await this.flush();
    for (const l of this.ctx.lifecycle) if (l.release) await l.release();
  }

  get isRunning(): boolean {
    return this.started;
  }

  /** Runs an on-demand query against tables, named windows or aggregations. */
  query(text: string): unknown[][] {
    return this.queryWithColumns(text).rows;
  }

  queryWithColumns(text: string): OnDemandResult {
    if (!this.hooks.query) throw new Error(`app '${this.name}' has no table, window or aggregation to query`);
    return this.hooks.query(text);
  }

  /** The state of every stateful element, encoded (versioned and checksummed). */
  snapshot(): Uint8Array {
    const state: Record<string, unknown> = {};
    for (const [k, s] of this.ctx.stateful) state[k] = s.snapshot();
    return encodeSnapshot(this.name, state);
  }

  /** Restores a snapshot taken by `snapshot()`; refuses a corrupt or foreign one before changing anything. */
  restore(bytes: Uint8Array): void {
    const state = decodeSnapshot(this.name, bytes);
    for (const [k, s] of this.ctx.stateful) if (k in state) s.restore(state[k]);
  }

  /** Persists the state; returns the revision id. */
  persist(): string {
    const revision = `${this.ctx.scheduler.now()}_${this.name}_${Math.random().toString(36).slice(2, 8)}`;
    this.persistence.save(this.name, revision, this.snapshot());
    return revision;
  }

  restoreRevision(revision: string): void {
    const bytes = this.persistence.load(this.name, revision);
    if (!bytes) throw new Error(`no persisted revision '${revision}' of app '${this.name}'`);
    this.restore(bytes);
  }

  /** Restores the newest persisted revision; returns its id, or undefined when there is none. */
  restoreLastRevision(): string | undefined {
    const last = this.persistence.lastRevision(this.name);
    if (last === undefined) return undefined;
    this.restoreRevision(last);
    return last;
  }
}
