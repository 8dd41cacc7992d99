/**
 * An aggregation's tables in PostgreSQL or MariaDB/MySQL. The ingest path cannot wait for the
 * network, so (as `MirroredTable` does for tables) `prepare()` connects, creates the missing tables
 * and loads their rows into a mirror sorted by AGG_TIMESTAMP; reads are answered from the mirror,
 * and writes change it at once and go to the database behind it, in order, batched per turn of the
 * event loop, one transaction per batch (a failing batch is retried write by write; a write that
 * still fails is logged and counted). One connection serves every granularity.
 */
import type { AggregationTableLayout, AggregationTables } from '../../engine/aggregation/aggregation-tables.js';
import { granularityTableName, keyColumns } from '../../engine/aggregation/aggregation-tables.js';
import type { Granularity } from '../../engine/aggregation/granularity.js';
import type { Logger } from '../../engine/runtime/logger.js';
import { trackSettlement } from '../../engine/runtime/settlement.js';
import type { WriteOp } from '../mirrored-table.js';
import { SqlBackend, type SqlConnection } from '../sql/sql-backend.js';
import type { SqlDialect } from '../sql/sql-dialect.js';

const BATCH = 500;

/** One granularity's rows: bucket starts ascending, then rows by group. */
class SortedRows {
  readonly starts: number[] = [];
  readonly byStart = new Map<number, Map<string, unknown[]>>();
  count = 0;

  get(start: number, group: string): unknown[] | undefined {
    return this.byStart.get(start)?.get(group);
  }

  set(start: number, group: string, row: unknown[]): unknown[] | undefined {
    let groups = this.byStart.get(start);
    if (!groups) {
      groups = new Map();
      this.byStart.set(start, groups);
      const s = this.starts;
      if (s.length === 0 || s[s.length - 1]! < start) s.push(start);
      else s.splice(lowerBound(s, start), 0, start);
    }
    const before = groups.get(group);
    if (!before) this.count++;
    groups.set(group, row);
    return before;
  }

  range(from: number, to: number): unknown[][] {
    const out: unknown[][] = [];
    const s = this.starts;
    for (let i = lowerBound(s, from); i < s.length && s[i]! < to; i++) {
      for (const r of this.byStart.get(s[i]!)!.values()) out.push(r);
    }
    return out;
  }

