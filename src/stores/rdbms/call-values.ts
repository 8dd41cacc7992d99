/** What the rdbms calls read from the events they process. */
import { CURRENT, EXPIRED, type StreamEvent } from '../../engine/event/stream-event.js';
import type { WindowArg } from '../../engine/windows/window.js';
import type { SqlValue } from './datasource-sessions.js';

/** Events that carry data (current and expired): the ones the calls run SQL for; others pass through. */
export function isData(e: StreamEvent): boolean {
  return e.type === CURRENT || e.type === EXPIRED;
}

/** The values an event gives the query's `?`s, with the types of their expressions. */
export function valuesOf(args: readonly WindowArg[], parameters: readonly number[], e: StreamEvent): SqlValue[] {
  return parameters.map((i) => ({ value: args[i]!.evaluate(e), type: args[i]!.type }));
}
