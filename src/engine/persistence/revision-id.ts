/**
 * Revision ids and which revisions a store may drop. An id is `<clock>_<app>_<random>`; with
 * incremental persistence a full snapshot (the base) ends in `_B` and an increment in `_I`. An
 * increment needs every revision back to its base, so pruning to the newest `keep` revisions also
 * keeps the older ones that the oldest kept increment builds on.
 */
export type RevisionKind = 'full' | 'base' | 'increment';

const SUFFIX: Record<RevisionKind, string> = { full: '', base: '_B', increment: '_I' };

export function newRevisionId(now: number, app: string, kind: RevisionKind): string {
  return `${now}_${app}_${Math.random().toString(36).slice(2, 8)}${SUFFIX[kind]}`;
}

export function isIncrementRevision(revision: string): boolean {
  return revision.endsWith('_I');
}

/** The revisions (oldest first in `revisions`) that can go while the newest `keep` stay restorable. */
export function revisionsToPrune(revisions: readonly string[], keep: number): string[] {
  if (revisions.length <= keep) return [];
  let firstKept = revisions.length - keep;
  while (firstKept > 0 && isIncrementRevision(revisions[firstKept]!)) firstKept--;
  return revisions.slice(0, firstKept);
}
