/**
 * The database a named datasource (`DataSourceConfig`) points at, read with the same URL rules as
 * `@store(type='rdbms', jdbc.url=...)` (`rdbms-target.ts`): its JDBC URL, user name, password and driver.
 */
import type { DataSourceConfig } from '../../lang/datasources.js';
import { CompileError } from '../../plan/expression/compile.js';
import { masker } from '../store-options.js';
import { connectionTarget, type RdbmsTarget } from './rdbms-target.js';

/** The datasource's target; throws an Error naming the datasource when its URL is not understood. */
export function datasourceTarget(name: string, config: DataSourceConfig): RdbmsTarget {
  try {
    return connectionTarget({ ...config, url: config.url ?? '' }, name, 'datasource');
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    // The store's wording names a table and an annotation: keep what it says of the URL.
    const said = e.message.replace(/^table '.*?': @datasource /, '');
    const mask = masker([config.password]);
    throw new Error(mask(`datasource '${name}': ${said.replace(/^jdbc\.url/, 'its url')}`));
  }
}
