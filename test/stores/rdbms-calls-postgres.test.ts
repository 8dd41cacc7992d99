/** `#rdbms:query` and `#rdbms:cud` on PostgreSQL (127.0.0.1:5432, database test, user postgres): answers come later, in order. */
import pg from 'pg';
import { rdbmsCallTests } from './rdbms-calls-scenario.js';

rdbmsCallTests(async () => {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  await client.connect();
  return {
    name: 'postgresql',
    datasource: { url: 'jdbc:postgresql://127.0.0.1:5432/test', username: 'postgres', password: '' },
    unreachable: { url: 'jdbc:postgresql://127.0.0.1:1/test', username: 'postgres', password: 'Pg-S3cret-1' },
    types: {
      text: 'VARCHAR(40)',
      int: 'INTEGER',
      bigint: 'BIGINT',
      double: 'DOUBLE PRECISION',
      real: 'REAL',
      bool: 'BOOLEAN',
    },
    exec: async (sql) => void (await client.query(sql)),
    rows: async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
    close: () => client.end(),
  };
});
