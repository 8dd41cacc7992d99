/**
 * The resource groups `#env:resourceIdentifier('group')` registers into and `#window.env:resourceBatch`
 * counts. As siddhi-execution-env keeps them in a static map of the JVM, they are kept per process: every
 * started identifier of a group counts, whatever app or SiddhiManager it belongs to, from its app's start
 * to its shutdown.
 */

const members = new Map<string, Set<object>>();

/** Counts `member` in `group` (again: no change). */
export function joinResourceGroup(group: string, member: object): void {
  let set = members.get(group);
  if (set === undefined) {
    set = new Set();
    members.set(group, set);
  }
  set.add(member);
}

/** Stops counting `member` in `group`. */
export function leaveResourceGroup(group: string, member: object): void {
  const set = members.get(group);
  if (set === undefined) return;
  set.delete(member);
  if (set.size === 0) members.delete(group);
}

/** How many started identifiers name `group` now. */
export function resourceCount(group: string): number {
  return members.get(group)?.size ?? 0;
}
