/**
 * The databases stored-aggregation tests run against: the `@store` annotation to put in an app, and raw
 * SQL (rows as arrays) to look at the tables it writes.
 */
import Database from 'better-sqlite3';
import type pg from 'pg';
import mysql from 'mysql2/promise';

export interface AggregationDb {
  readonly store: string;
  /** Quotes an identifier. */
  q(id: string): string;
  rows(sql: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** A SQLite file, opened for each statement. */
export function sqliteDb(file: string): AggregationDb {
  return {
    store: `@store(type = 'rdbms', jdbc.url = 'jdbc:sqlite:${file}')`,
    q: (id) => `"${id}"`,
    rows: (sql) => {
      const db = new Database(file);
      try {
        const st = db.prepare(sql);
        return Promise.resolve(st.reader ? (st.raw().all() as unknown[][]) : (st.run(), []));
      } finally {
        db.close();
      }
    },
    close: () => Promise.resolve(),
  };
}

/** The machine's PostgreSQL (database test) through `client` (connected by the test). */
export function postgresDb(client: pg.Client): AggregationDb {
  return {
    store: `@store(type = 'rdbms', jdbc.url = 'jdbc:postgresql://127.0.0.1:5432/test', username = 'postgres', password = '')`,
    q: (id) => `"${id}"`,
    rows: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
    close: () => client.end(),
  };
}

/** The machine's MariaDB (database test), connected on the first statement. */
export function mariadbDb(): AggregationDb {
  let conn: mysql.Connection | undefined;
  return {
    store: `@store(type = 'rdbms', jdbc.url = 'jdbc:mariadb://127.0.0.1:3306/test', username = 'root', password = '')`,
    q: (id) => `\`${id}\``,
    rows: async (sql) => {
      conn ??= await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
      const [r] = await conn.query({ sql, rowsAsArray: true });
      return Array.isArray(r) ? (r as unknown[][]) : [];
    },
    close: async () => conn?.end(),
  };
}
