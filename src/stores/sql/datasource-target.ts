/**
 * The database a named datasource (`DataSourceConfig`) points at, read with the same URL rules as
 * `@store(type='rdbms', jdbc.url=...)` (`rdbms-target.ts`): its JDBC URL, user name, password and driver.
 */
import type { Annotation, Span } from '../../lang/ast.js';
import type { DataSourceConfig } from '../../lang/datasources.js';
import { CompileError } from '../../plan/expression/compile.js';
import { masker, StoreOptions } from '../store-options.js';
import { rdbmsTarget, type RdbmsTarget } from './rdbms-target.js';

const NOWHERE: Span = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

/** The datasource's target; throws an Error naming the datasource when its URL is not understood. */
export function datasourceTarget(name: string, config: DataSourceConfig): RdbmsTarget {
  const element = (key: string, value: string): Annotation['elements'][number] => ({ key, value, span: NOWHERE });
  const elements = [
    element('jdbc.url', config.url ?? ''),
    ...(config.username !== undefined ? [element('username', config.username)] : []),
    ...(config.password !== undefined ? [element('password', config.password)] : []),
    ...(config.driver !== undefined ? [element('jdbc.driver.name', config.driver)] : []),
  ];
  const annotation: Annotation = { kind: 'annotation', name: 'datasource', elements, annotations: [], span: NOWHERE };
  try {
    return rdbmsTarget(new StoreOptions(annotation, name));
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    // The store's wording names a table and an annotation: keep what it says of the URL.
    const said = e.message.replace(/^table '.*?': @datasource /, '');
    const mask = masker([config.password]);
    throw new Error(mask(`datasource '${name}': ${said.replace(/^jdbc\.url/, 'its url')}`));
  }
}
