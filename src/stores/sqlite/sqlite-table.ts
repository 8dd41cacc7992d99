/**
 * `@store(type='rdbms')` on SQLite, synchronously through better-sqlite3: every table operation
 * goes straight to SQL. `on` conditions that compile to SQL (see `sql-condition.ts`) run as WHERE
 * clauses (primary-key and `@Index` lookups use the database's indexes); others read the rows and
 * filter them with the engine's compiled test. `set` expressions run in JavaScript (the engine's
 * arithmetic) on the rows found, then each row is written back by rowid. Each batch of events runs
 * in one transaction. The database is the table's state: snapshots hold nothing for it.
 */
import type Database from 'better-sqlite3';
import type { Expression, SetAssignment } from '../../lang/ast.js';
import type { Attribute } from '../../engine/app/app-context.js';
import type { Logger } from '../../engine/runtime/logger.js';
import type { TableLayout } from '../../engine/table/in-memory-table.js';
import { compileRowCondition, type RowCondition } from '../../engine/table/row-condition.js';
import { compileRowUpdateSet, type RowUpdateSet } from '../../engine/table/row-update-set.js';
import type { CompiledCondition, CompiledUpdateSet, ConditionContext, TableInput } from '../../engine/table/table.js';
import { compileSqlCondition, type SqlCondition } from '../sql/sql-condition.js';
import { nullRefusal, type NullCheck } from '../sql/null-values.js';
import { decodeValue, dialects, encodeValue } from '../sql/sql-dialect.js';
import type { ChangeListener, ObservableTable } from '../table-changes.js';

const d = dialects.sqlite;

interface SqliteCondition extends CompiledCondition {
  readonly row: RowCondition;
  /** undefined: filter in JavaScript. */
  readonly sql: SqlCondition | undefined;
  readonly select: Database.Statement;
  readonly exists: Database.Statement | undefined;
  readonly remove: Database.Statement | undefined;
}

interface SqliteUpdateSet extends CompiledUpdateSet {
  readonly set: RowUpdateSet;
}

export class SqliteTable implements ObservableTable {
  readonly kind = 'table';
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
  /** How many `find`s were answered by SQL, and how many filtered in JavaScript (tests and plans). */
  readonly stats = { sql: 0, js: 0 };

  private readonly listeners: ChangeListener[] = [];
  private readonly insertStmt: Database.Statement;
  private readonly updateStmt: Database.Statement;
  private readonly deleteStmt: Database.Statement;
  private readonly countStmt: Database.Statement;
  private readonly allStmt: Database.Statement;
  private readonly columns: string;
  private readonly table: string;

  constructor(
    layout: TableLayout,
    private readonly db: Database.Database,
    tableName: string,
    private readonly logger: Logger,
    private readonly refuse?: NullCheck,
  ) {
    this.id = layout.id;
    this.attributes = layout.attributes;
    this.primaryKey = layout.primaryKey;
    this.indexes = layout.indexes;
    this.table = d.quote(tableName);
    this.columns = layout.attributes.map((a) => d.quote(a.name)).join(', ');
    const marks = layout.attributes.map(() => '?').join(', ');
    this.insertStmt = db.prepare(`INSERT INTO ${this.table} (${this.columns}) VALUES (${marks})`);
    this.updateStmt = db.prepare(
      `UPDATE ${this.table} SET ${layout.attributes.map((a) => `${d.quote(a.name)} = ?`).join(', ')} WHERE rowid = ?`,
    );
    this.deleteStmt = db.prepare(`DELETE FROM ${this.table} WHERE rowid = ?`);
    this.countStmt = db.prepare(`SELECT COUNT(*) FROM ${this.table}`).pluck();
    this.allStmt = db.prepare(`SELECT rowid, ${this.columns} FROM ${this.table} ORDER BY rowid`).raw();
  }

  get size(): number {
    return this.countStmt.get() as number;
  }

  onChange(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition {
    const row = compileRowCondition(this.attributes, on, cc, this);
    const sql = compileSqlCondition(this.attributes, on, cc, d);
    const where = sql ? ` WHERE ${sql.where}` : '';
    const c: SqliteCondition = {
      findable: this.id,
      plan: sql ? (row.plan === 'scan' || row.plan === 'all' ? `sql:${row.plan}` : row.plan) : 'scan',
      row,
      sql,
      select: this.db.prepare(`SELECT rowid, ${this.columns} FROM ${this.table}${where} ORDER BY rowid`).raw(),
      exists: sql ? this.db.prepare(`SELECT 1 FROM ${this.table}${where} LIMIT 1`).pluck() : undefined,
      remove: sql ? this.db.prepare(`DELETE FROM ${this.table}${where}`) : undefined,
    };
    return c;
  }

  compileUpdateSet(set: readonly SetAssignment[] | undefined, cc: ConditionContext): CompiledUpdateSet {
    const s: SqliteUpdateSet = { table: this.id, set: compileRowUpdateSet(this.attributes, set, cc, this.id) };
    return s;
  }

  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][] {
    return this.findWithIds(this.own(cond), input, ts).map((r) => r.slice(1));
  }

  contains(cond: CompiledCondition, input: unknown, ts: number): boolean {
    const c = this.own(cond);
    if (c.exists && c.sql) return c.exists.get(...c.sql.params.map((p) => p(input, ts))) !== undefined;
    return this.findWithIds(c, input, ts).length > 0;
  }

  all(): unknown[][] {
    return (this.allStmt.all() as unknown[][]).map((r) => this.decode(r).slice(1));
  }

  insert(rows: readonly unknown[][]): void {
    this.inTransaction(() => {
      for (const r of rows) this.add(r.slice(0, this.attributes.length));
    });
  }

