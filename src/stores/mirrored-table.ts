/**
 * A table kept in a network database (PostgreSQL, MariaDB/MySQL, Redis) behind the engine's
 * synchronous table contract. The engine's hot path cannot wait for a network round trip, so:
 *
 * - an in-memory mirror (the engine's `InMemoryTable`, with its primary-key and index maps) is
 *   loaded from the database by `prepare()`, which `SiddhiAppRuntime.startAsync()` awaits; the app
 *   refuses to `start()` before the mirror is loaded;
 * - every read (`find`, `contains`, `all`, joins, `in`, on-demand queries) is answered from it;
 * - every change the mirror accepts (insert, update, delete) is queued as a write and sent to the
 *   database in the order it happened, batched per turn of the event loop, one transaction per
 *   batch; a failing batch is retried write by write so one bad write does not lose the others
 *   (each failure is logged, credentials masked);
 * - `flush()` waits until every queued write has reached the database; the runtime awaits it at
 *   shutdown (`release()` then closes the connection) and in `persistAsync()`.
 *
 * The database is the table's state: snapshots hold nothing for it.
 */
import { trackSettlement } from '../engine/runtime/settlement.js';
import type { Expression, SetAssignment } from '../lang/ast.js';
import type { AppContext, Attribute } from '../engine/app/app-context.js';
import type { Logger } from '../engine/runtime/logger.js';
import { InMemoryTable, type TableLayout } from '../engine/table/in-memory-table.js';
import type { CompiledCondition, CompiledUpdateSet, ConditionContext, TableInput } from '../engine/table/table.js';
import type { ChangeListener, ObservableTable } from './table-changes.js';
import { nullRefusal, type NullCheck } from './sql/null-values.js';

export type WriteOp =
  | { readonly kind: 'insert'; readonly row: readonly unknown[] }
  | { readonly kind: 'delete'; readonly row: readonly unknown[] }
  | { readonly kind: 'update'; readonly before: readonly unknown[]; readonly after: readonly unknown[] };

/** One database behind a mirrored table. */
export interface StoreBackend {
  /** Where the rows live, without credentials (for logs). */
  readonly description: string;
  /** Connects, creates the table when missing, and returns every row (engine values). */
  open(): Promise<unknown[][]>;
  /** Applies the writes in order, atomically; rejects when any fails (nothing applied). */
  write(ops: readonly WriteOp[]): Promise<void>;
  close(): Promise<void>;
  /** Masks credentials in a driver's message. */
  mask(text: string): string;
}

const BATCH = 500;

export class MirroredTable implements ObservableTable {
  readonly kind = 'table';
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
  /** Writes that failed and were dropped (logged each). */
  failedWrites = 0;

  private readonly mirror: InMemoryTable;
  private readonly listeners: ChangeListener[] = [];
  private loaded = false;
  private pending: WriteOp[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    layout: TableLayout,
    private readonly backend: StoreBackend,
    private readonly logger: Logger,
    ctx: AppContext,
    /** Rows the store refuses to add (rdbms: null in a non-string attribute). */
    private readonly refuse?: NullCheck,
  ) {
    this.id = layout.id;
    this.attributes = layout.attributes;
    this.primaryKey = layout.primaryKey;
    this.indexes = layout.indexes;
    this.mirror = new InMemoryTable(layout, logger);
    ctx.lifecycle.push({
      prepare: () => this.load(),
      start: () => {
        if (!this.loaded) {
          throw new Error(
            `table '${this.id}' (${backend.description}) has not loaded its rows yet: start the app with 'await runtime.startAsync()'`,
          );
        }
      },
      flush: () => this.flush(),
      release: () => this.close(),
    });
  }

  get size(): number {
    return this.mirror.size;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    let rows: unknown[][];
    try {
      rows = await this.backend.open();
    } catch (e) {
      throw new Error(
        `table '${this.id}': cannot load from ${this.backend.description}: ${this.backend.mask(e instanceof Error ? e.message : String(e))}`,
      );
    }
    this.mirror.restore({ rows });
    this.loaded = true;
    this.logger.info(`table '${this.id}' loaded ${rows.length} rows from ${this.backend.description}`, {
      table: this.id,
    });
  }

