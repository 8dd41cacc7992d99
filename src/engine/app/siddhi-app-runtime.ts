/**
 * A running SiddhiQL app: Siddhi's `SiddhiAppRuntime`, idiomatic in TypeScript.
 */
import type { SiddhiApp } from '../../lang/ast.js';
import type { StreamEvent } from '../event/stream-event.js';
import { toUserEvent } from '../query/query-output.js';
import type { QueryCallback, StreamCallback } from '../runtime/event.js';
import { InputHandler, type InputGate } from '../runtime/input-handler.js';
import type { AppStatistics, StatisticsLevel } from '../runtime/statistics.js';
import type { ManualScheduler } from '../time/manual-scheduler.js';
import type { PlaybackClock } from '../time/playback-clock.js';
import type { AppContext } from './app-context.js';
import { IncrementalSnapshots, type IncrementalPersistenceOptions } from '../persistence/incremental-snapshots.js';
import type { PersistenceStore } from '../persistence/persistence-store.js';
import { readRevisionState, readRevisionStateAsync, syncResult } from '../persistence/revision-chain.js';
import { newRevisionId } from '../persistence/revision-id.js';
import { decodeSnapshot, encodeIncremental, encodeSnapshot } from '../persistence/snapshot-codec.js';

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
  /** Opened by start; a shutdown closes it and the next handlers get a fresh one. */
  private gate: InputGate;
  /** Set when persistence is incremental: what the last revision held. */
  private incremental: IncrementalSnapshots | undefined;
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
  ) {
    this.gate = { open: false, app: name };
  }

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

  /**
   * Makes state kept outside the app part of its snapshots (persist, restore, updates): `state` is
   * saved and restored under `key` with the app's own elements (a server's ingest positions, say).
   */
  addState(key: string, state: { snapshot(): unknown; restore(state: unknown): void }): void {
    if (this.ctx.stateful.has(key)) throw new Error(`app '${this.name}' already has state under '${key}'`);
    this.ctx.stateful.set(key, state);
  }

  getQueryNames(): string[] {
    return [...this.ctx.queryOutputs.keys()];
  }

  /** The error for a stream name the app does not have: which app, and the names it has. */
  private noStream(streamId: string): Error {
    return new Error(
      `no stream '${streamId}' in app '${this.name}'; its streams are ${this.getStreamNames().join(', ')}`,
    );
  }

  getInputHandler(streamId: string): InputHandler {
    const junction = this.ctx.junctions.get(streamId);
    if (!junction) throw this.noStream(streamId);
    const playback = this.playbackClock;
    // Without playback the scheduler is the clock: one call per event less than a wrapper.
    const scheduler = this.ctx.scheduler;
    return new InputHandler(
      junction,
      playback ? { now: () => scheduler.now(), onEventTime: (t: number) => playback.onEvent(t) } : scheduler,
      this.gate,
    );
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
    if (!j) throw this.noStream(streamId);
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
    this.gate.open = true;
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

  async shutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.gate.open = false;
    this.gate = { open: false, app: this.name };
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

  /** The state of every stateful element, encoded (versioned and checksummed): a full snapshot. */
  snapshot(): Uint8Array {
    const state: Record<string, unknown> = {};
    for (const [k, s] of this.ctx.stateful) state[k] = s.snapshot();
    return encodeSnapshot(this.name, state);
  }

  /**
   * Restores a snapshot taken by `snapshot()` (or a base revision); refuses a corrupt or foreign one
   * before changing anything.
   */
  restore(bytes: Uint8Array): void {
    this.applyState(decodeSnapshot(this.name, bytes));
  }

  /**
   * Incremental persistence (Siddhi's IncrementalPersistenceStore): each revision holds only the
   * stateful elements that changed since the one before, on a base (full) revision taken first and
   * every `fullSnapshotEvery` increments. `false` goes back to full snapshots.
   */
  setIncrementalPersistence(options: IncrementalPersistenceOptions | false): void {
    this.incremental = options === false ? undefined : new IncrementalSnapshots(options);
  }

  /** The increments between full snapshots when persistence is incremental, else undefined. */
  get incrementalPersistence(): { readonly fullSnapshotEvery: number } | undefined {
    return this.incremental ? { fullSnapshotEvery: this.incremental.fullSnapshotEvery } : undefined;
  }

  /** Persists the state in a synchronous store (file, SQLite, memory); returns the revision id. */
  persist(): string {
    this.requireSyncStore('persist()', 'persistAsync()');
    const r = this.takeRevision();
    syncResult(this.persistence.save(this.name, r.revision, r.bytes), 'persistAsync()');
    r.commit();
    return r.revision;
  }

  /**
   * Persists the state in any store, after `flush()` (the snapshot and the table stores agree): the
   * state is captured at once, then written. Returns the revision id.
   */
  async persistAsync(): Promise<string> {
    await this.flush();
    const r = this.takeRevision();
    await this.persistence.save(this.name, r.revision, r.bytes);
    r.commit();
    return r.revision;
  }

  /** Restores a revision (an increment with the revisions it builds on) from a synchronous store. */
  restoreRevision(revision: string): void {
    this.requireSyncStore('restoreRevision()', 'restoreRevisionAsync()');
    const load = (r: string): ReturnType<PersistenceStore['load']> => this.persistence.load(this.name, r);
    this.applyState(readRevisionState(this.name, revision, load, 'restoreRevisionAsync()'));
  }

  async restoreRevisionAsync(revision: string): Promise<void> {
    const load = (r: string): ReturnType<PersistenceStore['load']> => this.persistence.load(this.name, r);
    this.applyState(await readRevisionStateAsync(this.name, revision, load));
  }

  /** Restores the newest persisted revision; returns its id, or undefined when there is none. */
  restoreLastRevision(): string | undefined {
    this.requireSyncStore('restoreLastRevision()', 'restoreLastRevisionAsync()');
    const last = syncResult(this.persistence.lastRevision(this.name), 'restoreLastRevisionAsync()');
    if (last === undefined) return undefined;
    this.restoreRevision(last);
    return last;
  }

  async restoreLastRevisionAsync(): Promise<string | undefined> {
    const last = await this.persistence.lastRevision(this.name);
    if (last === undefined) return undefined;
    await this.restoreRevisionAsync(last);
    return last;
  }

  private takeRevision(): { revision: string; bytes: Uint8Array; commit: () => void } {
    const now = this.ctx.scheduler.now();
    const inc = this.incremental;
    if (!inc) return { revision: newRevisionId(now, this.name, 'full'), bytes: this.snapshot(), commit: () => {} };
    const pending = inc.take(this.ctx.stateful);
    const revision = newRevisionId(now, this.name, pending.kind);
    return {
      revision,
      bytes: encodeIncremental(this.name, pending),
      commit: () => inc.commit(revision, pending),
    };
  }

  private applyState(state: Record<string, unknown>): void {
    for (const [k, s] of this.ctx.stateful) if (k in state) s.restore(state[k]);
    // What the store holds no longer describes the state: the next revision is a base.
    this.incremental?.reset();
  }

  private requireSyncStore(method: string, asyncMethod: string): void {
    if (this.persistence.asynchronous === true) {
      throw new Error(
        `the persistence store of app '${this.name}' (${this.persistence.constructor.name}) is asynchronous: use ${asyncMethod} instead of ${method}`,
      );
    }
  }
}
