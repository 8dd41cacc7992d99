/**
 * What `on.error='STORE'` (sinks) and `@OnError(action='STORE')` (sources) put in the app's error store (the
 * engine's `ErrorStoreHook`, installed by the server): a failed publish keeps the events' data, so it replays
 * into the stream; a message that could not be mapped keeps the raw message as the event's only value.
 * Without an error store the failure is logged instead.
 */
import type { ErrorStoreHook } from '../../engine/app/app-context.js';

export interface ErroneousEvent {
  readonly app: string;
  readonly stream: string;
  /** 'source' for a message that could not be mapped; 'sink' for events that could not be published. */
  readonly origin: 'source' | 'sink';
  readonly type: string;
  readonly error: string;
  /** The message (source) or the events' data (sink). */
  readonly payload: unknown;
  readonly timestamp: number;
}

export function storeFailure(store: ErrorStoreHook, e: ErroneousEvent): void {
  const rows =
    e.origin === 'sink' && Array.isArray(e.payload) && e.payload.every(Array.isArray)
      ? (e.payload as unknown[][])
      : [[e.payload]];
  const what =
    e.origin === 'sink'
      ? `could not publish to the '${e.type}' sink`
      : `could not map a message of the '${e.type}' source`;
  store.store({
    app: e.app,
    stream: e.stream,
    events: rows.map((data) => ({ timestamp: e.timestamp, data })),
    error: new Error(`${what}: ${e.error}`),
  });
}
