/**
 * One running `@source`: its transport, its mapper and the stream it feeds. Connects with retry and
 * exponential backoff, buffers while paused, counts what it receives, and routes every malformed message
 * (logged with its content, or to the error store under `@OnError(action='STORE')`): nothing is dropped silently.
 */
import { CURRENT, type StreamEvent } from '../../engine/event/stream-event.js';
import type { Attribute, ErrorStoreHook } from '../../engine/app/app-context.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { Scheduler } from '../../engine/time/scheduler.js';
import { collectSettlements } from '../../engine/runtime/settlement.js';
import type { StreamJunction } from '../../engine/runtime/stream-junction.js';
import type { MappedInput, MappingError, SourceMapper } from '../mappers/mapper.js';
import { Retrier, type BackoffPolicy } from './backoff.js';
import { storeFailure } from './error-store.js';
import { dropCounters, keepCounters, newCounters, type IoCounters } from './io-metrics.js';
import {
  errorMessage,
  type DeliveryResult,
  type OptionReader,
  type Source,
  type SourceContext,
  type SourceFactory,
  type SourceState,
} from './transport.js';
import { Fifo } from '../../engine/runtime/fifo.js';

export interface SourceRuntimeParams {
  readonly appName: string;
  readonly streamId: string;
  readonly attributes: readonly Attribute[];
  /** The app's clock: the timestamps of the events the source delivers. */
  readonly scheduler: Scheduler;
  /** The clock and timers transports that poll on an interval use (the app's `pollScheduler`). */
  readonly pollScheduler: Scheduler;
  readonly type: string;
  readonly mapType: string;
  readonly options: OptionReader;
  readonly factory: SourceFactory;
  readonly mapper: SourceMapper;
  readonly junction: StreamJunction;
  readonly logger: Logger;
  /** The app's error store (on.error / @OnError 'STORE'); failures are logged without one. */
  readonly errorStore: ErrorStoreHook | undefined;
  readonly backoff: BackoffPolicy;
  /** The stream's `@OnError` action ('LOG', 'STREAM', 'STORE', 'WAIT'). */
  readonly onError: string;
  /** Registers the transport's state in the app's snapshots. */
  readonly keepState: (state: SourceState) => void;
}

const MAX_LOGGED_PAYLOAD = 2000;

function payloadText(payload: unknown): string {
  let s: string;
  if (typeof payload === 'string') s = payload;
  else if (payload instanceof Uint8Array) s = bytesText(payload);
  else {
    try {
      s = JSON.stringify(payload) ?? String(payload);
    } catch {
      s = String(payload);
    }
  }
  return s.length > MAX_LOGGED_PAYLOAD ? `${s.slice(0, MAX_LOGGED_PAYLOAD)}...` : s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes as their UTF-8 text, or as hex when they are not text (binary and avro messages). */
function bytesText(bytes: Uint8Array): string {
  const binary = (): string => {
    const shown = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAX_LOGGED_PAYLOAD));
    return `0x${shown.toString('hex')}`;
  };
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return binary();
  try {
    return utf8.decode(bytes);
  } catch {
    return binary();
  }
}

export class SourceRuntime {
  readonly counters: IoCounters;
  private readonly transport: Source;
  private retrier: Retrier | undefined;
  private paused = false;
  /** Held while paused, delivered in order on resume. */
  private readonly buffered = new Fifo<{
    payload: unknown;
    trp: ReadonlyMap<string, unknown> | undefined;
    settle: { resolve(): void; reject(e: Error): void };
  }>();
  private connectedWaiters: (() => void)[] = [];
  private running = false;

  constructor(private readonly p: SourceRuntimeParams) {
    this.counters = newCounters(p.appName, p.streamId, 'source', p.type);
    this.counters.buffered = () => this.buffered.size;
    const logger = p.logger.child({ source: p.type, stream: p.streamId });
    const ctx: SourceContext = {
      appName: p.appName,
      streamId: p.streamId,
      attributes: p.attributes,
      scheduler: p.pollScheduler,
      mapType: p.mapType,
      options: p.options,
      logger,
      deliver: (payload, trp) => this.deliver(payload, trp),
      reportError: (message, payload) => this.reportError(message, payload),
      connectionLost: (error) => this.connectionLost(error),
      keepState: (state) => p.keepState(state),
    };
    this.transport = p.factory.create(ctx);
  }

  get endpoint(): string | undefined {
    return this.transport.endpoint;
  }

  get connected(): boolean {
    return this.counters.connected;
  }

