/**
 * The join step of one triggering side (Siddhi's post-join JoinProcessor): every event its chain
 * emits (current, and expired events leaving its window) is matched against the other side; each
 * match becomes one joined event `[left, right]` of the arriving event's type and timestamp. Outer
 * joins emit the unmatched event with nulls for the other side; a RESET resets the aggregates.
 */
import { CURRENT, EXPIRED, RESET, TIMER, type EventType, type StreamEvent } from '../event/stream-event.js';
import type { SideIndex } from './join-scope.js';
import type { Probe } from './probe.js';

/** Where joined events go: to the selector, all at once or one arriving event's matches at a time. */
export interface JoinEmitter {
  /** One joined event: the pair `[left, right]`, of the arriving event's type and timestamp. */
  match(timestamp: number, left: unknown[], right: unknown[], type: EventType): void;
  /** Ends the matches of one arriving event. */
  endGroup(): void;
  reset(timestamp: number, left: unknown[], right: unknown[]): void;
  /** Ends a chunk: the selector's output goes on. */
  flush(): void;
}

export class SideJoiner {
  private found: unknown[][] = [];

  constructor(
    private readonly side: SideIndex,
    private readonly probe: Probe,
    /** Outer join on this side: unmatched events pass with nulls for the other side. */
    private readonly outer: boolean,
    /** The other side's attributes as nulls. */
    private readonly nullRow: unknown[],
    private readonly emitter: JoinEmitter,
    /** Nothing needs expired joined events (no expired output, no aggregates): skip their probes. */
    private readonly skipExpired = false,
  ) {}

  process(chunk: readonly StreamEvent[]): void {
    const em = this.emitter;
    const found = this.found;
    const left = this.side === 0;
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      const type = e.type;
      if (type === TIMER) continue;
      if (type === RESET) {
        if (left) em.reset(e.timestamp, e.data, this.nullRow);
        else em.reset(e.timestamp, this.nullRow, e.data);
        continue;
      }
      if (type !== CURRENT && (type !== EXPIRED || this.skipExpired)) continue;
      const n = this.probe.find(e.data, e.timestamp, found);
      if (n === 0) {
        if (this.outer) {
          if (left) em.match(e.timestamp, e.data, this.nullRow, type);
          else em.match(e.timestamp, this.nullRow, e.data, type);
          em.endGroup();
        }
        continue;
      }
      if (left) for (let j = 0; j < n; j++) em.match(e.timestamp, e.data, found[j]!, type);
      else for (let j = 0; j < n; j++) em.match(e.timestamp, found[j]!, e.data, type);
      em.endGroup();
    }
    // Drop what a large result left behind, so it can be collected.
    if (found.length > 64) this.found = [];
    em.flush();
  }
}

/** A stream without a window (Siddhi's EmptyWindowProcessor): each event passes, leaves at once, and resets. */
export function passThroughEmpty(
  expired: boolean,
  now: () => number,
): (chunk: readonly StreamEvent[]) => StreamEvent[] {
  return (chunk) => {
    const out: StreamEvent[] = [];
    const t = now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (e.type !== CURRENT) continue;
      out.push(e);
      if (expired) out.push({ timestamp: t, data: e.data, type: EXPIRED });
      out.push({ timestamp: t, data: e.data, type: RESET });
    }
    return out;
  };
}
