/**
 * The connection URLs of the cdc source: JDBC-style as in Siddhi (`jdbc:postgresql://host:5432/db`,
 * `jdbc:mysql://host:3306/db`, `jdbc:mariadb://...`) or native (`postgres://`, `mysql://`), with the
 * `username` / `password` options laid over the URL's own credentials.
 */
import { maskUrl } from '../shared/mask-url.js';

export type Dialect = 'postgres' | 'mysql';

export function dialectOf(url: string): Dialect {
  const u = url.replace(/^jdbc:/i, '').toLowerCase();
  if (u.startsWith('postgres')) return 'postgres';
  if (u.startsWith('mysql') || u.startsWith('mariadb')) return 'mysql';
  throw new Error(`cdc url '${maskUrl(url)}' is neither PostgreSQL nor MySQL/MariaDB`);
}

/** The URL a native client takes (`postgres://` or `mysql://`), credentials included: never log it. */
export function nativeUrl(url: string, username?: string, password?: string): URL {
  const u = new URL(
    url
      .replace(/^jdbc:/i, '')
      .replace(/^mariadb:/i, 'mysql:')
      .replace(/^postgresql:/i, 'postgres:'),
  );
  if (username !== undefined) u.username = encodeURIComponent(username);
  if (password !== undefined) u.password = encodeURIComponent(password);
  return u;
}

/** Table and column names are identifiers from the app text: quoted, never interpolated raw. */
export function ident(name: string, q: '"' | '`'): string {
  return name
    .split('.')
    .map((p) => q + p.split(q).join(q + q) + q)
    .join('.');
}
