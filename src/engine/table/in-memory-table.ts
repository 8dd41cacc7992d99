/**
 * The in-memory table: rows in insertion order, a hash map by primary key, and a hash map per
 * `@Index` attribute. Conditions of the form `T.pk == expr` (and `T.indexed == expr`) are answered
 * from those maps; anything else scans.
 */
import type { Expression, SetAssignment } from '../../lang/ast.js';
import type { Attribute } from '../app/app-context.js';
import type { Logger } from '../runtime/logger.js';
import { compileRowCondition, compositeKey, type RowCondition } from './row-condition.js';
import { compileRowUpdateSet, type RowUpdateSet } from './row-update-set.js';
import { orderForScan, scanOrderOf, type ScanOrder } from './java-scan-order.js';
import type { CompiledCondition, CompiledUpdateSet, ConditionContext, Table, TableInput } from './table.js';

interface MemoryCondition extends CompiledCondition {
  readonly row: RowCondition;
}

interface MemoryUpdateSet extends CompiledUpdateSet {
  readonly set: RowUpdateSet;
}

export interface TableLayout {
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
  /** Store tables: an `@Index` naming several attributes, created as one index in the database. */
  readonly compositeIndexes?: readonly (readonly number[])[];
}

const NONE: readonly unknown[][] = [];

export class InMemoryTable implements Table {
  readonly kind = 'table';
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
  /** Rows a condition's test ran on since creation (tests prove index lookups with it). */
  rowsExamined = 0;

  private rows = new Set<unknown[]>();
  private readonly byKey: Map<unknown, unknown[]> | undefined;
  private readonly byIndex = new Map<number, Map<unknown, Set<unknown[]>>>();
  /** How a scan meets the rows (Siddhi's TreeMap / HashMap order for primary-key tables). */
  private readonly scanOrder: ScanOrder;
  /** The rows in scan order, until the set of keys changes. */
  private scanned: unknown[][] | undefined;
  /** The most keys held at once (Siddhi's HashMap capacity follows it and never shrinks). */
  private maxKeys = 0;
  /** Moves on every change of the rows (incremental persistence skips an unchanged table). */
  private version = 0;

  constructor(
    layout: TableLayout,
    private readonly logger: Logger,
  ) {
    this.id = layout.id;
    this.attributes = layout.attributes;
    this.primaryKey = layout.primaryKey;
    this.indexes = layout.indexes;
    this.byKey = layout.primaryKey.length > 0 ? new Map() : undefined;
    for (const i of layout.indexes) this.byIndex.set(i, new Map());
    this.scanOrder = scanOrderOf(layout.primaryKey.map((i) => layout.attributes[i]!.type));
  }

  get size(): number {
    return this.rows.size;
  }

  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition {
    const row = compileRowCondition(this.attributes, on, cc, this);
    const c: MemoryCondition = { findable: this.id, plan: row.plan, row };
    return c;
  }

  compileUpdateSet(set: readonly SetAssignment[] | undefined, cc: ConditionContext): CompiledUpdateSet {
    const s: MemoryUpdateSet = { table: this.id, set: compileRowUpdateSet(this.attributes, set, cc, this.id) };
    return s;
  }

