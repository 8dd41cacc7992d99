/**
 * The error store: events that failed in streams annotated `@OnError(action='STORE')`, one entry
 * per event with its cause, kept in SQLite until replayed or discarded.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { ErrorStoreHook } from '../../engine/siddhi-manager.js';

export interface ErrorEntry {
  readonly id: number;
  readonly appName: string;
  readonly streamName: string;
  readonly event: { readonly timestamp: number; readonly data: unknown[] };
  readonly cause: string;
  readonly stackTrace: string | undefined;
  readonly occurredAt: number;
}

interface Row {
  id: number;
  app: string;
  stream: string;
  event_ts: number;
  data: string;
  cause: string;
  stack: string | null;
  occurred_at: number;
}

export class SqliteErrorStore implements ErrorStoreHook {
  private readonly insert: Statement<[string, string, number, string, string, string | null, number]>;
  private readonly byApp: Statement<[string, number], Row>;
  private readonly byId: Statement<[string, number], Row>;
  private readonly countApp: Statement<[string], { n: number }>;
  private readonly countAll: Statement<[], { app: string; n: number }>;
  private readonly removeOne: Statement<[string, number]>;
  private readonly removeApp: Statement<[string]>;
  /** Called after each stored event (statistics). */
  onStored: (app: string, count: number) => void = () => {};

  constructor(private readonly db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS error_entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      app TEXT NOT NULL,
      stream TEXT NOT NULL,
      event_ts INTEGER NOT NULL,
      data TEXT NOT NULL,
      cause TEXT NOT NULL,
      stack TEXT,
      occurred_at INTEGER NOT NULL);
      CREATE INDEX IF NOT EXISTS error_entries_app ON error_entries (app, id)`);
    this.insert = db.prepare(
      'INSERT INTO error_entries (app, stream, event_ts, data, cause, stack, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.byApp = db.prepare('SELECT * FROM error_entries WHERE app = ? ORDER BY id LIMIT ?');
    this.byId = db.prepare('SELECT * FROM error_entries WHERE app = ? AND id = ?');
    this.countApp = db.prepare('SELECT count(*) AS n FROM error_entries WHERE app = ?');
    this.countAll = db.prepare('SELECT app, count(*) AS n FROM error_entries GROUP BY app');
    this.removeOne = db.prepare('DELETE FROM error_entries WHERE app = ? AND id = ?');
    this.removeApp = db.prepare('DELETE FROM error_entries WHERE app = ?');
  }

  store(entry: Parameters<ErrorStoreHook['store']>[0]): void {
    const cause = entry.error instanceof Error ? entry.error.message : String(entry.error);
    const stack = entry.error instanceof Error ? (entry.error.stack ?? null) : null;
    const now = Date.now();
    this.db.transaction(() => {
      for (const e of entry.events) {
        this.insert.run(entry.app, entry.stream, e.timestamp, JSON.stringify(e.data), cause, stack, now);
      }
    })();
    this.onStored(entry.app, entry.events.length);
  }

  list(app: string, limit = 1000): ErrorEntry[] {
    return this.byApp.all(app, limit).map(toEntry);
  }

  get(app: string, id: number): ErrorEntry | undefined {
    const r = this.byId.get(app, id);
    return r ? toEntry(r) : undefined;
  }

  count(app: string): number {
    return this.countApp.get(app)?.n ?? 0;
  }

  counts(): Map<string, number> {
    return new Map(this.countAll.all().map((r) => [r.app, r.n]));
  }

  /** Discards one entry (returns whether it existed) or every entry of the app (returns how many). */
  discard(app: string, id?: number): number {
    return id === undefined ? this.removeApp.run(app).changes : this.removeOne.run(app, id).changes;
  }
}

function toEntry(r: Row): ErrorEntry {
  return {
    id: r.id,
    appName: r.app,
    streamName: r.stream,
    event: { timestamp: r.event_ts, data: JSON.parse(r.data) as unknown[] },
    cause: r.cause,
    stackTrace: r.stack ?? undefined,
    occurredAt: r.occurred_at,
  };
}
