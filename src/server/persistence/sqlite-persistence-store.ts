/**
 * Persisted app state in SQLite: one row per revision, the newest `keep` revisions of each app kept
 * (with the older revisions an incremental one builds on).
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SyncPersistenceStore } from '../../engine/persistence/persistence-store.js';
import { revisionsToPrune } from '../../engine/persistence/revision-id.js';

export class SqlitePersistenceStore implements SyncPersistenceStore {
  private readonly insert: Statement<[string, string, Buffer, number]>;
  private readonly select: Statement<[string, string], { bytes: Buffer }>;
  private readonly list: Statement<[string], { revision: string }>;
  private readonly prune: Statement<[string, string]>;
  private readonly remove: Statement<[string]>;

  constructor(
    db: Database,
    private readonly keep = 3,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS app_revisions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      app TEXT NOT NULL,
      revision TEXT NOT NULL,
      bytes BLOB NOT NULL,
      saved_at INTEGER NOT NULL,
      UNIQUE (app, revision))`);
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO app_revisions (app, revision, bytes, saved_at) VALUES (?, ?, ?, ?)',
    );
    this.select = db.prepare('SELECT bytes FROM app_revisions WHERE app = ? AND revision = ?');
    this.list = db.prepare('SELECT revision FROM app_revisions WHERE app = ? ORDER BY seq');
    this.prune = db.prepare('DELETE FROM app_revisions WHERE app = ? AND revision = ?');
    this.remove = db.prepare('DELETE FROM app_revisions WHERE app = ?');
  }

  save(app: string, revision: string, bytes: Uint8Array): void {
    this.insert.run(app, revision, Buffer.from(bytes), Date.now());
    for (const r of revisionsToPrune(this.revisions(app), this.keep)) this.prune.run(app, r);
  }

  load(app: string, revision: string): Uint8Array | undefined {
    const row = this.select.get(app, revision);
    return row ? new Uint8Array(row.bytes) : undefined;
  }

  lastRevision(app: string): string | undefined {
    const r = this.revisions(app);
    return r[r.length - 1];
  }

  revisions(app: string): string[] {
    return this.list.all(app).map((r) => r.revision);
  }

  clear(app: string): void {
    this.remove.run(app);
  }
}
