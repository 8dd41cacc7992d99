/**
 * Named database connections: WSO2 SI's `wso2.datasources` of deployment.yaml, Siddhi's
 * `SiddhiManager.setDataSource(name, dataSource)`. `@store(type='rdbms', datasource='NAME')`,
 * `@store(type='rdbms', jndi.resource='JNDI NAME')`, `@source(type='cdc', datasource.name='NAME')`
 * and `#rdbms:query('NAME', ...)` / `#rdbms:cud('NAME', ...)` connect through them.
 */

/** One named connection. */
export interface DataSourceConfig {
  /** A JDBC URL: `jdbc:sqlite:FILE`, `jdbc:postgresql://host[:port]/db`, `jdbc:mysql://...`, `jdbc:mariadb://...`. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** The JDBC driver class (`driverClassName`): names the database kind when the URL does not. */
  readonly driver?: string;
  /** The JNDI name (`jndiConfig.name`) that `@store(jndi.resource=...)` looks the connection up by. */
  readonly jndiName?: string;
}

/** Datasource name to its connection. */
export type DataSources = Readonly<Record<string, DataSourceConfig>>;

/**
 * Extension system parameters (Siddhi's `siddhi.extensions` of deployment.yaml), by `namespace:name`
 * (e.g. `rdbms:cud` -> `{ 'perform.CUD.operations': 'true' }`).
 */
export type ExtensionProperties = Readonly<Record<string, Readonly<Record<string, string>>>>;
