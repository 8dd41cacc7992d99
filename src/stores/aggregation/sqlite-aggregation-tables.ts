/**
 * An aggregation's tables in SQLite, synchronously through better-sqlite3: reads of a time range
 * are `WHERE AGG_TIMESTAMP >= ? AND AGG_TIMESTAMP < ?` on the primary key (AGG_TIMESTAMP, group-by
 * columns); writes are `INSERT OR REPLACE`, one transaction per call; purges are one DELETE.
 */
import Database from 'better-sqlite3';
import type { AggregationTableLayout, AggregationTables } from '../../engine/aggregation/aggregation-tables.js';
import { granularityTableName, keyColumns } from '../../engine/aggregation/aggregation-tables.js';
import type { Granularity } from '../../engine/aggregation/granularity.js';
import { createTableStatements, decodeValue, dialects, encodeValue } from '../sql/sql-dialect.js';

const d = dialects.sqlite;

interface Statements {
  readonly read: Database.Statement;
  readonly readOne: Database.Statement;
  readonly write: Database.Statement;
  readonly deleteBefore: Database.Statement;
  readonly count: Database.Statement;
  readonly latest: Database.Statement;
}

export class SqliteAggregationTables implements AggregationTables {
  readonly loaded = true;
  readonly description: string;
  private readonly db: Database.Database;
  private readonly statements = new Map<Granularity, Statements>();
  private readonly writeMany: (s: Database.Statement, rows: readonly (readonly unknown[])[]) => void;

  /** Opens (creates) `file` and the tables `<prefix>_<GRANULARITY>`; throws with `fail(message)` when it cannot. */
  constructor(
    private readonly layout: AggregationTableLayout,
    file: string,
    prefix: string,
    lengths: ReadonlyMap<string, number>,
    fail: (message: string) => Error,
  ) {
    this.description = `sqlite:${file} tables ${prefix}_*`;
    try {
      this.db = new Database(file);
    } catch (e) {
      throw fail(`cannot open SQLite database '${file}': ${e instanceof Error ? e.message : String(e)}`);
    }
    if (file !== ':memory:' && file !== '') {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
    }
    const attributes = layout.columns;
    const key = keyColumns(layout);
    const cols = attributes.map((a) => d.quote(a.name)).join(', ');
    const ts = d.quote('AGG_TIMESTAMP');
    for (const g of layout.granularities) {
      const name = granularityTableName(prefix, g);
      const t = d.quote(name);
      for (const s of createTableStatements(d, name, { id: name, attributes, primaryKey: key, indexes: [] }, lengths)) {
        this.db.exec(s);
      }
      const existing = new Set(
        (this.db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name),
      );
      const missing = attributes.filter((a) => !existing.has(a.name)).map((a) => a.name);
      if (missing.length > 0) {
        this.db.close();
        throw fail(`the existing table '${name}' in '${file}' has no column ${missing.join(', ')}`);
      }
      const keyWhere = key.map((i) => d.nullSafeEquals(d.quote(attributes[i]!.name), '?')).join(' AND ');
      this.statements.set(g, {
        read: this.db.prepare(`SELECT ${cols} FROM ${t} WHERE ${ts} >= ? AND ${ts} < ? ORDER BY ${ts}, rowid`).raw(),
        readOne: this.db.prepare(`SELECT ${cols} FROM ${t} WHERE ${keyWhere}`).raw(),
        write: this.db.prepare(
          `INSERT OR REPLACE INTO ${t} (${cols}) VALUES (${attributes.map(() => '?').join(', ')})`,
        ),
        deleteBefore: this.db.prepare(`DELETE FROM ${t} WHERE ${ts} < ?`),
        count: this.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck(),
        latest: this.db.prepare(`SELECT MAX(${ts}) FROM ${t}`).pluck(),
      });
    }
    this.writeMany = this.db.transaction((s: Database.Statement, rows: readonly (readonly unknown[])[]) => {
      for (const r of rows) s.run(this.encode(r));
    });
  }

  private of(g: Granularity): Statements {
    const s = this.statements.get(g);
    if (!s) throw new Error(`aggregation '${this.layout.aggregation}' keeps no ${g} table`);
    return s;
  }

  private encode(row: readonly unknown[]): unknown[] {
    return this.layout.columns.map((a, i) => encodeValue(row[i], a.type, d));
  }

  private decode(row: readonly unknown[]): unknown[] {
    return this.layout.columns.map((a, i) => decodeValue(row[i], a.type));
  }

  read(g: Granularity, from: number, to: number): unknown[][] {
    const lo = Number.isFinite(from) ? from : Number.MIN_SAFE_INTEGER;
    const hi = Number.isFinite(to) ? to : Number.MAX_SAFE_INTEGER;
    return (this.of(g).read.all(lo, hi) as unknown[][]).map((r) => this.decode(r));
  }

  readOne(g: Granularity, start: number, groupValues: readonly unknown[]): unknown[] | undefined {
    const cols = this.layout.columns;
    const params = [start, ...groupValues].map((v, i) => encodeValue(v, cols[i === 0 ? 0 : i + 1]!.type, d));
    const r = this.of(g).readOne.get(...params) as unknown[] | undefined;
    return r ? this.decode(r) : undefined;
  }

  write(g: Granularity, rows: readonly (readonly unknown[])[]): void {
    if (rows.length > 0) this.writeMany(this.of(g).write, rows);
  }

  deleteBefore(g: Granularity, cutoff: number): number {
    return this.of(g).deleteBefore.run(cutoff).changes;
  }

  count(g: Granularity): number {
    return this.of(g).count.get() as number;
  }

  latest(g: Granularity): number | undefined {
    const v = this.of(g).latest.get() as number | null;
    return v === null ? undefined : Number(v);
  }

  prepare(): Promise<void> {
    return Promise.resolve();
  }

  flush(): Promise<void> {
    return Promise.resolve();
  }

  release(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}
