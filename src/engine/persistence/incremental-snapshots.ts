/**
 * Incremental persistence (Siddhi's IncrementalPersistenceStore idea, per stateful element): the
 * first revision is a base holding every element's state; each later one is an increment holding only
 * the elements whose state changed since the revision before it; every `fullSnapshotEvery`
 * increments a new base starts the chain again. An element's change is seen from its serialised
 * bytes (a SHA-256 of them), or without serialising at all when it reports a `stateVersion()` that
 * has not moved (in-memory tables do).
 */
import { createHash } from 'node:crypto';
import type { Stateful } from '../app/app-context.js';
import { serializeState, type IncrementalRevision } from './snapshot-codec.js';

export interface IncrementalPersistenceOptions {
  /** Increments between two full (base) snapshots; default 10. */
  readonly fullSnapshotEvery?: number;
}

export const DEFAULT_FULL_SNAPSHOT_EVERY = 10;

interface Seen {
  readonly hash: string;
  readonly version: number | undefined;
}

/** A revision taken but not yet saved: `commit` it once the store has it. */
export interface PendingRevision extends IncrementalRevision {
  readonly seen: ReadonlyMap<string, Seen>;
}

/** What a stateful element may add: a number that changes whenever its state does. */
interface Versioned {
  stateVersion?(): number;
}

export class IncrementalSnapshots {
  readonly fullSnapshotEvery: number;
  private committed = new Map<string, Seen>();
  private last: string | undefined;
  private increments = 0;

  constructor(options: IncrementalPersistenceOptions = {}) {
    const n = options.fullSnapshotEvery ?? DEFAULT_FULL_SNAPSHOT_EVERY;
    if (!Number.isInteger(n) || n < 0) {
      throw new Error(
        `fullSnapshotEvery must be a whole number of increments (0: every revision is full), got ${String(n)}`,
      );
    }
    this.fullSnapshotEvery = n;
  }

  /** The next revision: a base first and after `fullSnapshotEvery` increments, else an increment. */
  take(elements: ReadonlyMap<string, Stateful>): PendingRevision {
    const base = this.last === undefined || this.increments >= this.fullSnapshotEvery;
    const out: Record<string, Uint8Array> = {};
    const seen = new Map<string, Seen>();
    for (const [key, element] of elements) {
      const version = (element as Versioned).stateVersion?.();
      const prev = this.committed.get(key);
      if (!base && prev !== undefined && version !== undefined && prev.version === version) {
        seen.set(key, prev);
        continue;
      }
      const bytes = serializeState(element.snapshot());
      const hash = createHash('sha256').update(bytes).digest('base64');
      seen.set(key, { hash, version });
      if (base || prev?.hash !== hash) out[key] = bytes;
    }
    return { kind: base ? 'base' : 'increment', previous: base ? undefined : this.last, elements: out, seen };
  }

  /** The store holds `pending` as `revision`: the next increment follows it. */
  commit(revision: string, pending: PendingRevision): void {
    this.committed = new Map(pending.seen);
    this.last = revision;
    this.increments = pending.kind === 'base' ? 0 : this.increments + 1;
  }

  /** The state was replaced (a restore): the next revision is a base. */
  reset(): void {
    this.committed.clear();
    this.last = undefined;
    this.increments = 0;
  }
}
