/**
 * The database client libraries of the cdc source, each imported on first use (when a cdc source connects)
 * rather than at module load: apps without a cdc source never pay for them.
 */
let pg: Promise<typeof import('pg')> | undefined;
let mysql: Promise<typeof import('mysql2/promise')> | undefined;
let zongji: Promise<typeof import('@vlasky/zongji')> | undefined;
let logicalReplication: Promise<typeof import('pg-logical-replication')> | undefined;

export function loadPg(): Promise<typeof import('pg')> {
  return (pg ??= import('pg'));
}

export function loadMysql(): Promise<typeof import('mysql2/promise')> {
  return (mysql ??= import('mysql2/promise'));
}

export function loadZongji(): Promise<typeof import('@vlasky/zongji')> {
  return (zongji ??= import('@vlasky/zongji'));
}

export function loadLogicalReplication(): Promise<typeof import('pg-logical-replication')> {
  return (logicalReplication ??= import('pg-logical-replication'));
}