  delete(cond: CompiledCondition, events: readonly TableInput[]): void {
    const c = this.own(cond);
    this.inTransaction(() => {
      for (const e of events) {
        if (c.remove && c.sql && this.listeners.length === 0) {
          c.remove.run(...c.sql.params.map((p) => p(e.input, e.ts)));
          continue;
        }
        for (const r of this.findWithIds(c, e.input, e.ts)) {
          this.deleteStmt.run(r[0]);
          this.emit(r.slice(1), undefined);
        }
      }
    });
  }

  update(cond: CompiledCondition, set: CompiledUpdateSet, events: readonly TableInput[]): void {
    const c = this.own(cond);
    const s = this.ownSet(set);
    this.inTransaction(() => {
      for (const e of events) this.updateRows(this.findWithIds(c, e.input, e.ts), s, e);
    });
  }

  updateOrInsert(
    cond: CompiledCondition,
    set: CompiledUpdateSet,
    events: readonly TableInput[],
    rowOf: (e: TableInput) => unknown[],
  ): void {
    const c = this.own(cond);
    const s = this.ownSet(set);
    this.inTransaction(() => {
      for (const e of events) {
        const found = this.findWithIds(c, e.input, e.ts);
        if (found.length === 0) this.add(rowOf(e).slice(0, this.attributes.length));
        else this.updateRows(found, s, e);
      }
    });
  }

  /** The database holds the state; a snapshot carries nothing for it (as Siddhi's record tables). */
  snapshot(): unknown {
    return null;
  }

  restore(): void {}

  /** Rows as [rowid, ...values], decoded. */
  private findWithIds(c: SqliteCondition, input: unknown, ts: number): unknown[][] {
    const args = c.sql ? c.sql.params.map((p) => p(input, ts)) : [];
    const rows = (c.select.all(...args) as unknown[][]).map((r) => this.decode(r));
    if (c.sql) {
      this.stats.sql++;
      return rows;
    }
    this.stats.js++;
    const test = c.row.test;
    return test ? rows.filter((r) => test(r.slice(1), input, ts)) : rows;
  }

  private decode(r: unknown[]): unknown[] {
    for (let i = 0; i < this.attributes.length; i++) r[i + 1] = decodeValue(r[i + 1], this.attributes[i]!.type);
    return r;
  }

  private encode(r: readonly unknown[]): unknown[] {
    return this.attributes.map((a, i) => encodeValue(r[i], a.type, d));
  }

  private add(r: unknown[]): void {
    const refused = this.refuse?.(r);
    if (refused) {
      this.logger.error(nullRefusal(this.id, r, refused), { table: this.id });
      return;
    }
    try {
      this.insertStmt.run(...this.encode(r));
      this.emit(undefined, r);
    } catch (e) {
      if (!isConstraint(e)) throw e;
      this.logger.error(
        `table '${this.id}': a row with primary key ${JSON.stringify(this.primaryKey.map((i) => r[i]))} exists; the new row ${JSON.stringify(r)} is dropped`,
        { table: this.id },
      );
    }
  }

  /**
   * Updates the rows one event matched. In a database an event's update is one UPDATE statement,
   * which changes all its rows or none: when one row would take a primary key another row holds,
   * none of the event's rows change (the error is logged), as Siddhi's tables and its RDBMS store do.
   */
  private updateRows(found: readonly unknown[][], s: RowUpdateSet, e: TableInput): void {
    if (found.length <= 1) {
      for (const r of found) this.assign(r, s, e);
      return;
    }
    const changes: (readonly unknown[])[][] = [];
    this.db.exec('SAVEPOINT event_update');
    let clash: unknown[] | undefined;
    try {
      for (const withId of found) {
        const before = withId.slice(1);
        const r = before.slice();
        s.assign(r, e.input, e.ts);
        clash = r;
        this.updateStmt.run(...this.encode(r), withId[0]);
        changes.push([before, r]);
      }
      this.db.exec('RELEASE event_update');
    } catch (err) {
      this.db.exec('ROLLBACK TO event_update');
      this.db.exec('RELEASE event_update');
      if (!isConstraint(err)) throw err;
      this.logger.error(
        `table '${this.id}': update failed, a row with primary key ${JSON.stringify(this.primaryKey.map((i) => clash![i]))} exists; no row is updated`,
        { table: this.id },
      );
      return;
    }
    for (const [before, after] of changes) this.emit(before, after);
  }

  private assign(withId: unknown[], s: RowUpdateSet, e: TableInput): void {
    const before = withId.slice(1);
    const r = before.slice();
    s.assign(r, e.input, e.ts);
    try {
      this.updateStmt.run(...this.encode(r), withId[0]);
      this.emit(before, r);
    } catch (err) {
      if (!isConstraint(err)) throw err;
      this.logger.error(
        `table '${this.id}': update to an existing primary key ${JSON.stringify(this.primaryKey.map((i) => r[i]))} dropped`,
        { table: this.id },
      );
    }
  }

  private emit(before: readonly unknown[] | undefined, after: readonly unknown[] | undefined): void {
    for (const l of this.listeners) l(before, after);
  }

  private inTransaction(f: () => void): void {
    if (this.db.inTransaction) f();
    else this.db.transaction(f)();
  }

  private own(cond: CompiledCondition): SqliteCondition {
    if (cond.findable !== this.id || !('select' in cond)) {
      throw new Error(`condition compiled for '${cond.findable}' used on table '${this.id}'`);
    }
    return cond as SqliteCondition;
  }

  private ownSet(set: CompiledUpdateSet): RowUpdateSet {
    if (set.table !== this.id || !('set' in set)) {
      throw new Error(`update set compiled for '${set.table}' used on table '${this.id}'`);
    }
    return (set as SqliteUpdateSet).set;
  }
}

function isConstraint(e: unknown): boolean {
  return typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');
}
