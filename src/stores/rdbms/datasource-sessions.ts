/**
 * The database connections of one app's `#rdbms:query` and `#rdbms:cud` calls, by datasource name: one
 * connection per datasource for the calls without a transaction, and one per datasource and
 * `transaction.correlation.id` (Siddhi shares a connection between the calls with the same id until one of
 * them runs COMMIT or ROLLBACK). SQLite answers synchronously (better-sqlite3). PostgreSQL (`pg`) and
 * MariaDB/MySQL (`mysql2`) answer asynchronously: the work on one connection runs one unit at a time, in the
 * order the units were asked for. Connections open on first use and close when the app shuts down.
 */
import Database from 'better-sqlite3';
import type { AttributeType } from '../../lang/ast.js';
import type { AppContext } from '../../engine/app/app-context.js';
import { javaFloatToString } from '../../engine/functions/shared/java-format.js';
import { masker } from '../store-options.js';
import { datasourceTarget } from '../sql/datasource-target.js';
import { describeTarget, type RdbmsTarget } from '../sql/rdbms-target.js';
import { placeholders, replacePlaceholders, toPostgresParameters } from '../sql/sql-placeholders.js';

/** A value bound to a `?`, with the SiddhiQL type of the expression that gave it. */
export interface SqlValue {
  readonly value: unknown;
  readonly type: AttributeType;
}

/** A connection to SQLite: answers at once. */
export interface SyncSession {
  readonly sync: true;
  /** The rows of a query, each an array of column values. */
  query(sql: string, values: readonly SqlValue[]): unknown[][];
  /** Runs a statement; the number of rows it inserted, changed or deleted. */
  run(sql: string, values: readonly SqlValue[]): number;
  readonly inTransaction: boolean;
  begin(): void;
  commit(): void;
  rollback(): void;
  /** Closes the connection; the next use opens another (after a correlated commit or rollback). */
  reset(): void;
}

/** A connection to PostgreSQL or MariaDB/MySQL, inside a unit of work. */
export interface AsyncConnection {
  query(sql: string, values: readonly SqlValue[]): Promise<unknown[][]>;
  run(sql: string, values: readonly SqlValue[]): Promise<number>;
}

export interface AsyncSession {
  readonly sync: false;
  /** Whether a transaction this module began is open (JDBC's autocommit turned off). */
  inTransaction: boolean;
  /** Runs `work` alone on the connection (opening it if need be), after the units asked for before. */
  exclusive<T>(work: (c: AsyncConnection) => Promise<T>): Promise<T>;
  /** Closes the connection; the next unit opens another (after a correlated commit or rollback). */
  reset(): Promise<void>;
}

export type Session = SyncSession | AsyncSession;

/** A driver's message with the datasource's secrets masked. */
export type Mask = (text: string) => string;

// --- SQLite --------------------------------------------------------------------------------------------

/** SQLite binds what JDBC's setters give it: integers as integers, booleans as 1 and 0. */
function sqliteValue(v: SqlValue): unknown {
  const x = v.value;
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if ((v.type === 'int' || v.type === 'long') && typeof x === 'number' && Number.isInteger(x)) return BigInt(x);
  if (typeof x === 'number' || typeof x === 'string' || typeof x === 'bigint' || Buffer.isBuffer(x)) return x;
  return String(x);
}

/** Whether a statement reports rows it changed (other statements report 0, as JDBC's update count). */
const CHANGES_ROWS = /^\s*(?:insert|update|delete|replace|upsert|with)\b/i;

const STATEMENT_CACHE = 256;

