/**
 * `@store(type='rdbms', ...)` on `define aggregation`: each granularity's buckets are kept in a
 * database table, as Siddhi does (`<Aggregation>_SECONDS`, `_MINUTES`, ... `_YEARS`). The engine
 * defines what it needs from such tables here; stores implement it and register a factory (the
 * engine never imports `src/stores`).
 *
 * A row of a granularity's table is
 * `[AGG_TIMESTAMP, AGG_EVENT_TIMESTAMP, ...group-by values, ...base values, ...latest values]`:
 * the bucket start, the timestamp of the event that set the latest values, the group, the base
 * values (sums, counts, minima, maxima; distinctCount's set as a JSON array) and the values of
 * plain outputs. The primary key is AGG_TIMESTAMP and the group-by columns.
 */
import type { Annotation } from '../../lang/ast.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import type { Granularity } from './granularity.js';

export interface AggregationTableLayout {
  readonly aggregation: string;
  readonly granularities: readonly Granularity[];
  /** The columns of every granularity's table. */
  readonly columns: readonly Attribute[];
  /** How many group-by columns follow AGG_TIMESTAMP and AGG_EVENT_TIMESTAMP. */
  readonly groupColumns: number;
}

/** Positions of the primary key (AGG_TIMESTAMP, then the group-by columns) in a row. */
export function keyColumns(layout: AggregationTableLayout): number[] {
  return [0, ...Array.from({ length: layout.groupColumns }, (_, i) => i + 2)];
}

/** Siddhi's table name of a granularity: `<Aggregation>_SECONDS`, `_MINUTES`, ... */
export function granularityTableName(prefix: string, g: Granularity): string {
  return `${prefix}_${g.toUpperCase()}`;
}

/** The tables of one aggregation. Reads and writes are synchronous (the ingest path cannot wait). */
export interface AggregationTables {
  /** Where the tables live, without credentials (for logs and errors). */
  readonly description: string;
  /** Whether reads can be answered (after `prepare()` for stores that load a mirror). */
  readonly loaded: boolean;
  /** Rows of `g` with AGG_TIMESTAMP in `[from, to)`, ascending AGG_TIMESTAMP. */
  read(g: Granularity, from: number, to: number): unknown[][];
  /** The row of one bucket, or undefined. */
  readOne(g: Granularity, start: number, groupValues: readonly unknown[]): unknown[] | undefined;
  /** Inserts the rows, replacing those with the same key. */
  write(g: Granularity, rows: readonly (readonly unknown[])[]): void;
  /** Deletes the rows of `g` with AGG_TIMESTAMP before `cutoff`; returns how many. */
  deleteBefore(g: Granularity, cutoff: number): number;
  /** How many rows `g` holds. */
  count(g: Granularity): number;
  /** The greatest AGG_TIMESTAMP of `g`, or undefined when it is empty. */
  latest(g: Granularity): number | undefined;
  /** Connects and creates missing tables (awaited by `startAsync()`). */
  prepare(): Promise<void>;
  /** Resolves once every write so far is in the database. */
  flush(): Promise<void>;
  /** Closes connections (after `flush`). */
  release(): Promise<void>;
}

/** Opens the tables of an aggregation for `@store(type = '<type>', ...)`; stores register here. */
export type AggregationTablesFactory = (
  layout: AggregationTableLayout,
  store: Annotation,
  ctx: AppContext,
) => AggregationTables;

export const aggregationTableFactories = new Map<string, AggregationTablesFactory>();
