/**
 * Reads a revision back to the state it stands for: a full snapshot or a base as it is; an increment
 * through the revisions it follows back to their base, the newest state of each element winning (the
 * same as applying the base, then each increment in order). Everything is read and checked before the
 * caller restores anything.
 */
import type { MaybePromise } from './persistence-store.js';
import { decodeRevision, deserializeState, SnapshotError } from './snapshot-codec.js';

/** A chain longer than this is a loop in corrupt revisions, not a real one. */
const MAX_CHAIN = 1_000_000;

class ChainWalk {
  private readonly bytes: Record<string, Uint8Array> = {};
  private full: Record<string, unknown> | undefined;
  private steps = 0;
  private wanted: string;

  constructor(
    private readonly app: string,
    private readonly revision: string,
  ) {
    this.wanted = revision;
  }

  /** Takes the loaded bytes of the revision wanted; returns the next one to load, or undefined when done. */
  add(loaded: Uint8Array | undefined): string | undefined {
    if (loaded === undefined) {
      if (this.steps === 0) throw new Error(`no persisted revision '${this.revision}' of app '${this.app}'`);
      throw new SnapshotError(
        `revision '${this.revision}' of app '${this.app}' builds on revision '${this.wanted}', which the store no longer holds; restore a newer revision or a full one`,
      );
    }
    if (++this.steps > MAX_CHAIN)
      throw new SnapshotError(`revision '${this.revision}' of app '${this.app}': increments loop`);
    const rev = decodeRevision(this.app, loaded);
    if (rev.kind === 'full') {
      this.full = rev.state;
      return undefined;
    }
    for (const [k, b] of Object.entries(rev.elements)) if (!(k in this.bytes)) this.bytes[k] = b;
    if (rev.kind === 'base') return undefined;
    if (rev.previous === undefined)
      throw new SnapshotError(`increment '${this.wanted}' of app '${this.app}' names no previous revision`);
    this.wanted = rev.previous;
    return this.wanted;
  }

  state(): Record<string, unknown> {
    const state: Record<string, unknown> = { ...this.full };
    for (const [k, b] of Object.entries(this.bytes)) state[k] = deserializeState(b);
    return state;
  }
}

/** The state a revision stands for, from a store that answers at once. */
export function readRevisionState(
  app: string,
  revision: string,
  load: (revision: string) => MaybePromise<Uint8Array | undefined>,
  asyncMethod: string,
): Record<string, unknown> {
  const walk = new ChainWalk(app, revision);
  let next: string | undefined = revision;
  while (next !== undefined) next = walk.add(syncResult(load(next), asyncMethod));
  return walk.state();
}

export async function readRevisionStateAsync(
  app: string,
  revision: string,
  load: (revision: string) => MaybePromise<Uint8Array | undefined>,
): Promise<Record<string, unknown>> {
  const walk = new ChainWalk(app, revision);
  let next: string | undefined = revision;
  while (next !== undefined) next = walk.add(await load(next));
  return walk.state();
}

/** A synchronous store's answer; a promise means the store is asynchronous and `asyncMethod` is needed. */
export function syncResult<T>(value: MaybePromise<T>, asyncMethod: string): T {
  if (value instanceof Promise) {
    value.catch(() => undefined);
    throw new Error(`the persistence store answers asynchronously: use ${asyncMethod}`);
  }
  return value;
}
