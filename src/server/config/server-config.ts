/** The server's settings after defaults, the YAML file, environment variables and flags are merged. */
import type { DataSources, ExtensionProperties } from '../../lang/datasources.js';
import type { IoRefs } from '../../lang/io-refs.js';
import type { ConfigProblem } from './config-error.js';

export type Role = 'admin' | 'viewer';

export interface UserConfig {
  readonly name: string;
  /** Plain password (kept only in memory) or an scrypt hash made by `hashPassword`. */
  readonly password?: string;
  readonly passwordHash?: string;
  readonly roles: readonly Role[];
}

export interface TokenConfig {
  readonly token: string;
  readonly user: string;
}

export type PersistenceType = 'sqlite' | 'file' | 'postgresql' | 'memory' | 'none';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Folder of `*.siddhi` files deployed at start and watched; apps deployed over REST are saved there. */
  readonly appsDir: string;
  /** Folder of the SQLite database, snapshots, the admin password hash and uploaded CSV files. */
  readonly dataDir: string;
  readonly persistence: {
    readonly type: PersistenceType;
    /** Seconds between periodic persists of every app; 0 turns periodic persistence off. */
    readonly intervalSeconds: number;
    readonly revisionsToKeep: number;
    /** For type `postgresql`: `postgresql://user:password@host:5432/database` (never logged). */
    readonly url?: string | undefined;
    /** Persist increments (only the elements changed since the previous revision) between full snapshots. */
    readonly incremental?: boolean;
    /** With `incremental`: increments between two full snapshots. */
    readonly fullSnapshotEvery?: number;
  };
  readonly auth: {
    readonly enabled: boolean;
    readonly users: readonly UserConfig[];
    readonly tokens: readonly TokenConfig[];
  };
  readonly tls: { readonly cert: string; readonly key: string } | undefined;
  /** Whether apps collect statistics (events out per query) from deployment; per app with PUT .../statistics. */
  readonly statistics: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * The time zone of incremental aggregations' hours, days, months and years (Siddhi's `aggTimeZone`),
   * e.g. `Asia/Singapore` or `+05:30`; unset: UTC. Checked when the config loads.
   */
  readonly aggregationTimeZone?: string | undefined;
  /** Named source, sink, destination and store configurations apps name with `ref='name'` (Siddhi's `refs`). */
  readonly refs?: IoRefs | undefined;
  /**
   * Named database connections (`datasources:`, or WSO2 SI's `wso2.datasources`) apps use with
   * `@store(type='rdbms', datasource='NAME')`, `jndi.resource`, a cdc source's `datasource.name`.
   */
  readonly datasources?: DataSources | undefined;
  /** Extensions' system parameters by `namespace:name` (`extensionProperties:`, or `siddhi: extensions:`). */
  readonly extensionProperties?: ExtensionProperties | undefined;
  /** What the config file holds that is ignored (settings of WSO2 SI's deployment.yaml Tributary does not use). */
  readonly warnings?: readonly ConfigProblem[] | undefined;
  /** Where the config came from, for messages. */
  readonly source: string | undefined;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 9090,
  appsDir: 'apps',
  dataDir: '.tributary',
  persistence: {
    type: 'sqlite',
    intervalSeconds: 60,
    revisionsToKeep: 3,
    url: undefined,
    incremental: false,
    fullSnapshotEvery: 10,
  },
  auth: { enabled: true, users: [], tokens: [] },
  tls: undefined,
  statistics: true,
  logLevel: 'info',
  source: undefined,
};
