/** A MariaDB/MySQL connection through `mysql2` (one connection: statements run in order), rows as arrays. */
import type { SqlConnection } from './sql-backend.js';
import type { PgTarget } from './postgres-connection.js';

export async function connectMysql(t: PgTarget): Promise<SqlConnection> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    host: t.host,
    port: t.port,
    database: t.database,
    ...(t.user !== undefined ? { user: t.user } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
    supportBigNumbers: true,
    bigNumberStrings: false,
  });
  conn.on('error', () => undefined);
  return {
    async query(sql, params) {
      const [rows] = await conn.query({ sql, rowsAsArray: true }, params ? [...params] : []);
      return Array.isArray(rows) ? (rows as unknown[][]) : [];
    },
    close: () => conn.end(),
  };
}
