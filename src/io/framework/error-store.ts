/**
 * The error store hook: where `on.error='STORE'` (sinks) and `@OnError(action='STORE')` (sources) send
 * what failed, so it can be inspected and replayed. The server installs one; without it errors are logged.
 */
export interface ErroneousEvent {
  readonly app: string;
  readonly stream: string;
  /** 'source' for a message that could not be mapped; 'sink' for events that could not be published. */
  readonly origin: 'source' | 'sink';
  readonly type: string;
  readonly error: string;
  /** The message (source) or the event data (sink). */
  readonly payload: unknown;
  readonly timestamp: number;
}

export interface ErrorStore {
  store(entry: ErroneousEvent): void;
}

let current: ErrorStore | undefined;

/** Installs (or removes, with undefined) the process's error store. */
export function setErrorStore(store: ErrorStore | undefined): void {
  current = store;
}

export function errorStore(): ErrorStore | undefined {
  return current;
}
