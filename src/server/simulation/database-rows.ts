/**
 * Reads the rows of a database feed simulation (WSO2's `DATABASE_SIMULATION`): the chosen columns of a table,
 * in the order of its timestamp column when one is named, through the stores' JDBC-style URL connections.
 */
import { connectUrl } from '../../stores/sql/connect-url.js';
import type { DatabaseFeedConfig } from './feed-config.js';
import { SimulationInputError } from './stream-attributes.js';

export interface DatabaseRow {
  readonly timestamp: number | undefined;
  readonly values: unknown[];
}

export async function readDatabaseRows(
  cfg: DatabaseFeedConfig,
  attributeNames: readonly string[],
): Promise<DatabaseRow[]> {
  let conn;
  try {
    conn = await connectUrl(cfg.url, { username: cfg.username, password: cfg.password });
  } catch (e) {
    const mask = (t: string): string => (cfg.password ? t.split(cfg.password).join('***') : t);
    throw new SimulationInputError(
      `cannot read the database at ${mask(cfg.url)}: ${mask(e instanceof Error ? e.message : String(e))}`,
    );
  }
  const { connection, dialect, mask } = conn;
  const columns = cfg.columns ?? attributeNames;
  const ts = cfg.timestampColumn;
  const select = [...columns, ...(ts !== undefined ? [ts] : [])].map((c) => dialect.quote(c)).join(', ');
  const sql = `SELECT ${select} FROM ${dialect.quote(cfg.tableName)}${ts !== undefined ? ` ORDER BY ${dialect.quote(ts)}` : ''}`;
  try {
    const rows = await connection.query(sql);
    return rows.map((r, i) => {
      if (ts === undefined) return { timestamp: undefined, values: r };
      const t = Number(r[columns.length]);
      if (!Number.isFinite(t)) {
        throw new SimulationInputError(
          `row ${i + 1} of table '${cfg.tableName}': column '${ts}' holds ${JSON.stringify(r[columns.length])}, not a timestamp`,
        );
      }
      return { timestamp: t, values: r.slice(0, columns.length) };
    });
  } catch (e) {
    if (e instanceof SimulationInputError) throw e;
    throw new SimulationInputError(
      `reading table '${cfg.tableName}' failed: ${mask(e instanceof Error ? e.message : String(e))} (query: ${sql})`,
    );
  } finally {
    await connection.close().catch(() => undefined);
  }
}
