/**
 * The end of a query: query callbacks first (as Siddhi's rate limiter does), then the output action
 * (insert into a stream, a table operation, or nothing for `return`).
 */
import { CURRENT, EXPIRED, OutputEvent, type StreamEvent } from '../event/stream-event.js';
import type { Event, QueryCallback } from '../runtime/event.js';
import type { QueryStatistics } from '../runtime/statistics.js';
import { ownable } from '../runtime/own-code.js';

export type OutputAction = (chunk: StreamEvent[]) => void;

export function toUserEvent(e: StreamEvent): Event {
  if (e instanceof OutputEvent) return e;
  return { timestamp: e.timestamp, data: e.data, isExpired: e.type === EXPIRED };
}

export class QueryOutput {
  readonly callbacks: QueryCallback[] = [];
  /** Where the query counts its output while the app's statistics are on. */
  stats: QueryStatistics | undefined;

  constructor(private readonly action: OutputAction | undefined) {}

  /**
   * One output event straight from the selector (no rate limiter between): one array holds it for the
   * callbacks and then for the output action, which only reads it.
   */
  readonly sendOne = (e: OutputEvent): void => {
    const stats = this.stats;
    if (stats !== undefined && stats.app.enabled) stats.eventsOut++;
    const one: OutputEvent[] = [e];
    const cbs = this.callbacks;
    if (cbs.length > 0) {
      const ts = e.timestamp;
      if (e.type === CURRENT) for (let i = 0; i < cbs.length; i++) cbs[i]!(ts, one, null);
      else if (e.type === EXPIRED) for (let i = 0; i < cbs.length; i++) cbs[i]!(ts, null, one);
    }
    this.action?.(one);
  };

  readonly send = (chunk: StreamEvent[]): void => {
    if (chunk.length === 0) return;
    const first = chunk[0]!;
    if (chunk.length === 1 && first instanceof OutputEvent) {
      // The common case: one event, handed over as is.
      this.sendOne(first);
      return;
    }
    const stats = this.stats;
    if (stats !== undefined && stats.app.enabled) stats.eventsOut += chunk.length;
    if (this.callbacks.length > 0) {
      let current: Event[] | null = null;
      let expired: Event[] | null = null;
      for (const e of chunk) {
        if (e.type === CURRENT) (current ??= []).push(toUserEvent(e));
        else if (e.type === EXPIRED) (expired ??= []).push(toUserEvent(e));
      }
      if (current !== null || expired !== null) {
        const ts = chunk[chunk.length - 1]!.timestamp;
        for (const cb of this.callbacks) cb(ts, current, expired);
      }
    }
    this.action?.(chunk);
  };
}

/** Each query runs its own copy of its output (see own-code.ts). */
export const ownOutput = ownable(QueryOutput, { CURRENT, EXPIRED, OutputEvent, toUserEvent });

/** `insert into S`: every output event enters S as a current event. */
export function insertIntoStream(junction: {
  readonly hasSubscribers: boolean;
  eventsIn: number;
  send(chunk: StreamEvent[]): void;
  sendOne(timestamp: number, data: unknown[]): void;
}): OutputAction {
  return (chunk) => {
    if (!junction.hasSubscribers) {
      junction.eventsIn += chunk.length;
      return;
    }
    if (chunk.length === 1) {
      const e = chunk[0]!;
      junction.sendOne(e.timestamp, e.data);
      return;
    }
    const out = new Array<StreamEvent>(chunk.length);
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      out[i] = { timestamp: e.timestamp, data: e.data, type: CURRENT };
    }
    junction.send(out);
  };
}