class SqliteSession implements SyncSession {
  readonly sync = true;
  private db: Database.Database | undefined;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly file: string,
    private readonly label: string,
  ) {}

  private handle(): Database.Database {
    if (this.db?.open) return this.db;
    try {
      // A short busy wait: another connection's open transaction blocks this thread while it waits.
      this.db = new Database(this.file, { timeout: 1000 });
    } catch (e) {
      throw new Error(`cannot open ${this.label}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.statements.clear();
    return this.db;
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (s === undefined) {
      s = this.handle().prepare(sql);
      // Rows as arrays, set once per statement.
      if (s.reader) s.raw(true);
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear();
      this.statements.set(sql, s);
    }
    return s;
  }

  query(sql: string, values: readonly SqlValue[]): unknown[][] {
    const s = this.statement(sql);
    if (!s.reader) throw new Error('the statement returns no rows: rdbms:query runs SELECTs');
    return s.all(...values.map(sqliteValue)) as unknown[][];
  }

  run(sql: string, values: readonly SqlValue[]): number {
    const r = this.statement(sql).run(...values.map(sqliteValue));
    return CHANGES_ROWS.test(sql) ? r.changes : 0;
  }

  get inTransaction(): boolean {
    return this.db?.open === true && this.db.inTransaction;
  }

  begin(): void {
    this.handle().exec('BEGIN');
  }

  commit(): void {
    this.handle().exec('COMMIT');
  }

  rollback(): void {
    if (this.inTransaction) this.handle().exec('ROLLBACK');
  }

  reset(): void {
    this.statements.clear();
    if (this.db?.open) this.db.close();
    this.db = undefined;
  }
}

// --- PostgreSQL and MariaDB/MySQL -------------------------------------------------------------------------

interface RawConnection {
  query(sql: string, values: readonly SqlValue[]): Promise<unknown[][]>;
  run(sql: string, values: readonly SqlValue[]): Promise<number>;
  close(): Promise<void>;
}

type RemoteTarget = Extract<RdbmsTarget, { dialect: 'postgresql' | 'mysql' }>;

/** pg's parameter values: floats as Java prints them (0.1f is 0.1), the rest as pg sends them. */
function postgresValue(v: SqlValue): unknown {
  const x = v.value;
  if (x === undefined) return null;
  if (v.type === 'float' && typeof x === 'number') return javaFloatToString(x);
  return x;
}

/** Every column as the server's text: the values are read per the definition list's types, as JDBC's getters do. */
const TEXT_COLUMNS = { getTypeParser: () => (text: string) => text };

async function openPostgres(t: RemoteTarget, lost: () => void): Promise<RawConnection> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: t.host,
    port: t.port,
    database: t.database,
    connectionTimeoutMillis: 10000,
    ...(t.user !== undefined ? { user: t.user } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
  });
  // Without a listener a lost connection would crash the process; the next unit reconnects.
  client.on('error', lost);
  client.on('end', lost);
  await client.connect();
  const translated = new Map<string, { text: string; count: number }>();
  const text = (sql: string): string => {
    let t = translated.get(sql);
    if (t === undefined) {
      t = toPostgresParameters(sql);
      if (translated.size >= STATEMENT_CACHE) translated.clear();
      translated.set(sql, t);
    }
    return t.text;
  };
  const exec = (sql: string, values: readonly SqlValue[]) =>
    client.query({
      text: text(sql),
      values: values.map(postgresValue),
      rowMode: 'array',
      types: TEXT_COLUMNS as never,
    });
  return {
    query: async (sql, values) => ((await exec(sql, values)).rows ?? []) as unknown[][],
    run: async (sql, values) => (await exec(sql, values)).rowCount ?? 0,
    close: () => client.end(),
  };
}

/** A literal for MySQL's text: what Connector/J writes for each setter. */
function mysqlLiteral(v: SqlValue, escape: (s: string) => string): string {
  const x = v.value;
  if (x === null || x === undefined) return 'NULL';
  if (typeof x === 'boolean') return x ? '1' : '0';
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw new Error(`'${x}' is not a number MySQL can take`);
    if (v.type === 'float') return javaFloatToString(x);
    return String(x);
  }
  if (typeof x === 'bigint') return x.toString();
  return escape(String(x));
}

async function openMysql(t: RemoteTarget, lost: () => void): Promise<RawConnection> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: t.host,
    port: t.port,
    database: t.database,
    ...(t.user !== undefined ? { user: t.user } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
  });
  conn.on('error', lost);
  conn.on('end', lost);
  const escape = (s: string): string => conn.escape(s);
  const found = new Map<string, ReturnType<typeof placeholders>>();
  const withValues = (sql: string, values: readonly SqlValue[]): string => {
    let p = found.get(sql);
    if (p === undefined) {
      p = placeholders(sql, 'mysql');
      if (found.size >= STATEMENT_CACHE) found.clear();
      found.set(sql, p);
    }
    if (p.marks.length === 0) return sql;
    if (values.length < p.marks.length) {
      throw new Error(`no value for parameter ${values.length + 1} of the query`);
    }
    return replacePlaceholders(sql, p, (n) => mysqlLiteral(values[n]!, escape));
  };
  const exec = async (sql: string, values: readonly SqlValue[]): Promise<unknown> => {
    const [result] = await conn.query({
      sql: withValues(sql, values),
      rowsAsArray: true,
      // Every column as text (BIT as its bytes): read per the definition list's types.
      typeCast: (field) => (field.type === 'BIT' ? field.buffer() : field.string()),
    });
    return result;
  };
  return {
    query: async (sql, values) => {
      const r = await exec(sql, values);
      return Array.isArray(r) ? (r as unknown[][]) : [];
    },
    run: async (sql, values) => {
      const r = await exec(sql, values);
      return Array.isArray(r) ? 0 : ((r as { affectedRows?: number }).affectedRows ?? 0);
    },
    close: () => conn.end(),
  };
}

class RemoteSession implements AsyncSession {
  readonly sync = false;
  inTransaction = false;
  private tail: Promise<unknown> = Promise.resolve();
  private conn: Promise<RawConnection> | undefined;

  constructor(
    private readonly target: RemoteTarget,
    private readonly label: string,
    private readonly mask: Mask,
  ) {}

  exclusive<T>(work: (c: AsyncConnection) => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => work(await this.connection()));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private connection(): Promise<RawConnection> {
    if (this.conn !== undefined) return this.conn;
    const lost = (): void => {
      // The next unit opens a new connection; a transaction open on this one is gone with it.
      if (this.conn === opening) {
        this.conn = undefined;
        this.inTransaction = false;
      }
    };
    const opening = (this.target.dialect === 'postgresql' ? openPostgres : openMysql)(this.target, lost).catch(
      (e: unknown) => {
        // A failed opening is not kept: the next unit tries again.
        if (this.conn === opening) this.conn = undefined;
        throw new Error(this.mask(`cannot connect to ${this.label}: ${e instanceof Error ? e.message : String(e)}`));
      },
    );
    this.conn = opening;
    return opening;
  }

  async reset(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    this.inTransaction = false;
    if (c === undefined) return;
    const open = await c.catch(() => undefined);
    await open?.close().catch(() => undefined);
  }

  /** Waits for the units asked for, then closes. */
  async close(): Promise<void> {
    await this.tail;
    await this.reset();
  }
}

// --- one app's connections ------------------------------------------------------------------------------

/** A call's way to its datasource. */
export interface DatasourceUse {
  readonly session: Session;
  /** Masks the datasource's secrets in a message. */
  readonly mask: Mask;
  /**
   * Closes the correlated connection after its COMMIT or ROLLBACK ran (the next call with the id opens a new
   * one); nothing for a call without a correlation id, or on SQLite in memory (one database per connection).
   */
  finishTransaction(): void | Promise<void>;
}

class AppSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly app: AppContext) {}

  /**
   * The session of a datasource, or of a datasource and a correlation id. Throws when the app's manager has no
   * datasource of that name, or its URL is not understood.
   */
  use(name: string, correlationId?: string): DatasourceUse {
    const config = this.app.datasources[name];
    if (config === undefined || !Object.hasOwn(this.app.datasources, name)) {
      const known = Object.keys(this.app.datasources);
      throw new Error(
        `datasource '${name}' is not defined: ` +
          (known.length > 0
            ? `the datasources are ${known.map((k) => `'${k}'`).join(', ')}`
            : `no datasource is defined; give them to the SiddhiManager (option datasources) or in the server's configuration`),
      );
    }
    const target = datasourceTarget(name, config);
    const mask = masker([config.password, target.dialect === 'sqlite' ? undefined : target.password]);
    // SQLite in memory is one database per connection: a correlated call shares the datasource's.
    const inMemory = target.dialect === 'sqlite' && (target.file === ':memory:' || target.file === '');
    const own = correlationId !== undefined && !inMemory;
    const key = own ? `${name}\u0000${correlationId}` : name;
    let session = this.sessions.get(key);
    if (session === undefined) {
      const label = describeTarget(target);
      session =
        target.dialect === 'sqlite' ? new SqliteSession(target.file, label) : new RemoteSession(target, label, mask);
      this.sessions.set(key, session);
    }
    const s = session;
    return { session: s, mask, finishTransaction: () => (own ? s.reset() : undefined) };
  }

  async release(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const s of all) {
      if (s.sync) s.reset();
      else await (s as RemoteSession).close();
    }
  }
}

const apps = new WeakMap<AppContext, AppSessions>();

/** The connections of an app's rdbms calls; they close when the app shuts down. */
export function sessionsOf(app: AppContext): AppSessions {
  let s = apps.get(app);
  if (s === undefined) {
    const sessions = new AppSessions(app);
    apps.set(app, (s = sessions));
    app.lifecycle.push({ release: () => sessions.release() });
  }
  return s;
}
