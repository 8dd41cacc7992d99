/**
 * Opens (or creates) the SQLite database of an rdbms store table, creates the table and its
 * indexes when missing, and checks that an existing table has the attributes' columns.
 */
import Database from 'better-sqlite3';
import type { AppContext } from '../../engine/app/app-context.js';
import type { TableLayout } from '../../engine/table/in-memory-table.js';
import { createTableStatements, dialects } from '../sql/sql-dialect.js';
import type { NullCheck } from '../sql/null-values.js';
import type { StoreOptions } from '../store-options.js';
import { SqliteTable } from './sqlite-table.js';

export function openSqliteTable(
  layout: TableLayout,
  file: string,
  tableName: string,
  lengths: ReadonlyMap<string, number>,
  opts: StoreOptions,
  ctx: AppContext,
  refuse?: NullCheck,
): SqliteTable {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw opts.error(`cannot open SQLite database '${file}': ${e instanceof Error ? e.message : String(e)}`);
  }
  if (file !== ':memory:' && file !== '') {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  for (const s of createTableStatements(dialects.sqlite, tableName, layout, lengths)) db.exec(s);
  const existing = new Set(
    (db.prepare(`PRAGMA table_info(${dialects.sqlite.quote(tableName)})`).all() as { name: string }[]).map(
      (c) => c.name,
    ),
  );
  const missing = layout.attributes.filter((a) => !existing.has(a.name)).map((a) => a.name);
  if (missing.length > 0) {
    db.close();
    throw opts.error(`the existing table '${tableName}' in '${file}' has no column ${missing.join(', ')}`);
  }
  ctx.lifecycle.push({
    release: () => {
      if (db.open) db.close();
      return Promise.resolve();
    },
  });
  return new SqliteTable(layout, db, tableName, ctx.logger.child({ table: layout.id }), refuse);
}
