/** `#rdbms:query` and `#rdbms:cud` on MariaDB (127.0.0.1:3306, database test, user root): answers come later, in order. */
import mysql from 'mysql2/promise';
import { rdbmsCallTests } from './rdbms-calls-scenario.js';

rdbmsCallTests(async () => {
  const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  return {
    name: 'mariadb',
    datasource: { url: 'jdbc:mariadb://127.0.0.1:3306/test', username: 'root', driver: 'org.mariadb.jdbc.Driver' },
    // A known user with a wrong password: the server refuses it, and its message must not carry the password.
    unreachable: { url: 'jdbc:mariadb://127.0.0.1:3306/test', username: 'rq_nobody', password: 'My-S3cret-2' },
    types: { text: 'VARCHAR(40)', int: 'INT', bigint: 'BIGINT', double: 'DOUBLE', real: 'FLOAT', bool: 'BOOLEAN' },
    exec: async (sql) => void (await conn.query(sql)),
    rows: async (sql) => (await conn.query({ sql, rowsAsArray: true }))[0] as unknown[][],
    close: () => conn.end(),
  };
});
