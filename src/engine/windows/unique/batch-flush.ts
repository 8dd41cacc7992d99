/** How the `unique:` batch windows emit a batch. */
import type { StreamEvent } from '../../event/stream-event.js';
import { expiredCopy, resetEvent } from '../common.js';

/**
 * Appends to `out` the previous batch's events, expired and stamped with `now`, then (when the new batch
 * has events) a RESET and the new batch's events, stamped with `now` as Siddhi's unique batch windows
 * stamp them. Returns the new batch's expired twins: the next previous batch.
 */
export function flushBatch(
  expired: readonly StreamEvent[],
  batch: readonly StreamEvent[],
  now: number,
  out: StreamEvent[],
): StreamEvent[] {
  for (const x of expired) {
    x.timestamp = now;
    out.push(x);
  }
  const next: StreamEvent[] = [];
  if (batch.length > 0) {
    out.push(resetEvent(now));
    for (const c of batch) {
      c.timestamp = now;
      out.push(c);
      next.push(expiredCopy(c));
    }
  }
  return next;
}