  removeBefore(cutoff: number): unknown[][] {
    const n = lowerBound(this.starts, cutoff);
    const removed: unknown[][] = [];
    for (const start of this.starts.splice(0, n)) {
      for (const r of this.byStart.get(start)!.values()) removed.push(r);
      this.byStart.delete(start);
    }
    this.count -= removed.length;
    return removed;
  }
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class MirroredAggregationTables implements AggregationTables {
  loaded = false;
  /** Writes that failed and were dropped (logged each). */
  failedWrites = 0;
  private readonly rows = new Map<Granularity, SortedRows>();
  private readonly backends = new Map<Granularity, SqlBackend>();
  private connection: Promise<SqlConnection> | undefined;
  private pending: { g: Granularity; op: WriteOp }[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly layout: AggregationTableLayout,
    dialect: SqlDialect,
    connect: () => Promise<SqlConnection>,
    prefix: string,
    lengths: ReadonlyMap<string, number>,
    readonly description: string,
    private readonly mask: (text: string) => string,
    private readonly logger: Logger,
  ) {
    const shared = (): Promise<SqlConnection> => {
      this.connection ??= connect();
      // Each backend closes "its" connection; the real one is closed once, in release().
      return this.connection.then((c) => ({ query: (sql, params) => c.query(sql, params), close: async () => {} }));
    };
    const tableLayout = { attributes: layout.columns, primaryKey: keyColumns(layout), indexes: [] };
    for (const g of layout.granularities) {
      const name = granularityTableName(prefix, g);
      this.rows.set(g, new SortedRows());
      this.backends.set(
        g,
        new SqlBackend(dialect, shared, { id: name, ...tableLayout }, name, lengths, `${description}`, mask),
      );
    }
  }

  private groupOf(row: readonly unknown[]): string {
    return JSON.stringify(row.slice(2, 2 + this.layout.groupColumns));
  }

  private of(g: Granularity): SortedRows {
    const r = this.rows.get(g);
    if (!r) throw new Error(`aggregation '${this.layout.aggregation}' keeps no ${g} table`);
    return r;
  }

  async prepare(): Promise<void> {
    if (this.loaded) return;
    let total = 0;
    for (const [g, backend] of this.backends) {
      let loaded: unknown[][];
      try {
        loaded = await backend.open();
      } catch (e) {
        throw new Error(
          `aggregation '${this.layout.aggregation}': cannot load its ${g} table from ${this.description}: ${this.mask(e instanceof Error ? e.message : String(e))}`,
        );
      }
      const rows = this.of(g);
      for (const r of loaded) rows.set(r[0] as number, this.groupOf(r), r);
      total += loaded.length;
    }
    this.loaded = true;
    this.logger.info(`aggregation '${this.layout.aggregation}' loaded ${total} rows from ${this.description}`);
  }

  read(g: Granularity, from: number, to: number): unknown[][] {
    return this.of(g).range(from, to);
  }

  readOne(g: Granularity, start: number, groupValues: readonly unknown[]): unknown[] | undefined {
    return this.of(g).get(start, JSON.stringify(groupValues));
  }

  write(g: Granularity, rows: readonly (readonly unknown[])[]): void {
    const mirror = this.of(g);
    for (const r of rows) {
      const row = r.slice();
      const before = mirror.set(row[0] as number, this.groupOf(row), row);
      this.queue(g, before ? { kind: 'update', before, after: row } : { kind: 'insert', row });
    }
  }

  deleteBefore(g: Granularity, cutoff: number): number {
    const removed = this.of(g).removeBefore(cutoff);
    for (const row of removed) this.queue(g, { kind: 'delete', row });
    return removed.length;
  }

  count(g: Granularity): number {
    return this.of(g).count;
  }

  latest(g: Granularity): number | undefined {
    const s = this.of(g).starts;
    return s.length === 0 ? undefined : s[s.length - 1];
  }

  async flush(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) await this.chain;
    await this.chain;
  }

  async release(): Promise<void> {
    await this.flush();
    const c = this.connection;
    this.connection = undefined;
    if (c) await (await c.catch(() => undefined))?.close().catch(() => undefined);
  }

  private queue(g: Granularity, op: WriteOp): void {
    this.pending.push({ g, op });
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(() => this.drain());
    }
    trackSettlement(this.chain);
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    const byGranularity = new Map<Granularity, WriteOp[]>();
    for (const { g, op } of all) {
      let list = byGranularity.get(g);
      if (!list) byGranularity.set(g, (list = []));
      list.push(op);
    }
    for (const [g, ops] of byGranularity) {
      const backend = this.backends.get(g)!;
      for (let i = 0; i < ops.length; i += BATCH) {
        const batch = ops.slice(i, i + BATCH);
        try {
          await backend.write(batch);
        } catch (e) {
          if (batch.length === 1) this.failed(g, batch[0]!, e);
          else {
            for (const op of batch) {
              try {
                await backend.write([op]);
              } catch (err) {
                this.failed(g, op, err);
              }
            }
          }
        }
      }
    }
  }

  private failed(g: Granularity, op: WriteOp, e: unknown): void {
    this.failedWrites++;
    const row = op.kind === 'update' ? op.after : op.row;
    this.logger.error(
      `aggregation '${this.layout.aggregation}': ${op.kind} of ${g} row ${JSON.stringify(row)} failed in ${this.description}: ${this.mask(e instanceof Error ? e.message : String(e))}`,
    );
  }
}