  insert(rows: readonly unknown[][]): void {
    for (const r of rows) this.add(r.slice(0, this.attributes.length));
  }

  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][] {
    const { test } = this.own(cond).row;
    const candidates = this.candidates(cond, input, ts);
    if (!test) return [...candidates];
    const out: unknown[][] = [];
    for (const r of candidates) {
      this.rowsExamined++;
      if (test(r, input, ts)) out.push(r);
    }
    return out;
  }

  contains(cond: CompiledCondition, input: unknown, ts: number): boolean {
    const { test } = this.own(cond).row;
    for (const r of this.candidates(cond, input, ts)) {
      if (!test) return true;
      this.rowsExamined++;
      if (test(r, input, ts)) return true;
    }
    return false;
  }

  all(): unknown[][] {
    return [...this.scanRows()];
  }

  /** Every row, in the order Siddhi's table holder would iterate them. */
  private scanRows(): Iterable<unknown[]> {
    if (this.byKey === undefined || this.scanOrder === 'insertion') return this.rows;
    if (this.scanned === undefined) {
      const types = this.primaryKey.map((i) => this.attributes[i]!.type);
      this.scanned = orderForScan([...this.byKey.values()], this.scanOrder, this.primaryKey, types, this.maxKeys);
    }
    return this.scanned;
  }

  delete(cond: CompiledCondition, events: readonly TableInput[]): void {
    for (const e of events) for (const r of this.find(cond, e.input, e.ts)) this.remove(r);
  }

  update(cond: CompiledCondition, set: CompiledUpdateSet, events: readonly TableInput[]): void {
    const s = this.ownSet(set);
    for (const e of events) this.updateRows(this.find(cond, e.input, e.ts), s, e);
  }

  updateOrInsert(
    cond: CompiledCondition,
    set: CompiledUpdateSet,
    events: readonly TableInput[],
    rowOf: (e: TableInput) => unknown[],
  ): void {
    const s = this.ownSet(set);
    for (const e of events) {
      const matched = this.find(cond, e.input, e.ts);
      if (matched.length === 0) this.add(rowOf(e).slice(0, this.attributes.length));
      else this.updateRows(matched, s, e);
    }
  }

  snapshot(): unknown {
    return { rows: [...this.rows].map((r) => r.slice()) };
  }

  stateVersion(): number {
    return this.version;
  }

  restore(state: unknown): void {
    const rows = (state as { rows?: unknown[][] } | undefined)?.rows ?? [];
    this.rows = new Set();
    this.version++;
    this.byKey?.clear();
    this.scanned = undefined;
    for (const m of this.byIndex.values()) m.clear();
    for (const r of rows) this.add(r.slice());
  }

  private own(cond: CompiledCondition): MemoryCondition {
    if (cond.findable !== this.id || !('row' in cond)) {
      throw new Error(`condition compiled for '${cond.findable}' used on table '${this.id}'`);
    }
    return cond as MemoryCondition;
  }

  private ownSet(set: CompiledUpdateSet): RowUpdateSet {
    if (set.table !== this.id || !('set' in set)) {
      throw new Error(`update set compiled for '${set.table}' used on table '${this.id}'`);
    }
    return (set as MemoryUpdateSet).set;
  }

  private candidates(cond: CompiledCondition, input: unknown, ts: number): Iterable<unknown[]> {
    const lookup = this.own(cond).row.lookup;
    if (!lookup) return this.scanRows();
    const key = lookup.key(input, ts);
    if (key === null || key === undefined) return NONE;
    if (lookup.kind === 'primaryKey') {
      const r = this.byKey?.get(key);
      return r ? [r] : NONE;
    }
    const rows = this.byIndex.get(lookup.attribute)?.get(key);
    return rows ? [...rows] : NONE;
  }

  private keyOf(r: readonly unknown[]): unknown {
    return compositeKey(this.primaryKey.map((i) => r[i]));
  }

  private add(r: unknown[]): void {
    if (this.byKey) {
      const key = this.keyOf(r);
      if (this.byKey.has(key)) {
        this.logger.error(
          `table '${this.id}': a row with primary key ${JSON.stringify(this.primaryKey.map((i) => r[i]))} exists; the new row ${JSON.stringify(r)} is dropped`,
          { table: this.id },
        );
        return;
      }
      this.byKey.set(key, r);
      this.scanned = undefined;
      if (this.byKey.size > this.maxKeys) this.maxKeys = this.byKey.size;
    }
    this.rows.add(r);
    this.version++;
    for (const [i, m] of this.byIndex) indexAdd(m, r[i], r);
  }

  private remove(r: unknown[]): void {
    if (!this.rows.delete(r)) return;
    this.version++;
    if (this.byKey) {
      this.byKey.delete(this.keyOf(r));
      this.scanned = undefined;
    }
    for (const [i, m] of this.byIndex) indexRemove(m, r[i], r);
  }

  /**
   * Updates the rows one event matched. As Siddhi's IndexOperator does, an update that changes a
   * single-attribute primary key first checks the new keys, row by row, against the keys held: if
   * one would clash, the event updates none of its rows (the error is logged).
   */
  private updateRows(found: readonly unknown[][], s: RowUpdateSet, e: TableInput): void {
    if (found.length > 1 && this.pkClash(found, s, e)) return;
    for (const r of found) this.assign(r, s, e);
  }

  private pkClash(found: readonly unknown[][], s: RowUpdateSet, e: TableInput): boolean {
    const pk = this.primaryKey.length === 1 ? this.primaryKey[0]! : -1;
    if (!s.columns.includes(pk)) return false;
    // Siddhi checks indexed attributes in position order and stops at the first one that changes.
    const indexed = s.columns.filter((i) => i === pk || this.indexes.includes(i)).sort((a, b) => a - b);
    for (const col of indexed) {
      const keys = col === pk ? new Set(this.byKey!.keys()) : undefined;
      let changed = false;
      for (const r of found) {
        const before = r[col];
        const u = r.slice();
        s.assign(u, e.input, e.ts);
        const after = u[col];
        if (after === null || after === undefined || before === null || before === undefined || after === before) {
          continue;
        }
        changed = true;
        if (keys === undefined) break;
        keys.delete(before);
        if (keys.has(after)) {
          this.logger.error(
            `table '${this.id}': update failed, a row with primary key ${JSON.stringify(after)} exists; no row is updated`,
            { table: this.id },
          );
          return true;
        }
        keys.add(after);
      }
      if (changed) return false;
    }
    return false;
  }

  private assign(r: unknown[], s: RowUpdateSet, e: TableInput): void {
    const oldKey = this.byKey ? this.keyOf(r) : undefined;
    const oldIndexed = this.indexes.map((i) => r[i]);
    const before = this.byKey ? r.slice() : undefined;
    s.assign(r, e.input, e.ts);
    this.version++;
    if (this.byKey) {
      const newKey = this.keyOf(r);
      if (newKey !== oldKey) {
        if (this.byKey.has(newKey)) {
          // Siddhi refuses an update that would duplicate a primary key: keep the row as it was.
          for (let i = 0; i < r.length; i++) r[i] = before![i];
          this.logger.error(`table '${this.id}': update to an existing primary key ${JSON.stringify(newKey)} dropped`, {
            table: this.id,
          });
          return;
        }
        this.byKey.delete(oldKey);
        this.byKey.set(newKey, r);
        this.scanned = undefined;
      }
    }
    this.indexes.forEach((i, k) => {
      if (r[i] !== oldIndexed[k]) {
        const m = this.byIndex.get(i)!;
        indexRemove(m, oldIndexed[k], r);
        indexAdd(m, r[i], r);
      }
    });
  }
}

function indexAdd(m: Map<unknown, Set<unknown[]>>, key: unknown, r: unknown[]): void {
  let s = m.get(key);
  if (!s) m.set(key, (s = new Set()));
  s.add(r);
}

function indexRemove(m: Map<unknown, Set<unknown[]>>, key: unknown, r: unknown[]): void {
  const s = m.get(key);
  if (!s) return;
  s.delete(r);
  if (s.size === 0) m.delete(key);
}
