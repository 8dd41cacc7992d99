/** The parameters and argument readings both K-slack processors share. */
import type { ParameterSpec } from '../../../lang/catalog.js';
import { CURRENT, EXPIRED, type StreamEvent } from '../../event/stream-event.js';
import type { WindowArg } from '../../windows/window.js';

export const timestampParameter: ParameterSpec = {
  name: 'timestamp',
  type: ['long'],
  description: 'The event time to order the events by.',
};

export const timeoutParameter: ParameterSpec = {
  name: 'timeout',
  type: ['long'],
  description:
    'Milliseconds: once it has passed after the app started, a tick every second releases the held events whose timestamp is below the tick time + timeout (all of them, for timestamps older than the app clock). The ticks stop when nothing is left to release and restart with the next event. -1: no timeout.',
  optional: true,
  defaultValue: '-1 (no timeout)',
  constantOnly: true,
};

export const maxKParameter: ParameterSpec = {
  name: 'max.k',
  type: ['long'],
  description: 'The greatest K (the slack, in timestamp units) the processor grows to.',
  optional: true,
  defaultValue: 'unbounded',
  constantOnly: true,
};

export const discardParameter: ParameterSpec = {
  name: 'discard.late.arrival',
  type: ['bool'],
  description:
    'true: an event whose timestamp is below that of the last event released in order is dropped; false: it is held and released like the others.',
  optional: true,
  defaultValue: 'false',
  constantOnly: true,
};

/** The value of a constant argument, when given (by position). */
export function constantAt(args: readonly WindowArg[], i: number): unknown {
  return args[i]?.constant;
}

/** Reads an event's timestamp argument (an attribute straight from the data); a null one is an error of the event. */
export function timestampReader(arg: WindowArg, processor: string): (e: StreamEvent) => number {
  const index = arg.attributeIndex;
  const checked = (ts: unknown): number => {
    if (typeof ts !== 'number') throw new Error(`${processor}: an event's timestamp is ${String(ts)}, not a long`);
    return ts;
  };
  return index === undefined ? (e) => checked(arg.evaluate(e)) : (e) => checked(e.data[index]);
}

/** Whether the processor holds this event: current and expired ones; a RESET passes straight on. */
export function isHeld(e: StreamEvent): boolean {
  return e.type === CURRENT || e.type === EXPIRED;
}

/** What the processor keeps of an event: its own event object (the data is never changed in place). */
export function heldCopy(e: StreamEvent): StreamEvent {
  return { timestamp: e.timestamp, data: e.data, type: e.type };
}
