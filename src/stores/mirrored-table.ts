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
 *   shutdown (`release()` then closes the connection) and in `persistAsync()`;
 * - with a refresh interval (`refresh.interval`, or a `@cache`'s `purge.interval`), the mirror reads
 *   every row again on that period, so that rows other apps or systems wrote are seen (Siddhi reads
 *   the database on every lookup, or reloads its cache every purge interval). A refresh first waits
 *   for the app's own queued writes. With a primary key, a row the app wrote while the refresh was
 *   reading keeps the app's value; without one, a refresh during which the app wrote is dropped and
 *   the next one tries again. What changed is reported to the table's listeners (a `@cache`).
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
import type { TimerHandle } from '../engine/time/scheduler.js';

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
  /**
   * Reads every row again (after `open`). `adopt` is called when the mirror takes the rows: a backend
   * that identifies rows by what it read (Redis rows without a primary key) then uses what it read.
   */
  reload(): Promise<{ rows: unknown[][]; adopt(): void }>;
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
  /** Refreshes that took the database's rows, and those dropped (the app wrote meanwhile, no primary key) or failed. */
  readonly refreshes = { taken: 0, dropped: 0, failed: 0 };

  private readonly mirror: InMemoryTable;
  private readonly listeners: ChangeListener[] = [];
  private loaded = false;
  private pending: WriteOp[] = [];
  private scheduled = false;
  private chain: Promise<void> = Promise.resolve();
  /** Writes queued so far (a refresh compares it before and after reading). */
  private writes = 0;
  /** The refresh in flight. */
  private refreshing: Promise<void> | undefined;
  /** While a refresh reads (primary key only): the keys of the rows the app wrote meanwhile. */
  private touched: Set<unknown> | undefined;

  constructor(
    layout: TableLayout,
    private readonly backend: StoreBackend,
    private readonly logger: Logger,
    ctx: AppContext,
    /** Rows the store refuses to add (rdbms: null in a non-string attribute). */
    private readonly refuse?: NullCheck,
    /** How often to read every row again (ms, on the app's poll clock); undefined: never. */
    refreshMs?: number,
  ) {
    this.id = layout.id;
    this.attributes = layout.attributes;
    this.primaryKey = layout.primaryKey;
    this.indexes = layout.indexes;
    this.mirror = new InMemoryTable(layout, logger);
    let timer: TimerHandle | undefined;
    const every = refreshMs !== undefined && refreshMs > 0 ? refreshMs : undefined;
    const tick = (at: number): void => {
      void this.refresh();
      timer = ctx.pollScheduler.schedule(at + every!, tick);
    };
    ctx.lifecycle.push({
      prepare: () => this.load(),
      start: () => {
        if (!this.loaded) {
          throw new Error(
            `table '${this.id}' (${backend.description}) has not loaded its rows yet: start the app with 'await runtime.startAsync()'`,
          );
        }
        if (every !== undefined) timer = ctx.pollScheduler.schedule(ctx.pollScheduler.now() + every, tick);
      },
      stop: () => {
        if (timer) ctx.pollScheduler.cancel(timer);
        timer = undefined;
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

  /** Resolves once every write queued so far is in the database (or logged as failed), and no refresh is in flight. */
  async flush(): Promise<void> {
    await this.flushWrites();
    if (this.refreshing) await this.refreshing;
  }

  private async flushWrites(): Promise<void> {
    while (this.scheduled || this.pending.length > 0) await this.chain;
    await this.chain;
  }

  private async close(): Promise<void> {
    await this.flush();
    await this.backend.close().catch(() => undefined);
  }

  /** Reads every row from the database again and takes what changed there (see the top of this file). */
  refresh(): Promise<void> {
    this.refreshing ??= this.reloadRows().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async reloadRows(): Promise<void> {
    const keyed = this.primaryKey.length > 0;
    const since = this.writes;
    if (keyed) this.touched = new Set();
    try {
      await this.flushWrites();
      const { rows, adopt } = await this.backend.reload();
      if (!keyed && this.writes !== since) {
        this.refreshes.dropped++;
        return;
      }
      adopt();
      this.take(rows, this.touched);
      this.refreshes.taken++;
    } catch (e) {
      this.refreshes.failed++;
      this.logger.error(
        `table '${this.id}': cannot refresh from ${this.backend.description}: ${this.backend.mask(e instanceof Error ? e.message : String(e))}`,
        { table: this.id },
      );
    } finally {
      this.touched = undefined;
    }
  }

  /** Makes the database's rows the mirror's, but for the rows the app wrote meanwhile (`touched`); reports changes. */
  private take(rows: unknown[][], touched: ReadonlySet<unknown> | undefined): void {
    // Copies, in insertion order (`all()` would order them as Siddhi scans, which costs a sort).
    const old = (this.mirror.snapshot() as { rows: unknown[][] }).rows;
    let next = rows;
    if (touched !== undefined && touched.size > 0) {
      next = rows.filter((r) => !touched.has(this.keyText(r)));
      for (const r of old) if (touched.has(this.keyText(r))) next.push(r);
    }
    const changes = this.primaryKey.length > 0 ? this.keyedChanges(old, next) : rowChanges(old, next);
    if (changes.length === 0) return;
    this.mirror.restore({ rows: next });
    for (const [before, after] of changes) for (const l of this.listeners) l(before, after);
  }

  private keyedChanges(old: unknown[][], next: unknown[][]): [unknown[] | undefined, unknown[] | undefined][] {
    const was = new Map<unknown, unknown[]>();
    for (const r of old) was.set(this.keyText(r), r);
    const changes: [unknown[] | undefined, unknown[] | undefined][] = [];
    for (const r of next) {
      const k = this.keyText(r);
      const before = was.get(k);
      was.delete(k);
      if (before === undefined) changes.push([undefined, r]);
      else if (r.some((v, i) => !Object.is(v, before[i]))) changes.push([before, r]);
    }
    for (const before of was.values()) changes.push([before, undefined]);
    return changes;
  }

  /** A row's primary key: the value itself for a one-attribute key, else a text of the values. */
  private keyText(row: readonly unknown[]): unknown {
    const pk = this.primaryKey;
    return pk.length === 1 ? row[pk[0]!] : JSON.stringify(pk.map((i) => row[i] ?? null));
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
    this.writes++;
    if (this.touched !== undefined) {
      if (before) this.touched.add(this.keyText(before));
      if (after) this.touched.add(this.keyText(after));
    }
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

/** Rows without a primary key: what left and what came, as deletes and inserts (equal rows counted). */
function rowChanges(old: unknown[][], next: unknown[][]): [unknown[] | undefined, unknown[] | undefined][] {
  const text = (r: readonly unknown[]): string => JSON.stringify(r);
  const count = new Map<string, unknown[][]>();
  for (const r of old) {
    const k = text(r);
    const list = count.get(k);
    if (list) list.push(r);
    else count.set(k, [r]);
  }
  const changes: [unknown[] | undefined, unknown[] | undefined][] = [];
  for (const r of next) {
    const list = count.get(text(r));
    if (list && list.length > 0) list.pop();
    else changes.push([undefined, r]);
  }
  for (const list of count.values()) for (const r of list) changes.push([r, undefined]);
  return changes;
}
