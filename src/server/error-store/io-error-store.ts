/**
 * Connects the I/O layer's error store hook (sinks with `on.error='STORE'`, sources of streams with
 * `@OnError(action='STORE')`) to the server's error store, so failed publishes and unmappable
 * messages are listed, replayed and discarded over REST like failed events.
 */
import type { ErrorStoreHook } from '../../engine/app/build-app.js';
import type { ErroneousEvent, ErrorStore } from '../../io/framework/error-store.js';

export function ioErrorStore(store: ErrorStoreHook): ErrorStore {
  return {
    store(e: ErroneousEvent): void {
      // A sink failed on an event: its data replays into the stream. A source could not map a
      // message: the raw message is kept (as the event's only value) with the mapping error.
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
    },
  };
}
