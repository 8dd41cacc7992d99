/**
 * The per-event lane of a stateless query: filters, then a projection, with no window, aggregator,
 * group by, `having`, ordering or rate limit. The filters, the selector and its hand-over to the query's
 * output are one closure, so an event takes one call from the stream to the output.
 */
import { CURRENT, OutputEvent } from '../event/stream-event.js';
import type { EventSink } from '../event/stream-event.js';
import type { ProjectFn } from './selector.js';
import { ownable } from '../runtime/own-code.js';

export type EventTest = (d: unknown[], ts: number) => boolean;

/** No aggregator values: what a stateless projection is given as its `a`. */
const NO_VALUES: unknown[] = [];

function projectLane(project: ProjectFn, out: (e: OutputEvent) => void): EventSink {
  return (ts, d) => out(new OutputEvent(ts, project(d, ts, NO_VALUES), CURRENT, undefined));
}

function filterProjectLane(test: EventTest, project: ProjectFn, out: (e: OutputEvent) => void): EventSink {
  return (ts, d) => {
    if (test(d, ts)) out(new OutputEvent(ts, project(d, ts, NO_VALUES), CURRENT, undefined));
  };
}

/**
 * Whether a generated function (see `instantiate`) reads its `d` only as `d[i]`, so it cannot keep the
 * array or hand it on. A bare `d` anywhere in its body (even in a string) answers no.
 */
export function readsValuesOnly(fn: (...args: never[]) => unknown): boolean {
  const source = fn.toString();
  const body = source.slice(source.indexOf('{') + 1);
  return !/(?<![\w$.])d(?![\w$]|\s*\[)/.test(body);
}

export const ownProjectLane = ownable(projectLane, { OutputEvent, CURRENT, NO_VALUES });
export const ownFilterProjectLane = ownable(filterProjectLane, { OutputEvent, CURRENT, NO_VALUES });
