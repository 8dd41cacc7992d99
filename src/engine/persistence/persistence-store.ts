/** Where persisted app state goes: file system, SQLite, PostgreSQL or memory, behind one interface. */
export interface PersistenceStore {
  save(app: string, revision: string, bytes: Uint8Array): void;
  load(app: string, revision: string): Uint8Array | undefined;
  /** The newest revision of the app, or undefined. */
  lastRevision(app: string): string | undefined;
  revisions(app: string): string[];
  clear(app: string): void;
}

/** Keeps revisions in memory, in the order saved. */
export class InMemoryPersistenceStore implements PersistenceStore {
  private readonly apps = new Map<string, Map<string, Uint8Array>>();

  save(app: string, revision: string, bytes: Uint8Array): void {
    let m = this.apps.get(app);
    if (!m) this.apps.set(app, (m = new Map()));
    m.delete(revision);
    m.set(revision, bytes);
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
