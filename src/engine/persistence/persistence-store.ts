/**
 * Where persisted app state goes: file system, SQLite, PostgreSQL or memory, behind one interface.
 * A store answers synchronously (file, SQLite, memory) or with promises (PostgreSQL): a synchronous
 * store works with `persist()` / `restoreLastRevision()` and with their async forms, an
 * asynchronous one (`asynchronous: true`) only with `persistAsync()` / `restoreLastRevisionAsync()`.
 */
import { revisionsToPrune } from './revision-id.js';

export type MaybePromise<T> = T | Promise<T>;

export interface PersistenceStore {
  /** True when the methods return promises: the runtime's synchronous persist and restore refuse it. */
  readonly asynchronous?: boolean;
  save(app: string, revision: string, bytes: Uint8Array): MaybePromise<void>;
  load(app: string, revision: string): MaybePromise<Uint8Array | undefined>;
  /** The newest revision of the app, or undefined. */
  lastRevision(app: string): MaybePromise<string | undefined>;
  /** The app's revisions, oldest first. */
  revisions(app: string): MaybePromise<string[]>;
  clear(app: string): MaybePromise<void>;
}

/** A store whose every method answers at once. */
export interface SyncPersistenceStore extends PersistenceStore {
  readonly asynchronous?: false;
  save(app: string, revision: string, bytes: Uint8Array): void;
  load(app: string, revision: string): Uint8Array | undefined;
  lastRevision(app: string): string | undefined;
  revisions(app: string): string[];
  clear(app: string): void;
}

/**
 * Keeps revisions in memory, in the order saved: all of them, or the newest `keep` (never an
 * increment's base or earlier increments while the increment is kept).
 */
export class InMemoryPersistenceStore implements SyncPersistenceStore {
  private readonly apps = new Map<string, Map<string, Uint8Array>>();

  constructor(private readonly keep = Infinity) {}

  save(app: string, revision: string, bytes: Uint8Array): void {
    let m = this.apps.get(app);
    if (!m) this.apps.set(app, (m = new Map()));
    m.delete(revision);
    m.set(revision, bytes);
    for (const r of revisionsToPrune([...m.keys()], this.keep)) m.delete(r);
  }

  load(app: string, revision: string): Uint8Array | undefined {
    return this.apps.get(app)?.get(revision);
  }

  lastRevision(app: string): string | undefined {
    const r = this.revisions(app);
    return r[r.length - 1];
  }

  revisions(app: string): string[] {
    return [...(this.apps.get(app)?.keys() ?? [])];
  }

  clear(app: string): void {
    this.apps.delete(app);
  }
}
