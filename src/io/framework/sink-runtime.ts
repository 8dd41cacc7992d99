/**
 * One running `@sink`: subscribes to its stream, groups each chunk's events by the resolved dynamic options
 * (and partition), maps each group, and publishes every message to its destination(s). Handles failures
 * per `on.error`: 'LOG' (default: log and drop), 'WAIT' (queue, retry with backoff until the destination is
 * back, pausing the app's sources meanwhile), 'STREAM' (to the fault stream `!S` with `_error`), 'STORE'
 * (the error store, else log). Shutdown flushes what is in flight.
 */
import type { StreamEvent } from '../../engine/event/stream-event.js';
import { CURRENT, EXPIRED } from '../../engine/event/stream-event.js';
import type { ErrorStoreHook } from '../../engine/app/app-context.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { isCollectingSettlements, trackSettlement } from '../../engine/runtime/settlement.js';
import type { StreamJunction } from '../../engine/runtime/stream-junction.js';
import type { SinkMapper } from '../mappers/mapper.js';
import { Retrier, type BackoffPolicy } from './backoff.js';
import { partitionIndex, type DistributionStrategy } from './distribution.js';
import type { DynamicValue } from './dynamic-option.js';
import { storeFailure } from './error-store.js';
import { dropCounters, keepCounters, newCounters, type IoCounters } from './io-metrics.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  isPromise,
  type OptionReader,
  type PublishMeta,
  type Sink,
} from './transport.js';

export type SinkErrorAction = 'LOG' | 'WAIT' | 'STREAM' | 'STORE';

export interface SinkDestination {
  readonly transport: Sink;
  readonly options: OptionReader;
  /** Dynamic options of this destination, by lower-cased name. */
  readonly dynamic: ReadonlyMap<string, DynamicValue>;
}

export interface SinkRuntimeParams {
  readonly appName: string;
  readonly streamId: string;
  readonly type: string;
  readonly mapper: SinkMapper;
  readonly junction: StreamJunction;
  readonly destinations: readonly SinkDestination[];
  readonly strategy: DistributionStrategy;
  /** Attribute index of `partitionKey` (strategy 'partitioned'). */
  readonly partitionIndex?: number;
  /** Dynamic options the events are grouped by (the sink's own, shared by all destinations). */
  readonly groupBy: readonly DynamicValue[];
  readonly onError: SinkErrorAction;
  /** The fault stream's junction, for on.error='STREAM'. */
  readonly faultJunction?: StreamJunction;
  readonly logger: Logger;
  /** The app's error store (on.error / @OnError 'STORE'); failures are logged without one. */
  readonly errorStore: ErrorStoreHook | undefined;
  readonly backoff: BackoffPolicy;
  readonly now: () => number;
  /** Called when a WAIT sink starts and stops waiting for its destination (the app pauses its sources). */
  readonly onBlocked?: (blocked: boolean) => void;
}

interface Pending {
  /** Publication order, so retried messages keep it. */
  readonly seq: number;
  readonly payload: unknown;
  readonly meta: PublishMeta;
  /** Set while a durable source waits for this message (see engine/runtime/settlement.ts). */
  settle?: Deferred;
}

interface Deferred {
  resolve(): void;
  reject(e: Error): void;
}

/** A promise the delivering source waits for, settled when the queued message is published or handled. */
function deferredSettlement(item: Pending): void {
  if (!isCollectingSettlements() || item.settle) return;
  trackSettlement(
    new Promise<void>((resolve, reject) => {
      item.settle = { resolve, reject };
    }),
  );
}

class DestinationState {
  connected = false;
  /** The first connect (at start) has not answered yet: messages wait for it instead of failing. */
  firstConnect = false;
  retrier: Retrier | undefined;
  readonly queue: Pending[] = [];
  readonly inflight = new Set<Promise<unknown>>();
  constructor(readonly d: SinkDestination) {}
}

export class SinkRuntime {
  readonly counters: IoCounters;
  private readonly states: DestinationState[];
  private rr = 0;
  private seq = 0;
  private running = false;
  private blocked = 0;
  private readonly subscriber = (chunk: StreamEvent[]): void => this.onChunk(chunk);

