/** Copies of held events for snapshots and re-emission: limiters never share data arrays they keep. */
import { cloneEvent, type EventType, type StreamEvent } from '../../event/stream-event.js';

export interface HeldEvent {
  readonly timestamp: number;
  readonly data: unknown[];
  readonly type: EventType;
}

export function hold(e: StreamEvent): HeldEvent {
  return { timestamp: e.timestamp, data: e.data.slice(), type: e.type };
}

export function release(e: HeldEvent): StreamEvent {
  return cloneEvent(e);
}

export function holdAll(events: readonly StreamEvent[]): HeldEvent[] {
  return events.map(hold);
}

/** Serialises a map for a snapshot (insertion order kept). */
export function entriesOf<V, W>(m: Map<string, V>, f: (v: V) => W): [string, W][] {
  return [...m].map(([k, v]) => [k, f(v)]);
}
