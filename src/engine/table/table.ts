/**
 * The contract every table implements (in-memory now; SQLite, PostgreSQL, MariaDB and Redis stores
 * later), and the `Findable` contract that tables and named windows share: joins and on-demand
 * queries compile an `on` condition once against the findable, then probe it per event.
 *
 * Conditions and update sets are compiled by the findable itself (a store translates them to its
 * query language; the in-memory table generates JavaScript and picks an index), so callers only
 * hold the opaque `CompiledCondition` / `CompiledUpdateSet` they got back.
 */
import type { Expression, SetAssignment } from '../../lang/ast.js';
import type { CallResolver } from '../../plan/expression/compile.js';
import type { Scope } from '../../plan/expression/scope.js';
import type { Attribute, Stateful } from '../app/app-context.js';

/** How to compile a condition that relates rows of the findable to an incoming event. */
export interface ConditionContext {
  /** Names the findable can be referred to by in the condition: its id, and its alias when written. */
  readonly names: readonly string[];
  /**
   * The scope of the incoming event (the stream side of a join, a query's output for table outputs,
   * nothing for on-demand queries). Its code reads the generated function's `params`.
   */
  readonly outer: Scope;
  /** The parameters the outer scope's code reads, in the order `find(cond, input, ts)` binds them: default `['d', 'ts']`. */
  readonly params?: readonly [string, string];
  /**
   * Unqualified attribute names resolve to the event first (Siddhi's rule for table outputs and
   * joins); set this for on-demand queries, where they name the findable's attributes.
   */
  readonly unqualifiedToRow?: boolean;
  readonly resolver: CallResolver;
}

/** An `on` condition compiled by (and only usable with) the findable that compiled it. */
export interface CompiledCondition {
  readonly findable: string;
  /** How rows are found, for tests and plans: 'all' (no condition), 'scan', 'primaryKey', 'index:<attr>'. */
  readonly plan: string;
}

/** `set T.a = expr, ...` (or every attribute by name when no `set` is written), compiled by the table. */
export interface CompiledUpdateSet {
  readonly table: string;
}

/** Something rows can be found in: a table or a named window. Rows are owned by it: never mutate them. */
export interface Findable {
  readonly id: string;
  readonly attributes: readonly Attribute[];
  /** Compiles `on` (undefined: every row matches). Throws `CompileError` naming what is wrong. */
  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition;
  /** The rows matching the condition for one event (`input` binds `params[0]`, `ts` binds `params[1]`). */
  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][];
  /** Whether some row matches (the `in` operator). */
  contains(cond: CompiledCondition, input: unknown, ts: number): boolean;
  /** Every row, in storage order. */
  all(): unknown[][];
}

/** One incoming event for a table write: its data (or join state, per `ConditionContext.params`) and timestamp. */
export interface TableInput {
  readonly input: unknown;
  readonly ts: number;
}

export interface Table extends Findable, Stateful {
  readonly kind: 'table';
  /** Positions of the `@PrimaryKey` attributes (empty: none). */
  readonly primaryKey: readonly number[];
  /** Positions of the `@Index` attributes. */
  readonly indexes: readonly number[];
  /** Compiles the `set` of an update; undefined `set` assigns every table attribute from the event attribute of the same name. */
  compileUpdateSet(set: readonly SetAssignment[] | undefined, cc: ConditionContext): CompiledUpdateSet;
  /** Inserts rows (table layout). A row whose primary key exists is not inserted: the error is logged. */
  insert(rows: readonly unknown[][]): void;
  /** Deletes, for each event in order, the rows matching the condition. */
  delete(cond: CompiledCondition, events: readonly TableInput[]): void;
  /** Updates, for each event in order, the rows matching the condition. */
  update(cond: CompiledCondition, set: CompiledUpdateSet, events: readonly TableInput[]): void;
  /** Like `update`, but an event that matches no row inserts `rowOf(event)` instead. */
  updateOrInsert(
    cond: CompiledCondition,
    set: CompiledUpdateSet,
    events: readonly TableInput[],
    rowOf: (e: TableInput) => unknown[],
  ): void;
  readonly size: number;
}
