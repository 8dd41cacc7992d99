/**
 * Where an `@store(type='rdbms')` table lives, from Siddhi's options (`jdbc.url`, `username`,
 * `password`, `jdbc.driver.name`) or native ones (`file`, `dialect`, `host`, `port`, `database`,
 * `user`). With none, the table is an embedded SQLite database in memory.
 */
import type { Annotation, Span } from '../../lang/ast.js';
import { StoreOptions } from '../store-options.js';

export type SqlDialectName = 'sqlite' | 'postgresql' | 'mysql';

export type RdbmsTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | {
      readonly dialect: 'postgresql' | 'mysql';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string | undefined;
      readonly password: string | undefined;
    };

const DRIVERS: Record<string, SqlDialectName> = {
  'org.sqlite.jdbc': 'sqlite',
  'org.postgresql.driver': 'postgresql',
  'com.mysql.jdbc.driver': 'mysql',
  'com.mysql.cj.jdbc.driver': 'mysql',
  'org.mariadb.jdbc.driver': 'mysql',
};

function dialectOf(name: string): SqlDialectName | undefined {
  const n = name.toLowerCase();
  if (n === 'sqlite') return 'sqlite';
  if (n === 'postgresql' || n === 'postgres') return 'postgresql';
  if (n === 'mysql' || n === 'mariadb') return 'mysql';
  return DRIVERS[n];
}

export function rdbmsTarget(opts: StoreOptions): RdbmsTarget {
  const url = opts.get('jdbc.url');
  const driver = opts.get('jdbc.driver.name');
  const file = opts.get('file');
  const dialectOption = opts.get('dialect');
  let user = opts.get('username') ?? opts.get('user');
  let password = opts.get('password');
  opts.get('pool.properties');
  opts.get('table.check.query');
  opts.get('use.collation');
  if (url !== undefined) {
    const m = /^jdbc:([a-z0-9]+):(.*)$/i.exec(url.trim());
    const dialect = m ? dialectOf(m[1]!) : undefined;
    if (!m || !dialect) {
      throw opts.error(
        `jdbc.url must be jdbc:sqlite:<file>, jdbc:postgresql://host:port/db, jdbc:mysql://... or jdbc:mariadb://...`,
      );
    }
    const rest = m[2]!;
    if (dialect === 'sqlite') return { dialect, file: rest === '' ? ':memory:' : rest };
    const u = /^\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?]+)(?::(\d+))?\/([^?;]+)(?:[?;](.*))?$/.exec(rest);
    if (!u) throw opts.error(`jdbc.url for ${dialect} must be jdbc:${m[1]}://host[:port]/database`);
    const params = new URLSearchParams((u[6] ?? '').replace(/;/g, '&'));
    user ??= u[1] ? decodeURIComponent(u[1]) : (params.get('user') ?? undefined);
    password ??= u[2] ? decodeURIComponent(u[2]) : (params.get('password') ?? undefined);
    return {
      dialect,
      host: u[3]!,
      port: u[4] ? Number(u[4]) : dialect === 'postgresql' ? 5432 : 3306,
      database: decodeURIComponent(u[5]!),
      user,
      password,
    };
  }
  const dialect = dialectOption
    ? dialectOf(dialectOption)
    : driver
      ? dialectOf(driver)
      : file !== undefined || opts.get('host') === undefined
        ? 'sqlite'
        : undefined;
  if (!dialect) {
    throw opts.error(
      dialectOption || driver
        ? `dialect '${dialectOption ?? driver}' is not known: use sqlite, postgresql, mysql or mariadb`
        : `with host=... needs dialect='postgresql' or dialect='mysql' (or a jdbc.url)`,
    );
  }
  if (dialect === 'sqlite') return { dialect, file: file ?? ':memory:' };
  return {
    dialect,
    host: opts.get('host') ?? '127.0.0.1',
    port: opts.int('port', dialect === 'postgresql' ? 5432 : 3306),
    database: opts.required('database', 'the database to use'),
    user,
    password,
  };
}

const NOWHERE: Span = { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } };

/** A connection given outside an app (a datasource, a simulation's database URL). */
export interface ConnectionSettings {
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly driver?: string | undefined;
}

/**
 * The target of a connection given outside an app, read exactly as `@store(type='rdbms', jdbc.url=...)`
 * reads its options: as if written in `@<annotation>(...)` on a table called `label` (which errors name).
 */
export function connectionTarget(c: ConnectionSettings, label: string, annotation: string): RdbmsTarget {
  const element = (key: string, value: string): Annotation['elements'][number] => ({ key, value, span: NOWHERE });
  const elements = [
    element('jdbc.url', c.url),
    ...(c.username !== undefined ? [element('username', c.username)] : []),
    ...(c.password !== undefined ? [element('password', c.password)] : []),
    ...(c.driver !== undefined ? [element('jdbc.driver.name', c.driver)] : []),
  ];
  const written: Annotation = { kind: 'annotation', name: annotation, elements, annotations: [], span: NOWHERE };
  return rdbmsTarget(new StoreOptions(written, label));
}

/** The target without credentials, for logs and errors. */
export function describeTarget(t: RdbmsTarget): string {
  return t.dialect === 'sqlite' ? `sqlite:${t.file}` : `${t.dialect}://${t.host}:${t.port}/${t.database}`;
}
