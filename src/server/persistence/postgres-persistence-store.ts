/**
 * Persisted app state in PostgreSQL: one row per revision in `tributary_app_revisions` (created when
 * missing), the newest `keep` revisions of each app kept (with the older revisions an incremental one
 * builds on). An asynchronous store: apps persist to it with `persistAsync()` and restore with
 * `restoreLastRevisionAsync()`. The URL's password never appears in an error message.
 */
import type pg from 'pg';
import type { PersistenceStore } from '../../engine/persistence/persistence-store.js';
import { revisionsToPrune } from '../../engine/persistence/revision-id.js';
import { maskUrl, redact } from '../../io/transports/shared/mask-url.js';
import { checkPostgresUrl } from './postgres-url.js';

export interface PostgresPersistenceOptions {
  /** `postgresql://user:password@host:port/database` (or `postgres://`). */
  readonly url: string;
  /** Revisions kept per app (default 3). */
  readonly keep?: number;
  /** Table name (default `tributary_app_revisions`). */
  readonly table?: string;
}

const DEFAULT_TABLE = 'tributary_app_revisions';

export class PostgresPersistenceStore implements PersistenceStore {
  readonly asynchronous = true;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
    private readonly keep: number,
    private readonly mask: (text: string) => string,
    /** Where the store is, without credentials (for messages). */
    readonly description: string,
  ) {}

  /** Connects and creates the table when missing; rejects naming the database (never the password). */
  static async open(options: PostgresPersistenceOptions): Promise<PostgresPersistenceStore> {
    const bad = checkPostgresUrl(options.url);
    if (bad !== undefined) throw new Error(`PostgreSQL persistence store: ${bad}`);
    const table = options.table ?? DEFAULT_TABLE;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) {
      throw new Error(`PostgreSQL persistence store: '${table}' is not a plain table name (letters, digits, _)`);
    }
    const keep = options.keep ?? 3;
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`PostgreSQL persistence store: keep must be 1 or more`);
    const u = new URL(options.url);
    const password = decodeURIComponent(u.password) || u.searchParams.get('password') || undefined;
    const mask = (text: string): string => redact(maskUrl(text), [password, u.password || undefined]);
    const description = `${u.hostname}:${u.port || '5432'}${u.pathname}`;
    // pg is imported when a PostgreSQL store first opens, not at module load
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: options.url, max: 4 });
    // A connection lost later surfaces as failed persists; without a listener it would crash the process.
    pool.on('error', () => undefined);
    const store = new PostgresPersistenceStore(pool, table, keep, mask, description);
    try {
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
        seq BIGSERIAL PRIMARY KEY,
        app TEXT NOT NULL,
        revision TEXT NOT NULL,
        bytes BYTEA NOT NULL,
        saved_at BIGINT NOT NULL,
        UNIQUE (app, revision))`);
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw store.error(`cannot open the persistence table '${table}'`, e);
    }
    return store;
  }

  async save(app: string, revision: string, bytes: Uint8Array): Promise<void> {
    const client = await this.pool.connect().catch((e: unknown) => {
      throw this.error(`cannot persist revision '${revision}' of app '${app}'`, e);
    });
    try {
      await client.query('BEGIN');
      // Saved again, a revision becomes the newest (a new seq).
      await client.query(`DELETE FROM ${this.table} WHERE app = $1 AND revision = $2`, [app, revision]);
      await client.query(`INSERT INTO ${this.table} (app, revision, bytes, saved_at) VALUES ($1, $2, $3, $4)`, [
        app,
        revision,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        Date.now(),
      ]);
      const all = await client.query<{ revision: string }>(
        `SELECT revision FROM ${this.table} WHERE app = $1 ORDER BY seq`,
        [app],
      );
      const drop = revisionsToPrune(
        all.rows.map((r) => r.revision),
        this.keep,
      );
      if (drop.length > 0) {
        await client.query(`DELETE FROM ${this.table} WHERE app = $1 AND revision = ANY($2)`, [app, drop]);
      }
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw this.error(`cannot persist revision '${revision}' of app '${app}'`, e);
    } finally {
      client.release();
    }
  }

  async load(app: string, revision: string): Promise<Uint8Array | undefined> {
    const r = await this.query<{ bytes: Buffer }>(
      `load revision '${revision}' of app '${app}'`,
      `SELECT bytes FROM ${this.table} WHERE app = $1 AND revision = $2`,
      [app, revision],
    );
    const row = r[0];
    return row ? new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) : undefined;
  }

  async lastRevision(app: string): Promise<string | undefined> {
    const r = await this.query<{ revision: string }>(
      `read the revisions of app '${app}'`,
      `SELECT revision FROM ${this.table} WHERE app = $1 ORDER BY seq DESC LIMIT 1`,
      [app],
    );
    return r[0]?.revision;
  }

  async revisions(app: string): Promise<string[]> {
    const r = await this.query<{ revision: string }>(
      `read the revisions of app '${app}'`,
      `SELECT revision FROM ${this.table} WHERE app = $1 ORDER BY seq`,
      [app],
    );
    return r.map((x) => x.revision);
  }

  async clear(app: string): Promise<void> {
    await this.query(`clear the revisions of app '${app}'`, `DELETE FROM ${this.table} WHERE app = $1`, [app]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async query<R extends pg.QueryResultRow>(what: string, sql: string, params: unknown[]): Promise<R[]> {
    try {
      return (await this.pool.query<R>(sql, params)).rows;
    } catch (e) {
      throw this.error(`cannot ${what}`, e);
    }
  }

  private error(what: string, e: unknown): Error {
    const reason = e instanceof Error ? e.message : String(e);
    return new Error(this.mask(`PostgreSQL persistence store at ${this.description}: ${what}: ${reason}`));
  }
}
