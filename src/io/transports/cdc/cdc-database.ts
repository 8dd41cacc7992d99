/**
 * The two databases the polling CDC source reads, behind one small interface: PostgreSQL (pg) and
 * MariaDB/MySQL (mysql2). JDBC-style URLs as in Siddhi (`jdbc:postgresql://host:5432/db`,
 * `jdbc:mysql://host:3306/db`, `jdbc:mariadb://...`) and native ones (`postgres://`, `mysql://`) are accepted.
 */
import type pg from 'pg';
import type { Pool as MyPool, RowDataPacket } from 'mysql2/promise';
import { ConnectionUnavailableError } from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';
import { dialectOf, ident, nativeUrl } from './cdc-url.js';

export { dialectOf, type Dialect } from './cdc-url.js';

export type Row = Record<string, unknown>;

/** A changed row and its position: the polling column's value as the database prints it (full precision). */
export interface PolledRow {
  readonly row: Row;
  readonly position: string;
}

const POS = '__tributary_pos';

/** Splits the position column off a fetched row. */
function polled(raw: Row): PolledRow {
  const position = String(raw[POS]);
  delete raw[POS];
  return { row: normalise(raw), position };
}

export interface CdcDatabase {
  /** Rows with `column > after` (all rows when `after` is undefined), ordered by the column, at most `limit`. */
  rowsAfter(table: string, column: string, after: string | undefined, limit: number): Promise<PolledRow[]>;
  close(): Promise<void>;
}

/** Row values as SiddhiQL types: 64-bit integers and decimals as numbers, timestamps as epoch milliseconds. */
function normalise(row: Row): Row {
  for (const [k, v] of Object.entries(row)) {
    if (v instanceof Date) row[k] = v.getTime();
    else if (typeof v === 'bigint') row[k] = Number(v);
  }
  return row;
}

function numericParsers(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: (oid: number, format?: string) => {
      if (oid === 20 || oid === 1700 || oid === 701 || oid === 700) return (v: string) => Number(v);
      return types.getTypeParser(oid, format as 'text');
    },
  } as pg.CustomTypesConfig;
}

class PostgresDb implements CdcDatabase {
  constructor(private readonly pool: pg.Pool) {}
  async rowsAfter(table: string, column: string, after: string | undefined, limit: number): Promise<PolledRow[]> {
    const col = ident(column, '"');
    const where = after === undefined ? '' : `WHERE ${col} > $1`;
    const sql = `SELECT *, ${col}::text AS ${POS} FROM ${ident(table, '"')} ${where} ORDER BY ${col} LIMIT ${Math.floor(limit)}`;
    const r = await this.pool.query<Row>(sql, after === undefined ? [] : [after]);
    return r.rows.map(polled);
  }
  close(): Promise<void> {
    return this.pool.end();
  }
}

class MysqlDb implements CdcDatabase {
  constructor(private readonly pool: MyPool) {}
  async rowsAfter(table: string, column: string, after: string | undefined, limit: number): Promise<PolledRow[]> {
    const col = ident(column, '`');
    const where = after === undefined ? '' : `WHERE ${col} > ?`;
    const sql = `SELECT *, CAST(${col} AS CHAR) AS ${POS} FROM ${ident(table, '`')} ${where} ORDER BY ${col} LIMIT ${Math.floor(limit)}`;
    const [rows] = await this.pool.query<RowDataPacket[]>(sql, after === undefined ? [] : [after]);
    return rows.map((r) => polled({ ...r }));
  }
  close(): Promise<void> {
    return this.pool.end();
  }
}

export async function openDatabase(url: string, username?: string, password?: string): Promise<CdcDatabase> {
  const native = nativeUrl(url, username, password).toString();
  try {
    if (dialectOf(url) === 'postgres') {
      const { default: pg } = await import('pg');
      const pool = new pg.Pool({
        connectionString: native,
        max: 2,
        types: numericParsers(pg.types),
      });
      pool.on('error', () => undefined); // an idle client dropped; the next poll reports it
      await pool.query('SELECT 1');
      return new PostgresDb(pool);
    }
    const { createPool } = await import('mysql2/promise');
    const pool = createPool({
      uri: native,
      connectionLimit: 2,
      decimalNumbers: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
    });
    await pool.query('SELECT 1');
    return new MysqlDb(pool);
  } catch (e) {
    throw new ConnectionUnavailableError(`cannot connect to ${maskUrl(url)}: ${redact(maskedMessage(e), [password])}`);
  }
}