  constructor(private readonly p: SinkRuntimeParams) {
    this.counters = newCounters(p.appName, p.streamId, 'sink', p.type);
    this.states = p.destinations.map((d) => new DestinationState(d));
    this.counters.buffered = () => this.states.reduce((n, s) => n + s.queue.length, 0);
  }

  get endpoints(): (string | undefined)[] {
    return this.states.map((s) => s.d.transport.endpoint);
  }

  /** Resolves once every destination is connected. */
  async whenConnected(timeoutMs = 10000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.states.every((s) => s.connected)) {
      if (Date.now() > deadline) throw new Error(`sink '${this.p.type}' of '${this.p.streamId}' did not connect`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    keepCounters(this.counters);
    for (const s of this.states) {
      // A transport that connects synchronously is usable at once (in-process sinks publish in the same turn).
      try {
        const r = s.d.transport.connect();
        if (!isPromise(r)) {
          s.connected = true;
          continue;
        }
        s.firstConnect = true;
        r.then(
          () => {
            s.firstConnect = false;
            s.connected = true;
            this.counters.connected = this.states.every((x) => x.connected);
            if (s.queue.length > 0 && this.running) this.startWaiting(s);
          },
          (e: unknown) => {
            s.firstConnect = false;
            this.connectFailed(s, e);
            this.releaseHeld(s, e);
          },
        );
      } catch (e) {
        this.connectFailed(s, e);
      }
    }
    this.counters.connected = this.states.every((x) => x.connected);
    this.p.junction.subscribe(this.subscriber);
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.p.junction.unsubscribe(this.subscriber);
    for (const s of this.states) {
      await Promise.allSettled([...s.inflight]);
      s.retrier?.cancel();
      s.retrier = undefined;
      if (s.queue.length > 0 && s.connected) {
        try {
          await this.drain(s);
        } catch (e) {
          this.p.logger.error(
            `sink '${this.p.type}' of stream '${this.p.streamId}' could not flush: ${errorMessage(e)}`,
          );
        }
      }
      if (s.queue.length > 0) {
        this.counters.errors += s.queue.length;
        this.p.logger.error(
          `sink '${this.p.type}' of stream '${this.p.streamId}' shut down with ${s.queue.length} unpublished messages`,
          { stream: this.p.streamId, events: s.queue.flatMap((q) => q.meta.events.map((e) => e.data)) },
        );
        // Their sources must not acknowledge them: a durable source redelivers them after a restart.
        for (const q of s.queue) q.settle?.reject(new Error(`sink '${this.p.type}' shut down before publishing`));
        s.queue.length = 0;
      }
      try {
        await s.d.transport.disconnect();
      } catch (e) {
        this.p.logger.error(`sink '${this.p.type}' of stream '${this.p.streamId}' failed to close: ${errorMessage(e)}`);
      }
      s.connected = false;
    }
    if (this.blocked > 0) {
      this.blocked = 0;
      this.p.onBlocked?.(false);
    }
    dropCounters(this.counters);
  }

  private onChunk(chunk: StreamEvent[]): void {
    let events = chunk;
    if (chunk.some((e) => e.type !== CURRENT && e.type !== EXPIRED)) {
      events = chunk.filter((e) => e.type === CURRENT || e.type === EXPIRED);
    }
    const n = events.length;
    if (n === 0) return;
    this.counters.events += n;
    const grouped = n > 1;
    const { groupBy, strategy } = this.p;
    if (groupBy.length === 0 && strategy !== 'partitioned') {
      this.publishGroup(events, grouped, -1);
      return;
    }
    const groups = new Map<string, { events: StreamEvent[]; partition: number }>();
    for (const e of events) {
      const partition =
        strategy === 'partitioned' ? partitionIndex(e.data[this.p.partitionIndex ?? 0], this.states.length) : -1;
      let key = String(partition);
      for (const g of groupBy) key += '\u0000' + g(e.data);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { events: [], partition }));
      group.events.push(e);
    }
    for (const g of groups.values()) this.publishGroup(g.events, grouped, g.partition);
  }

  private publishGroup(events: StreamEvent[], grouped: boolean, partition: number): void {
    const payloads = this.p.mapper.map(
      events.map((e) => e.data),
      grouped,
      events.map((e) => e.timestamp),
    );
    for (const payload of payloads) {
      const targets = this.targets(partition);
      for (const s of targets) this.dispatch(s, { seq: this.seq++, payload, meta: this.meta(s.d, events) });
    }
  }

  private targets(partition: number): DestinationState[] {
    switch (this.p.strategy) {
      case 'broadcast':
      case 'none':
        return this.states;
      case 'partitioned':
        return [this.states[partition]!];
      case 'roundRobin': {
        const s = this.states[this.rr % this.states.length]!;
        this.rr = (this.rr + 1) % this.states.length;
        return [s];
      }
    }
  }

  private meta(d: SinkDestination, events: readonly StreamEvent[]): PublishMeta {
    const first = events[0]!.data;
    return {
      events,
      option: (name) => {
        const dyn = d.dynamic.get(name.toLowerCase());
        return dyn ? dyn(first) : d.options.get(name);
      },
    };
  }

  private dispatch(s: DestinationState, item: Pending): void {
    if (s.firstConnect) {
      // As Siddhi connects its sinks before its sources take events: what comes meanwhile waits.
      deferredSettlement(item);
      s.queue.push(item);
      return;
    }
    if (s.queue.length > 0 || (!s.connected && this.p.onError === 'WAIT')) {
      // While a background reconnect runs, its success starts the drain.
      deferredSettlement(item);
      s.queue.push(item);
      if (!s.retrier) this.startWaiting(s);
      return;
    }
    if (!s.connected) {
      this.failed(s, item, new ConnectionUnavailableError(`not connected to ${s.d.transport.endpoint ?? this.p.type}`));
      return;
    }
    let r: void | Promise<void>;
    try {
      r = s.d.transport.publish(item.payload, item.meta);
    } catch (e) {
      this.failed(s, item, e);
      return;
    }
    if (!isPromise(r)) {
      this.counters.messages++;
      return;
    }
    deferredSettlement(item);
    const tracked = r.then(
      () => {
        this.counters.messages++;
        item.settle?.resolve();
      },
      (e: unknown) => this.failed(s, item, e),
    );
    s.inflight.add(tracked);
    void tracked.finally(() => s.inflight.delete(tracked));
  }

  /** A transport reported its connection dropped. */
  connectionLost(index: number, e: unknown): void {
    const s = this.states[index];
    if (!s || !this.running || !s.connected) return;
    s.connected = false;
    this.p.logger.warn(
      `sink '${this.p.type}' of stream '${this.p.streamId}' lost its connection: ${errorMessage(e)}; reconnecting`,
    );
    if (!s.retrier) this.reconnect(s);
  }

  private connectFailed(s: DestinationState, e: unknown): void {
    s.connected = false;
    this.counters.connectFailures++;
    this.p.logger.error(
      `sink '${this.p.type}' of stream '${this.p.streamId}' could not connect to ${s.d.transport.endpoint ?? 'its destination'}: ${errorMessage(e)}`,
    );
    if (this.running && !s.retrier) this.reconnect(s);
  }

  /** The first connect failed: what waited for it follows on.error (WAIT keeps it queued and retries). */
  private releaseHeld(s: DestinationState, e: unknown): void {
    if (s.queue.length === 0 || !this.running) return;
    if (this.p.onError === 'WAIT') {
      this.startWaiting(s);
      return;
    }
    const error = e instanceof ConnectionUnavailableError ? e : new ConnectionUnavailableError(errorMessage(e));
    for (const item of s.queue.splice(0)) this.failed(s, item, error);
  }

  /**
   * Reconnects: at once when the transport connects synchronously (as Siddhi's `connectWithRetry` does in
   * the publishing thread, so the next message goes out), else in the background (LOG/STREAM/STORE sinks
   * keep dropping or routing meanwhile).
   */
  private reconnect(s: DestinationState): void {
    // The first attempt's promise, when the transport connects asynchronously: the retrier awaits it
    // as its first try (a second connect beside it would leave this one's failure unhandled).
    let first: Promise<void> | undefined;
    try {
      const attempt = s.d.transport.connect();
      if (!isPromise(attempt)) {
        s.connected = true;
        this.counters.connected = this.states.every((x) => x.connected);
        return;
      }
      first = attempt;
    } catch {
      // retried with backoff below
    }
    const retrier = new Retrier(
      this.p.backoff,
      () => {
        const pending = first;
        first = undefined;
        return pending ?? s.d.transport.connect();
      },
      () => {
        s.connected = true;
        s.retrier = undefined;
        this.counters.connected = this.states.every((x) => x.connected);
        if (s.queue.length > 0) this.startWaiting(s);
      },
      (e, wait) => {
        this.counters.connectFailures++;
        this.p.logger.error(
          `sink '${this.p.type}' of stream '${this.p.streamId}' still cannot connect: ${errorMessage(e)}; retrying in ${wait} ms`,
        );
      },
    );
    s.retrier = retrier;
    retrier.start();
  }

  /** WAIT: retries connect and the queued messages, in order, until they all went out. */
  private startWaiting(s: DestinationState): void {
    s.retrier?.cancel();
    this.setBlocked(true);
    const retrier = new Retrier(
      this.p.backoff,
      async () => {
        if (!s.connected) {
          await s.d.transport.connect();
          s.connected = true;
        }
        await this.drain(s);
      },
      () => {
        s.retrier = undefined;
        this.setBlocked(false);
      },
      (e, wait) => {
        if (e instanceof ConnectionUnavailableError) s.connected = false;
        this.p.logger.warn(
          `sink '${this.p.type}' of stream '${this.p.streamId}' waits for its destination (${s.queue.length} messages queued): ${errorMessage(e)}; retrying in ${wait} ms`,
        );
      },
    );
    s.retrier = retrier;
    retrier.start();
  }

  private async drain(s: DestinationState): Promise<void> {
    while (s.queue.length > 0) {
      const item = s.queue[0]!;
      try {
        await s.d.transport.publish(item.payload, item.meta);
      } catch (e) {
        // Only a lost connection is worth retrying; a message the transport refuses (a malformed header,
        // say) would fail again: it follows on.error and the queue moves on.
        if (e instanceof ConnectionUnavailableError) throw e;
        s.queue.shift();
        this.failed(s, item, e);
        continue;
      }
      s.queue.shift();
      this.counters.messages++;
      item.settle?.resolve();
    }
  }

  private setBlocked(blocked: boolean): void {
    const before = this.blocked > 0;
    this.blocked += blocked ? 1 : -1;
    if (this.blocked < 0) this.blocked = 0;
    const after = this.blocked > 0;
    if (before !== after) this.p.onBlocked?.(after);
  }

  private failed(s: DestinationState, item: Pending, e: unknown): void {
    const connectionLost = e instanceof ConnectionUnavailableError;
    if (connectionLost) s.connected = false;
    if (this.p.onError === 'WAIT' && (connectionLost || !s.connected)) {
      deferredSettlement(item);
      let i = 0;
      while (i < s.queue.length && s.queue[i]!.seq < item.seq) i++;
      s.queue.splice(i, 0, item);
      if (!s.retrier) this.startWaiting(s);
      return;
    }
    this.counters.errors++;
    // The app's on.error choice takes the message (fault stream, error store or log): it is settled.
    item.settle?.resolve();
    if (connectionLost && this.running && !s.retrier) this.reconnect(s);
    const message = errorMessage(e);
    const data = item.meta.events.map((ev) => ev.data);
    if (this.p.onError === 'STREAM' && this.p.faultJunction) {
      const error = e instanceof Error ? e : new Error(message);
      this.p.faultJunction.send(
        item.meta.events.map((ev) => ({ timestamp: ev.timestamp, data: [...ev.data, error], type: CURRENT })),
      );
      return;
    }
    const store = this.p.onError === 'STORE' ? this.p.errorStore : undefined;
    if (store) {
      storeFailure(store, {
        app: this.p.appName,
        stream: this.p.streamId,
        origin: 'sink',
        type: this.p.type,
        error: message,
        payload: data,
        timestamp: this.p.now(),
      });
      return;
    }
    this.p.logger.error(`sink '${this.p.type}' of stream '${this.p.streamId}' dropped events: ${message}`, {
      stream: this.p.streamId,
      events: data,
    });
  }
}
