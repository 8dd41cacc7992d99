/**
 * Registers `@store(type='rdbms', ...)` for `define aggregation` with the engine (imported by
 * `stores/install.ts`): SQLite (synchronous, reads pushed down as SQL), PostgreSQL and
 * MariaDB/MySQL (mirror loaded at `startAsync()`, write-behind). The options are a table's
 * (`jdbc.url`, `username`, `password`, `jdbc.driver.name`, `field.length`, native `file`,
 * `dialect`, `host`, ...); `table.name` names the prefix of the tables (default: the aggregation's
 * id), which are `<prefix>_SECONDS`, `<prefix>_MINUTES`, ... as in Siddhi.
 */
import type { Annotation } from '../../lang/ast.js';
import type { AppContext } from '../../engine/app/app-context.js';
import {
  aggregationTableFactories,
  type AggregationTableLayout,
  type AggregationTables,
} from '../../engine/aggregation/aggregation-tables.js';
import { connectMysql } from '../sql/mysql-connection.js';
import { connectPostgres } from '../sql/postgres-connection.js';
import { describeTarget, rdbmsTarget } from '../sql/rdbms-target.js';
import { dialects } from '../sql/sql-dialect.js';
import { fieldLengths, masker, StoreOptions } from '../store-options.js';
import { MirroredAggregationTables } from './mirrored-aggregation-tables.js';
import { SqliteAggregationTables } from './sqlite-aggregation-tables.js';

function rdbmsAggregationTables(layout: AggregationTableLayout, store: Annotation, ctx: AppContext): AggregationTables {
  const opts = new StoreOptions(store, layout.aggregation);
  const target = rdbmsTarget(opts);
  const prefix = opts.get('table.name') ?? layout.aggregation;
  const lengths = fieldLengths(opts, layout.columns);
  const unread = opts.unread();
  if (unread.length > 0) {
    ctx.logger.warn(
      `aggregation '${layout.aggregation}': @store option(s) ${unread.join(', ')} not used by type '${opts.type}'`,
    );
  }
  if (target.dialect === 'sqlite') {
    return new SqliteAggregationTables(layout, target.file, prefix, lengths, (m) => opts.error(m));
  }
  return new MirroredAggregationTables(
    layout,
    dialects[target.dialect],
    () => (target.dialect === 'postgresql' ? connectPostgres(target) : connectMysql(target)),
    prefix,
    lengths,
    `${describeTarget(target)} tables ${prefix}_*`,
    masker([target.password]),
    ctx.logger.child({ aggregation: layout.aggregation }),
  );
}

aggregationTableFactories.set('rdbms', rdbmsAggregationTables);
