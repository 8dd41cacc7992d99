/**
 * The client libraries of the PostgreSQL and MariaDB/MySQL stores, each imported on the first connect rather
 * than at module load: apps whose tables are in memory or in SQLite never pay for them.
 */
let pg: Promise<typeof import('pg')> | undefined;
let mysql: Promise<typeof import('mysql2/promise')> | undefined;

export function loadPg(): Promise<typeof import('pg')> {
  return (pg ??= import('pg'));
}

export function loadMysql(): Promise<typeof import('mysql2/promise')> {
  return (mysql ??= import('mysql2/promise'));
}
