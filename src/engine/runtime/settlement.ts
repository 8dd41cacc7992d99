/**
 * Settlement of a delivery: the asynchronous work (a sink's publish, a store's write-behind) that one message
 * from a durable source set off while the app processed it synchronously. A source that acknowledges its
 * broker only after `settled` resolves loses nothing when the process dies between processing and publishing.
 *
 * Collection is scoped to one synchronous call: `collectSettlements(fn)` runs `fn`; every `trackSettlement`
 * during that call (at any depth, e.g. an in-memory sink feeding another app) joins its result. Outside a
 * scope `trackSettlement` costs one comparison.
 */

let scope: Promise<unknown>[] | undefined;

/** Records work the current delivery must wait for; a no-op outside `collectSettlements`. */
export function trackSettlement(work: Promise<unknown>): void {
  if (scope !== undefined) scope.push(work);
}

/** Whether a delivery is collecting settlements now (callers can skip creating promises when not). */
export function isCollectingSettlements(): boolean {
  return scope !== undefined;
}

/**
 * Runs `fn` and returns its result with a promise that resolves when every piece of work tracked during the
 * call has settled (rejects with the first failure), or undefined when nothing was tracked.
 */
export function collectSettlements<T>(fn: () => T): { result: T; settled: Promise<void> | undefined } {
  const outer = scope;
  const mine: Promise<unknown>[] = [];
  scope = mine;
  let result: T;
  try {
    result = fn();
  } finally {
    scope = outer;
  }
  if (mine.length === 0) return { result, settled: undefined };
  const settled = Promise.all(mine).then(() => undefined);
  // Handled here so a delivery nobody waits for cannot become an unhandled rejection; waiters still see it.
  settled.catch(() => undefined);
  if (outer !== undefined) outer.push(settled);
  return { result, settled };
}
