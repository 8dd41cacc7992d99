/** The event users see in callbacks: Siddhi's `Event`, idiomatic in TypeScript. */
export interface Event {
  readonly timestamp: number;
  readonly data: unknown[];
  /** True for an expired (removed) event. */
  readonly isExpired: boolean;
}

/** `runtime.addCallback(queryName, ...)`: current and expired events of one output chunk. */
export type QueryCallback = (timestamp: number, inEvents: Event[] | null, removeEvents: Event[] | null) => void;

/** `runtime.addCallback(streamName, ...)`: every event inserted into the stream, a chunk at a time. */
export type StreamCallback = (events: Event[]) => void;