  /** Resolves once the transport is connected (listening). */
  whenConnected(): Promise<void> {
    if (this.counters.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    keepCounters(this.counters);
    this.connect();
  }

  /** Connects with retry; also used to reconnect a transport that lost its connection. */
  connect(): void {
    this.retrier?.cancel();
    const retrier = new Retrier(
      this.p.backoff,
      () => this.transport.connect(),
      () => {
        this.counters.connected = true;
        const waiters = this.connectedWaiters;
        this.connectedWaiters = [];
        for (const w of waiters) w();
      },
      (e, wait) => {
        this.counters.connectFailures++;
        this.p.logger.error(
          `source '${this.p.type}' of stream '${this.p.streamId}' could not connect: ${errorMessage(e)}; retrying in ${wait} ms`,
          { stream: this.p.streamId, source: this.p.type },
        );
      },
    );
    this.retrier = retrier;
    retrier.start();
  }

  pause(): void {
    this.paused = true;
    this.transport.pause?.();
  }

  resume(): void {
    this.paused = false;
    this.transport.resume?.();
    while (!this.paused && this.buffered.size > 0) {
      const b = this.buffered.shift()!;
      try {
        const r = this.deliver(b.payload, b.trp);
        if (r.settled) r.settled.then(b.settle.resolve, b.settle.reject);
        else b.settle.resolve();
      } catch (e) {
        b.settle.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  get isPaused(): boolean {
    return this.paused;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.retrier?.cancel();
    this.counters.connected = false;
    // Held while paused and never processed: their sources must not acknowledge them.
    for (const b of this.buffered.drain()) b.settle.reject(new Error(`source of '${this.p.streamId}' stopped`));
    try {
      await this.transport.disconnect();
    } finally {
      dropCounters(this.counters);
    }
  }

  deliver(payload: unknown, trp?: ReadonlyMap<string, unknown>): DeliveryResult {
    if (this.paused) {
      let settle!: { resolve(): void; reject(e: Error): void };
      const settled = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
      settled.catch(() => undefined);
      this.buffered.push({ payload, trp, settle });
      return { events: 0, errors: [], settled };
    }
    this.counters.messages++;
    let mapped: MappedInput;
    try {
      mapped = this.p.mapper.map(payload, trp);
    } catch (e) {
      mapped = { events: [], errors: [{ message: errorMessage(e), payload }] };
    }
    for (const err of mapped.errors) this.mappingError(err);
    const n = mapped.events.length;
    if (n > 0) {
      const ts = this.p.scheduler.now();
      const own = mapped.timestamps;
      const chunk: StreamEvent[] = new Array<StreamEvent>(n);
      for (let i = 0; i < n; i++) {
        // As Siddhi's InputEventHandler: an event keeps the timestamp its message carries, -1 takes now.
        const t = own === undefined ? -1 : (own[i] ?? -1);
        chunk[i] = { timestamp: t === -1 ? ts : t, data: mapped.events[i]!, type: CURRENT };
      }
      this.counters.events += n;
      const { settled } = collectSettlements(() => this.p.junction.send(chunk));
      if (settled) return { events: n, errors: mapped.errors, settled };
    }
    return { events: n, errors: mapped.errors };
  }

  private connectionLost(error: unknown): void {
    if (!this.running) return;
    this.counters.connected = false;
    this.p.logger.warn(
      `source '${this.p.type}' of stream '${this.p.streamId}' lost its connection: ${errorMessage(error)}; reconnecting`,
      { stream: this.p.streamId },
    );
    void Promise.resolve()
      .then(() => this.transport.disconnect())
      .catch(() => undefined)
      .then(() => {
        if (this.running) this.connect();
      });
  }

  private reportError(message: string, payload?: unknown): void {
    this.counters.errors++;
    this.p.logger.error(
      `source '${this.p.type}' of stream '${this.p.streamId}': ${message}`,
      payload === undefined ? { stream: this.p.streamId } : { stream: this.p.streamId, payload: payloadText(payload) },
    );
  }

  private mappingError(err: MappingError): void {
    this.counters.errors++;
    const store = this.p.onError === 'STORE' ? this.p.errorStore : undefined;
    if (store) {
      storeFailure(store, {
        app: this.p.appName,
        stream: this.p.streamId,
        origin: 'source',
        type: this.p.type,
        error: err.message,
        payload: err.payload,
        timestamp: this.p.scheduler.now(),
      });
      return;
    }
    this.p.logger.error(
      `dropped a message of source '${this.p.type}' on stream '${this.p.streamId}' (@map type '${this.p.mapType}'): ${err.message}`,
      { stream: this.p.streamId, payload: payloadText(err.payload) },
    );
  }
}