  /** Resolves once every write queued so far is in the database (or logged as failed). */
  async flush(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) await this.chain;
    await this.chain;
  }

  private async close(): Promise<void> {
    await this.flush();
    await this.backend.close().catch(() => undefined);
  }

  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition {
    return this.mirror.compileCondition(on, cc);
  }

  compileUpdateSet(set: readonly SetAssignment[] | undefined, cc: ConditionContext): CompiledUpdateSet {
    return this.mirror.compileUpdateSet(set, cc);
  }

  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][] {
    return this.mirror.find(cond, input, ts);
  }

  contains(cond: CompiledCondition, input: unknown, ts: number): boolean {
    return this.mirror.contains(cond, input, ts);
  }

  all(): unknown[][] {
    return this.mirror.all();
  }

  insert(rows: readonly unknown[][]): void {
    for (const r of rows) this.add(r.slice(0, this.attributes.length));
  }

  delete(cond: CompiledCondition, events: readonly TableInput[]): void {
    for (const e of events) {
      const rows = this.mirror.find(cond, e.input, e.ts).map((r) => r.slice());
      if (rows.length === 0) continue;
      this.mirror.delete(cond, [e]);
      for (const r of rows) this.queue({ kind: 'delete', row: r }, r, undefined);
    }
  }

  update(cond: CompiledCondition, set: CompiledUpdateSet, events: readonly TableInput[]): void {
    for (const e of events) this.updateOne(cond, set, e, this.mirror.find(cond, e.input, e.ts));
  }

  updateOrInsert(
    cond: CompiledCondition,
    set: CompiledUpdateSet,
    events: readonly TableInput[],
    rowOf: (e: TableInput) => unknown[],
  ): void {
    for (const e of events) {
      const rows = this.mirror.find(cond, e.input, e.ts);
      if (rows.length === 0) this.add(rowOf(e).slice(0, this.attributes.length));
      else this.updateOne(cond, set, e, rows);
    }
  }

  snapshot(): unknown {
    return null;
  }

  restore(): void {}

  private updateOne(cond: CompiledCondition, set: CompiledUpdateSet, e: TableInput, rows: unknown[][]): void {
    if (rows.length === 0) return;
    const before = rows.map((r) => r.slice());
    this.mirror.update(cond, set, [e]);
    rows.forEach((r, i) => {
      const b = before[i]!;
      if (r.some((v, k) => !Object.is(v, b[k]))) this.queue({ kind: 'update', before: b, after: r.slice() }, b, r);
    });
  }

  private add(r: unknown[]): void {
    const refused = this.refuse?.(r);
    if (refused) {
      this.logger.error(nullRefusal(this.id, r, refused), { table: this.id });
      return;
    }
    const n = this.mirror.size;
    this.mirror.insert([r]);
    if (this.mirror.size > n) this.queue({ kind: 'insert', row: r.slice() }, undefined, r);
  }

  private queue(op: WriteOp, before: readonly unknown[] | undefined, after: readonly unknown[] | undefined): void {
    for (const l of this.listeners) l(before, after);
    this.pending.push(op);
    if (!this.scheduled) {
      this.scheduled = true;
      this.chain = this.chain.then(() => this.drain());
    }
    // A durable source acknowledges the message behind this write only once it reached the database.
    trackSettlement(this.chain);
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    const ops = this.pending;
    this.pending = [];
    for (let i = 0; i < ops.length; i += BATCH) {
      const batch = ops.slice(i, i + BATCH);
      try {
        await this.backend.write(batch);
      } catch (e) {
        if (batch.length > 1) {
          for (const op of batch) {
            try {
              await this.backend.write([op]);
            } catch (err) {
              this.failed(op, err);
            }
          }
        } else this.failed(batch[0]!, e);
      }
    }
  }

  private failed(op: WriteOp, e: unknown): void {
    this.failedWrites++;
    const row = op.kind === 'update' ? op.after : op.row;
    this.logger.error(
      `table '${this.id}': ${op.kind} of ${JSON.stringify(row)} failed in ${this.backend.description}: ${this.backend.mask(e instanceof Error ? e.message : String(e))}`,
      { table: this.id },
    );
  }
}
