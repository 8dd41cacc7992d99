/**
 * What differs between SQLite, PostgreSQL and MariaDB/MySQL for a store table: identifier quoting,
 * placeholders, column types mapped from SiddhiQL types, null-safe equality and the DDL that
 * creates a missing table with its primary key and indexes.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { TableLayout } from '../../engine/table/in-memory-table.js';
import type { SqlDialectName } from './rdbms-target.js';

/** Strings are VARCHAR(254) unless `field.length` says otherwise (Siddhi's default). */
export const DEFAULT_STRING_LENGTH = 254;

export interface SqlDialect {
  readonly name: SqlDialectName;
  quote(id: string): string;
  /** The n-th (from 1) placeholder. */
  param(n: number): string;
  columnType(type: AttributeType, length: number): string;
  /** `a <=> ?`: equality where null equals null. */
  nullSafeEquals(column: string, param: string): string;
}

const TYPES: Record<SqlDialectName, Record<Exclude<AttributeType, 'string'>, string>> = {
  // INT/BIGINT, not INTEGER: an INTEGER PRIMARY KEY would alias SQLite's rowid and lose insertion order.
  sqlite: { int: 'INT', long: 'BIGINT', float: 'REAL', double: 'DOUBLE', bool: 'BOOLEAN', object: 'TEXT' },
  postgresql: {
    int: 'INTEGER',
    long: 'BIGINT',
    float: 'REAL',
    double: 'DOUBLE PRECISION',
    bool: 'BOOLEAN',
    object: 'TEXT',
  },
  mysql: { int: 'INTEGER', long: 'BIGINT', float: 'FLOAT', double: 'DOUBLE', bool: 'BOOLEAN', object: 'LONGTEXT' },
};

function quoteWith(q: string): (id: string) => string {
  return (id) => q + id.split(q).join(q + q) + q;
}

export const dialects: Record<SqlDialectName, SqlDialect> = {
  sqlite: {
    name: 'sqlite',
    quote: quoteWith('"'),
    param: () => '?',
    columnType: (t) => (t === 'string' ? 'TEXT' : TYPES.sqlite[t]),
    nullSafeEquals: (c, p) => `${c} IS ${p}`,
  },
  postgresql: {
    name: 'postgresql',
    quote: quoteWith('"'),
    param: (n) => `$${n}`,
    columnType: (t, len) => (t === 'string' ? `VARCHAR(${len})` : TYPES.postgresql[t]),
    nullSafeEquals: (c, p) => `${c} IS NOT DISTINCT FROM ${p}`,
  },
  mysql: {
    name: 'mysql',
    quote: quoteWith('`'),
    param: () => '?',
    // Binary collation: keys compare as the engine compares them ('A' != 'a').
    columnType: (t, len) =>
      t === 'string' ? `VARCHAR(${len}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin` : TYPES.mysql[t],
    nullSafeEquals: (c, p) => `${c} <=> ${p}`,
  },
};

/** `CREATE TABLE IF NOT EXISTS` plus index statements for the layout. */
export function createTableStatements(
  d: SqlDialect,
  table: string,
  layout: TableLayout,
  lengths: ReadonlyMap<string, number>,
): string[] {
  const cols = layout.attributes.map(
    (a) => `${d.quote(a.name)} ${d.columnType(a.type, lengths.get(a.name) ?? DEFAULT_STRING_LENGTH)}`,
  );
  if (layout.primaryKey.length > 0) {
    cols.push(`PRIMARY KEY (${layout.primaryKey.map((i) => d.quote(layout.attributes[i]!.name)).join(', ')})`);
  }
  const indexes = [...layout.indexes.map((i) => [i]), ...(layout.compositeIndexes ?? [])].map((cols) => {
    const names = cols.map((i) => layout.attributes[i]!.name);
    return { name: d.quote(`${table}_${names.join('_')}_idx`), columns: names.map((n) => d.quote(n)).join(', ') };
  });
  if (d.name === 'mysql') {
    for (const ix of indexes) cols.push(`INDEX ${ix.name} (${ix.columns})`);
    return [`CREATE TABLE IF NOT EXISTS ${d.quote(table)} (${cols.join(', ')})`];
  }
  return [
    `CREATE TABLE IF NOT EXISTS ${d.quote(table)} (${cols.join(', ')})`,
    ...indexes.map((ix) => `CREATE INDEX IF NOT EXISTS ${ix.name} ON ${d.quote(table)} (${ix.columns})`),
  ];
}

/** A JavaScript value as the driver binds it. */
export function encodeValue(v: unknown, type: AttributeType, d: SqlDialect): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'object') return JSON.stringify(v);
  if (type === 'bool' && d.name === 'sqlite') return v ? 1 : 0;
  return v;
}

/** A value read from the database as the engine holds it (numbers, fround floats, booleans). */
export function decodeValue(v: unknown, type: AttributeType): unknown {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'int':
    case 'long':
    case 'double':
      return typeof v === 'number' ? v : Number(v);
    case 'float':
      return Math.fround(typeof v === 'number' ? v : Number(v));
    case 'bool':
      return typeof v === 'boolean' ? v : v === 1 || v === '1' || v === 'true' || v === 't';
    case 'string':
      return typeof v === 'string' ? v : String(v);
    case 'object':
      return typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  }
}
