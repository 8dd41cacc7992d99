/**
 * A read connection to a database named by a JDBC-style URL (`jdbc:sqlite:<file>`, `jdbc:postgresql://...`,
 * `jdbc:mysql://...`, `jdbc:mariadb://...`), for reading whole tables outside an app (the server's database
 * feed simulation). URLs are understood exactly as `@store(type='rdbms', jdbc.url=...)` understands them.
 */
import Database from 'better-sqlite3';
import { masker } from '../store-options.js';
import { connectMysql } from './mysql-connection.js';
import { connectPostgres } from './postgres-connection.js';
import { connectionTarget, type SqlDialectName } from './rdbms-target.js';
import type { SqlConnection } from './sql-backend.js';
import { dialects, type SqlDialect } from './sql-dialect.js';

export interface UrlConnection {
  readonly connection: SqlConnection;
  readonly dialect: SqlDialect;
  /** Replaces the password and URL credentials in a text (for error messages). */
  readonly mask: (text: string) => string;
}

/** Connects; rejects with a message naming what is wrong with the URL, or why the database refused. */
export async function connectUrl(
  url: string,
  credentials: { readonly username?: string | undefined; readonly password?: string | undefined } = {},
): Promise<UrlConnection> {
  const target = connectionTarget({ url, ...credentials }, url, 'store');
  const mask = masker([credentials.password, target.dialect === 'sqlite' ? undefined : target.password]);
  const dialect = dialects[target.dialect as SqlDialectName];
  if (target.dialect === 'sqlite') {
    const db = new Database(target.file, { readonly: target.file !== ':memory:', fileMustExist: true });
    return {
      dialect,
      mask,
      connection: {
        query: (sql, params) =>
          Promise.resolve(
            db
              .prepare(sql)
              .raw()
              .all(...(params ?? [])) as unknown[][],
          ),
        close: () => Promise.resolve(void db.close()),
      },
    };
  }
  const connection = target.dialect === 'postgresql' ? await connectPostgres(target) : await connectMysql(target);
  return { connection, dialect, mask };
}
