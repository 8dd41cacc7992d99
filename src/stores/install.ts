/**
 * Registers the store-backed tables with the engine's table factories (imported by the package
 * entry and the conformance runner): `@store(type='rdbms')` on SQLite (synchronous, straight to
 * SQL), PostgreSQL or MariaDB/MySQL (in-memory mirror, write-behind), `@store(type='redis')`
 * (mirror, write-behind), each optionally behind `@cache(...)`; and the `#rdbms:query` and
 * `#rdbms:cud` stream processors (SQL on the manager's named datasources) in the built-in registry.
 */
import type { Annotation, TableDefinition } from '../lang/ast.js';
import type { AppContext } from '../engine/app/app-context.js';
import { builtinRegistry } from '../engine/builtins.js';
import { tableFactories } from '../engine/table/define-table.js';
import type { TableLayout } from '../engine/table/in-memory-table.js';
import type { Table } from '../engine/table/table.js';
import { CachedTable } from './cache/cached-table.js';
import { cacheConfig, type CacheConfig } from './cache/cache-policy.js';
import { MirroredTable } from './mirrored-table.js';
import { rdbmsProcessors } from './rdbms/index.js';
import { RedisBackend } from './redis/redis-backend.js';
import { connectMysql } from './sql/mysql-connection.js';
import { connectPostgres } from './sql/postgres-connection.js';
import { describeTarget, rdbmsTarget } from './sql/rdbms-target.js';
import { SqlBackend } from './sql/sql-backend.js';
import { dialects } from './sql/sql-dialect.js';
import { nullCheck } from './sql/null-values.js';
import { openSqliteTable } from './sqlite/open-sqlite-table.js';
import { fieldLengths, masker, StoreOptions } from './store-options.js';
import type { ObservableTable } from './table-changes.js';
// `@store` on `define aggregation`.
import './aggregation/install.js';

function rdbmsTable(
  layout: TableLayout,
  store: Annotation,
  ctx: AppContext,
  cache: CacheConfig | undefined,
): ObservableTable {
  const opts = new StoreOptions(store, layout.id);
  const target = rdbmsTarget(opts);
  // An empty table.name means the table's own name, as in Siddhi.
  const tableName = opts.get('table.name') || layout.id;
  const lengths = fieldLengths(opts, layout.attributes);
  const refuse = nullCheck(opts, layout.attributes);
  // SQLite answers every read from the database itself: it has nothing to refresh.
  const refreshMs = target.dialect === 'sqlite' ? undefined : refreshInterval(opts, cache);
  warnUnread(opts, ctx);
  if (target.dialect === 'sqlite') return openSqliteTable(layout, target.file, tableName, lengths, opts, ctx, refuse);
  const description = `${describeTarget(target)} table '${tableName}'`;
  const mask = masker([target.password]);
  const backend = new SqlBackend(
    dialects[target.dialect],
    () => (target.dialect === 'postgresql' ? connectPostgres(target) : connectMysql(target)),
    layout,
    tableName,
    lengths,
    description,
    mask,
  );
  return new MirroredTable(layout, backend, ctx.logger.child({ table: layout.id }), ctx, refuse, refreshMs);
}

function redisTable(
  layout: TableLayout,
  store: Annotation,
  ctx: AppContext,
  cache: CacheConfig | undefined,
): ObservableTable {
  const opts = new StoreOptions(store, layout.id);
  if ((opts.get('cluster.mode') ?? 'false').toLowerCase() === 'true') {
    throw opts.error('cluster.mode is not supported yet: connect to a single node with host and port');
  }
  const host = opts.get('host') ?? '127.0.0.1';
  const port = opts.int('port', 6379);
  const password = opts.get('password');
  const database = opts.int('database', 0);
  const prefix = opts.get('table.name') ?? layout.id;
  const refreshMs = refreshInterval(opts, cache);
  warnUnread(opts, ctx);
  const description = `redis://${host}:${port}/${database} table '${prefix}'`;
  const backend = new RedisBackend({ host, port, password, database }, layout, prefix, description, masker([password]));
  return new MirroredTable(layout, backend, ctx.logger.child({ table: layout.id }), ctx, undefined, refreshMs);
}

function warnUnread(opts: StoreOptions, ctx: AppContext): void {
  const unread = opts.unread();
  if (unread.length > 0) {
    ctx.logger.warn(`table '${opts.tableId}': @store option(s) ${unread.join(', ')} not used by type '${opts.type}'`, {
      table: opts.tableId,
    });
  }
}

/**
 * How often a mirrored table reads its rows again: `refresh.interval`, else the `purge.interval` of a
 * `@cache` with a `retention.period` (Siddhi reloads such a cache from the store every purge interval,
 * so it sees rows written outside the app); else never.
 */
function refreshInterval(opts: StoreOptions, cache: CacheConfig | undefined): number | undefined {
  const given = opts.time('refresh.interval');
  if (given !== undefined) {
    if (given <= 0) throw opts.error(`refresh.interval must be longer than 0, e.g. '10 sec'`);
    return given;
  }
  return cache?.retentionMs !== undefined ? cache.purgeIntervalMs : undefined;
}

/** The table's `@cache(...)`, read once for both the cache and the mirror's refresh. */
function cacheOf(def: TableDefinition): CacheConfig | undefined {
  const store = def.annotations.find((a) => a.name.toLowerCase() === 'store')!;
  // Siddhi also accepts @cache nested inside @store.
  const cache =
    def.annotations.find((a) => a.name.toLowerCase() === 'cache') ??
    store.annotations.find((a) => a.name.toLowerCase() === 'cache');
  return cache === undefined ? undefined : cacheConfig(cache, def.id);
}

function withCache(
  table: ObservableTable,
  config: CacheConfig | undefined,
  def: TableDefinition,
  ctx: AppContext,
): Table {
  if (!config) return table;
  if (table.primaryKey.length === 0) {
    // As in Siddhi: only primary-key lookups are answered from a cache, so without a key every
    // read goes to the store and the cache has nothing to do.
    ctx.logger.warn(
      `table '${def.id}': @cache has no effect without a @PrimaryKey (the cache answers primary-key lookups); reads go to the store`,
      { table: def.id },
    );
    return table;
  }
  return new CachedTable(table, config, ctx);
}

tableFactories.set('rdbms', (layout, store, ctx, def) => {
  const cache = cacheOf(def);
  return withCache(rdbmsTable(layout, store, ctx, cache), cache, def, ctx);
});
tableFactories.set('redis', (layout, store, ctx, def) => {
  const cache = cacheOf(def);
  return withCache(redisTable(layout, store, ctx, cache), cache, def, ctx);
});
builtinRegistry().registerAll(rdbmsProcessors);
