/**
 * The database side of a mirrored PostgreSQL or MariaDB/MySQL table: creates the table when
 * missing, reads every row at load, and turns queued writes into SQL. Rows are identified by their
 * primary key, or (no `@PrimaryKey`) by all their values with null-safe equality, one row at a time.
 */
import type { TableLayout } from '../../engine/table/in-memory-table.js';
import type { StoreBackend, WriteOp } from '../mirrored-table.js';
import { createTableStatements, decodeValue, encodeValue, type SqlDialect } from './sql-dialect.js';

/** A single connection: statements run in the order they are sent. */
export interface SqlConnection {
  query(sql: string, params?: readonly unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

export class SqlBackend implements StoreBackend {
  private conn: SqlConnection | undefined;

  constructor(
    private readonly d: SqlDialect,
    private readonly connect: () => Promise<SqlConnection>,
    private readonly layout: TableLayout,
    private readonly table: string,
    private readonly lengths: ReadonlyMap<string, number>,
    readonly description: string,
    readonly mask: (text: string) => string,
  ) {}

  async open(): Promise<unknown[][]> {
    this.conn ??= await this.connect();
    for (const s of createTableStatements(this.d, this.table, this.layout, this.lengths)) await this.conn.query(s);
    return this.readAll(this.conn);
  }

  async reload(): Promise<{ rows: unknown[][]; adopt(): void }> {
    const conn = this.conn;
    if (!conn) throw new Error('not connected');
    return { rows: await this.readAll(conn), adopt: () => undefined };
  }

  private async readAll(conn: SqlConnection): Promise<unknown[][]> {
    const cols = this.layout.attributes.map((a) => this.d.quote(a.name)).join(', ');
    const rows = await conn.query(`SELECT ${cols} FROM ${this.d.quote(this.table)}`);
    return rows.map((r) => this.layout.attributes.map((a, i) => decodeValue(r[i], a.type)));
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    const conn = this.conn;
    if (!conn) throw new Error('not connected');
    if (ops.length === 1) {
      await this.apply(conn, ops[0]!);
      return;
    }
    await conn.query('BEGIN');
    try {
      for (const op of ops) await this.apply(conn, op);
      await conn.query('COMMIT');
    } catch (e) {
      await conn.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    await c?.close();
  }

  private async apply(conn: SqlConnection, op: WriteOp): Promise<void> {
    const d = this.d;
    const t = d.quote(this.table);
    const attrs = this.layout.attributes;
    const enc = (r: readonly unknown[]): unknown[] => attrs.map((a, i) => encodeValue(r[i], a.type, d));
    if (op.kind === 'insert') {
      const marks = attrs.map((_, i) => d.param(i + 1)).join(', ');
      await conn.query(
        `INSERT INTO ${t} (${attrs.map((a) => d.quote(a.name)).join(', ')}) VALUES (${marks})`,
        enc(op.row),
      );
      return;
    }
    const row = op.kind === 'update' ? op.before : op.row;
    const first = op.kind === 'update' ? attrs.length : 0;
    const { where, params } = this.identify(row, first);
    const noKey = this.layout.primaryKey.length === 0;
    // Without a primary key, one row of equal values is changed (a duplicate stays).
    const target = noKey && d.name === 'postgresql' ? `ctid = (SELECT ctid FROM ${t} WHERE ${where} LIMIT 1)` : where;
    const one = noKey && d.name === 'mysql' ? ' LIMIT 1' : '';
    if (op.kind === 'delete') {
      await conn.query(`DELETE FROM ${t} WHERE ${target}${one}`, params);
      return;
    }
    const sets = attrs.map((a, i) => `${d.quote(a.name)} = ${d.param(i + 1)}`).join(', ');
    await conn.query(`UPDATE ${t} SET ${sets} WHERE ${target}${one}`, [...enc(op.after), ...params]);
  }

  /** The WHERE that finds `row`: its primary key, or every value; placeholders numbered after `first`. */
  private identify(row: readonly unknown[], first: number): { where: string; params: unknown[] } {
    const d = this.d;
    const attrs = this.layout.attributes;
    const cols = this.layout.primaryKey.length > 0 ? this.layout.primaryKey : attrs.map((_, i) => i);
    const params = cols.map((i) => encodeValue(row[i], attrs[i]!.type, d));
    const where = cols
      .map((i, k) =>
        this.layout.primaryKey.length > 0
          ? `${d.quote(attrs[i]!.name)} = ${d.param(first + k + 1)}`
          : d.nullSafeEquals(d.quote(attrs[i]!.name), d.param(first + k + 1)),
      )
      .join(' AND ');
    return { where, params };
  }
}
