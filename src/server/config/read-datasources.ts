/**
 * Datasources of the server config: the named database connections apps use with
 * `@store(type='rdbms', datasource='NAME')`, `jndi.resource`, a polling cdc source's `datasource.name`
 * and `#rdbms:query` / `#rdbms:cud`. Two shapes, which may be combined:
 *
 * ```yaml
 * datasources:                # a map: name -> connection
 *   SALES_DB: { url: 'jdbc:postgresql://db:5432/sales', username: app, password: '${env:SALES_PASSWORD}' }
 * wso2.datasources:           # WSO2 SI's deployment.yaml, as it is
 *   dataSources:
 *     - name: SALES_DB
 *       jndiConfig: { name: jdbc/SALES }
 *       definition:
 *         type: RDBMS
 *         configuration: { jdbcUrl: 'jdbc:mysql://db:3306/sales', username: app, password: secret,
 *                          driverClassName: com.mysql.jdbc.Driver, maxPoolSize: 10 }
 * ```
 *
 * The map form also takes WSO2's key names (`jdbcUrl`, `driverClassName`). Pool settings of the WSO2 form
 * are accepted and not used. `${env:NAME}` in a connection value is the environment variable NAME, as
 * WSO2's config reader does. Problems never show a value (it may be a password).
 */
import type { DataSourceConfig, DataSources } from '../../lang/datasources.js';
import type { ConfigProblem } from './config-error.js';

type Where = (path: readonly string[]) => string;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The map form's keys, WSO2's names beside Tributary's. */
const MAP_KEYS: Readonly<Record<string, keyof DataSourceConfig>> = {
  url: 'url',
  jdbcUrl: 'url',
  username: 'username',
  password: 'password',
  driver: 'driver',
  driverClassName: 'driver',
  jndiName: 'jndiName',
};

/** The keys of a `wso2.datasources` entry (`description` is read and not used). */
const WSO2_ENTRY_KEYS = new Set(['name', 'description', 'jndiConfig', 'definition']);

