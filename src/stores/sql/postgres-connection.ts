/** A PostgreSQL connection through `pg` (one client: statements run in order), rows as arrays. */
import type { SqlConnection } from './sql-backend.js';

export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

export async function connectPostgres(t: PgTarget): Promise<SqlConnection> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    host: t.host,
    port: t.port,
    database: t.database,
    ...(t.user !== undefined ? { user: t.user } : {}),
    ...(t.password !== undefined ? { password: t.password } : {}),
  });
  // A connection lost later surfaces as failed writes; without a listener it would crash the process.
  client.on('error', () => undefined);
  await client.connect();
  return {
    async query(sql, params) {
      const r = await client.query({ text: sql, values: params ? [...params] : [], rowMode: 'array' });
      return (r.rows ?? []) as unknown[][];
    },
    close: () => client.end(),
  };
}
