/**
 * The contracts of transports: a source receives messages from the outside world and hands them to
 * its mapper; a sink publishes mapped messages. Both connect (with retry), and disconnect on shutdown.
 */
import type { Attribute } from '../../engine/app/app-context.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { StreamEvent } from '../../engine/event/stream-event.js';
import type { Scheduler } from '../../engine/time/scheduler.js';
import type { ExtensionSpec } from '../../lang/catalog.js';
import type { MappingError } from '../mappers/mapper.js';

/** Thrown (or rejected) by `connect`/`publish` when the other side cannot be reached: retried with backoff. */
export class ConnectionUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectionUnavailableError';
  }
}

/** Static options of one `@source` / `@sink` (and, for a distributed sink, of its `@destination`). */
export interface OptionReader {
  get(name: string): string | undefined;
  /** The value, or the default when the option is absent. */
  getOr(name: string, defaultValue: string): string;
  bool(name: string, defaultValue: boolean): boolean;
  number(name: string, defaultValue: number): number;
  names(): string[];
}

export function optionReader(options: ReadonlyMap<string, string>): OptionReader {
  const lower = new Map<string, string>();
  for (const [k, v] of options) lower.set(k.toLowerCase(), v);
  const get = (name: string): string | undefined => lower.get(name.toLowerCase());
  return {
    get,
    getOr: (name, d) => get(name) ?? d,
    bool: (name, d) => {
      const v = get(name);
      return v === undefined ? d : v.trim().toLowerCase() === 'true';
    },
    number: (name, d) => {
      const v = get(name);
      if (v === undefined || v.trim() === '') return d;
      const n = Number(v);
      // A value that is not a number is a mistake to report, not a reason to fall back to the default.
      if (!Number.isFinite(n)) throw new Error(`option '${name}' must be a number, not '${v}'`);
      return n;
    },
    names: () => [...options.keys()],
  };
}

/** What a message handed to `deliver` became. */
export interface DeliveryResult {
  /** Events that entered the stream. */
  readonly events: number;
  /** Problems the mapper found (each already logged and counted). */
  readonly errors: readonly MappingError[];
  /**
   * Present when the message set off asynchronous work (a sink publishing, a store writing behind, the message
   * held while the app is paused): resolves once all of it is done or handled by the app's on.error choice,
   * rejects when it was abandoned (shutdown). Durable sources acknowledge only then.
   */
  readonly settled?: Promise<void>;
}

export interface SourceContext {
  readonly appName: string;
  readonly streamId: string;
  /** The stream's attributes, in order (for transports whose messages depend on the stream's shape). */
  readonly attributes: readonly Attribute[];
  /**
   * The clock and timers of a transport that polls on an interval: the app's virtual clock in tests (as
   * every timer of the app), else the wall clock, also in `@app:playback`, where the app's own clock is
   * event time and would not move while the source waits for its next poll.
   */
  readonly scheduler: Scheduler;
  /** The `@map` type, e.g. 'json' (transports pick content types from it). */
  readonly mapType: string;
  readonly options: OptionReader;
  readonly logger: Logger;
  /** Maps one message and sends its events into the stream as one chunk. */
  deliver(payload: unknown, transportProperties?: ReadonlyMap<string, unknown>): DeliveryResult;
  /** Reports an error of the transport (a bad request, a read failure): logged and counted. */
  reportError(message: string, payload?: unknown): void;
  /** The transport lost its connection: the framework reconnects with backoff (`disconnect`, then `connect`). */
  connectionLost(error: unknown): void;
  /**
   * Makes the source's own state (a log position, say) part of the app's snapshots: persisted and restored
   * with the app's windows and tables, so a restored app reads on from where its state was taken.
   */
  keepState(state: SourceState): void;
}

/** What a source keeps in the app's snapshots. */
export interface SourceState {
  /** A structured-cloneable value. */
  snapshot(): unknown;
  restore(state: unknown): void;
}

export interface Source {
  /** Starts listening or connects; throw/reject `ConnectionUnavailableError` to be retried with backoff. */
  connect(): void | Promise<void>;
  /** Stops; releases ports, handles and timers. */
  disconnect(): void | Promise<void>;
  /** Backpressure: stop taking messages until `resume`. */
  pause?(): void;
  resume?(): void;
  /** Where the source listens or reads, once connected (e.g. 'http://127.0.0.1:40123/foo'). */
  readonly endpoint?: string;
}

export interface SourceFactory {
  /** kind 'source'. */
  readonly spec: ExtensionSpec;
  create(ctx: SourceContext): Source;
}

/** What a sink learns about the message it publishes. */
export interface PublishMeta {
  /** An option's value for this message: static, or a dynamic `{{attr}}` option resolved for its events. */
  option(name: string): string | undefined;
  /** The events the message was mapped from. */
  readonly events: readonly StreamEvent[];
}

export interface SinkContext {
  readonly appName: string;
  readonly streamId: string;
  /** The stream's attributes, in order. */
  readonly attributes: readonly Attribute[];
  readonly mapType: string;
  /** Static options (for a distributed sink: the sink's options overlaid by the destination's). */
  readonly options: OptionReader;
  readonly logger: Logger;
  /** Names of options whose value holds `{{attr}}` (read them per message with `meta.option`). */
  readonly dynamicOptions: ReadonlySet<string>;
  /** The transport noticed its connection dropped: the framework reconnects with backoff. */
  connectionLost(error: unknown): void;
}

export interface Sink {
  connect(): void | Promise<void>;
  /** Publishes one mapped message; throw/reject `ConnectionUnavailableError` when the other side is away. */
  publish(payload: unknown, meta: PublishMeta): void | Promise<void>;
  /** Flushes what is buffered and closes. */
  disconnect(): void | Promise<void>;
  readonly endpoint?: string;
}

export interface SinkFactory {
  /** kind 'sink'. */
  readonly spec: ExtensionSpec;
  create(ctx: SinkContext): Sink;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether `value` is a promise-like. */
export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