export function readDataSources(
  map: unknown,
  wso2: unknown,
  where: Where,
  problems: ConfigProblem[],
  env: NodeJS.ProcessEnv,
): DataSources | undefined {
  if ((map === undefined || map === null) && (wso2 === undefined || wso2 === null)) return undefined;
  const out: Record<string, DataSourceConfig> = {};

  /** A connection value as text, `${env:NAME}` replaced; undefined (and a problem) when it cannot be. */
  const text = (v: unknown, path: readonly string[]): string | undefined => {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      problems.push({
        where: where(path),
        message: `'${path[path.length - 1]}' must be a single value, got ${Array.isArray(v) ? 'a list' : 'a map'}`,
        fix: 'give it as text',
      });
      return undefined;
    }
    let unset: string | undefined;
    const value = String(v).replace(/\$\{env:([^}]+)\}/g, (_m, name: string) => {
      const got = env[name.trim()];
      if (got === undefined) unset ??= name.trim();
      return got ?? '';
    });
    if (unset !== undefined) {
      problems.push({
        where: where(path),
        message: `'${path[path.length - 1]}' names the environment variable ${unset}, which is not set`,
        fix: `set ${unset}, or write the value in the file`,
      });
      return undefined;
    }
    return value;
  };

  const add = (name: string, config: DataSourceConfig, path: readonly string[]): void => {
    if (Object.hasOwn(out, name)) {
      problems.push({
        where: where(path),
        message: `datasource '${name}' is defined twice`,
        fix: 'keep one of them (datasources: and wso2.datasources: share one set of names)',
      });
      return;
    }
    out[name] = config;
  };

  /** The connection of `fields` (already renamed to DataSourceConfig's keys); undefined when bad. */
  const connection = (
    name: string,
    fields: readonly (readonly [keyof DataSourceConfig, unknown, readonly string[]])[],
    path: readonly string[],
    urlKey: string,
  ): DataSourceConfig | undefined => {
    const config: Record<string, string> = {};
    let ok = true;
    for (const [key, raw, at] of fields) {
      if (raw === undefined || raw === null) continue;
      if (Object.hasOwn(config, key)) {
        problems.push({
          where: where(at),
          message: `datasource '${name}' gives its ${key === 'url' ? 'URL' : 'driver'} twice`,
          fix: key === 'url' ? 'keep one of url and jdbcUrl' : 'keep one of driver and driverClassName',
        });
        ok = false;
        continue;
      }
      const v = text(raw, at);
      if (v === undefined) ok = false;
      else config[key] = v;
    }
    if (!ok) return undefined;
    if (config['url'] === undefined || config['url'].trim() === '') {
      problems.push({
        where: where(path),
        message: `datasource '${name}' has no ${urlKey}`,
        fix: `add \`${urlKey}: jdbc:postgresql://host:5432/db\` (or jdbc:mysql://, jdbc:mariadb://, jdbc:sqlite:FILE)`,
      });
      return undefined;
    }
    return config as unknown as DataSourceConfig;
  };

  if (map !== undefined && map !== null) {
    if (!isObject(map)) {
      problems.push({
        where: where(['datasources']),
        message: 'datasources must be a map of names to connections',
        fix: 'write `datasources:` then `NAME: { url: jdbc:..., username: ..., password: ... }` lines',
      });
    } else {
      for (const [name, entry] of Object.entries(map)) {
        const path = ['datasources', name];
        if (!isObject(entry)) {
          problems.push({
            where: where(path),
            message: `datasource '${name}' must be a map of its connection settings`,
            fix: 'write `{ url: jdbc:..., username: ..., password: ... }`',
          });
          continue;
        }
        const unknown = Object.keys(entry).filter((k) => !Object.hasOwn(MAP_KEYS, k));
        if (unknown.length > 0) {
          problems.push({
            where: where([...path, unknown[0]!]),
            message: `unknown key(s) ${unknown.join(', ')} in datasource '${name}'`,
            fix: `use ${Object.keys(MAP_KEYS).join(', ')}`,
          });
          continue;
        }
        const fields = Object.entries(entry).map(([k, v]) => [MAP_KEYS[k]!, v, [...path, k]] as const);
        const config = connection(name, fields, path, 'url');
        if (config) add(name, config, path);
      }
    }
  }

  if (wso2 !== undefined && wso2 !== null) {
    const base = ['wso2.datasources'];
    const list = isObject(wso2) ? wso2['dataSources'] : undefined;
    const extra = isObject(wso2) ? Object.keys(wso2).filter((k) => k !== 'dataSources') : [];
    if (!Array.isArray(list) || extra.length > 0) {
      problems.push({
        where: where(extra.length > 0 ? [...base, extra[0]!] : base),
        message: 'wso2.datasources holds `dataSources:`, a list of datasources',
        fix: 'write `dataSources:` then `- name: ...` entries with `definition: { type: RDBMS, configuration: { jdbcUrl: ... } }`',
      });
    } else {
      list.forEach((entry: unknown, i) => {
        const path = [...base, 'dataSources', String(i)];
        const name = isObject(entry) ? entry['name'] : undefined;
        if (!isObject(entry) || typeof name !== 'string' || name.trim() === '') {
          problems.push({
            where: where(path),
            message: `datasource ${i + 1} of wso2.datasources has no name`,
            fix: 'give it `name: <datasource name>`',
          });
          return;
        }
        const unknown = Object.keys(entry).filter((k) => !WSO2_ENTRY_KEYS.has(k));
        if (unknown.length > 0) {
          problems.push({
            where: where([...path, unknown[0]!]),
            message: `unknown key(s) ${unknown.join(', ')} in datasource '${name}'`,
            fix: `a datasource has ${[...WSO2_ENTRY_KEYS].join(', ')}`,
          });
          return;
        }
        const definition = entry['definition'];
        const type = isObject(definition) ? definition['type'] : undefined;
        if (!isObject(definition) || typeof type !== 'string' || type.trim().toUpperCase() !== 'RDBMS') {
          problems.push({
            where: where(isObject(definition) && type !== undefined ? [...path, 'definition', 'type'] : path),
            message:
              typeof type === 'string'
                ? `datasource '${name}' is of type '${type}'; Tributary reads RDBMS datasources only`
                : `datasource '${name}' has no definition type`,
            fix: 'give it `definition: { type: RDBMS, configuration: { jdbcUrl: ..., username: ..., password: ... } }`, or remove it',
          });
          return;
        }
        const configuration = definition['configuration'];
        const at = [...path, 'definition', 'configuration'];
        if (!isObject(configuration)) {
          problems.push({
            where: where(isObject(definition) ? [...path, 'definition'] : path),
            message: `datasource '${name}' has no definition.configuration`,
            fix: 'add `configuration: { jdbcUrl: ..., username: ..., password: ..., driverClassName: ... }`',
          });
          return;
        }
        const jndi = entry['jndiConfig'];
        if (jndi !== undefined && jndi !== null && !isObject(jndi)) {
          problems.push({
            where: where([...path, 'jndiConfig']),
            message: `jndiConfig of datasource '${name}' must be a map`,
            fix: 'write `jndiConfig: { name: jdbc/NAME }`',
          });
          return;
        }
        // Pool settings (maxPoolSize, idleTimeout, connectionTestQuery, ...) are accepted and not used.
        const config = connection(
          name,
          [
            ['url', configuration['jdbcUrl'], [...at, 'jdbcUrl']],
            ['username', configuration['username'], [...at, 'username']],
            ['password', configuration['password'], [...at, 'password']],
            ['driver', configuration['driverClassName'], [...at, 'driverClassName']],
            ['jndiName', isObject(jndi) ? jndi['name'] : undefined, [...path, 'jndiConfig', 'name']],
          ],
          at,
          'jdbcUrl',
        );
        if (config) add(name, config, path);
      });
    }
  }
  return out;
}
