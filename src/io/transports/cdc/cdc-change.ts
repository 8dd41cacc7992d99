/**
 * One row change read from a database's change log (PostgreSQL logical replication, MariaDB binlog), the
 * keyvalue message it becomes, and the ordered confirmation of change-log positions once the app has
 * processed everything before them (at-least-once).
 */
export type Row = Record<string, unknown>;

export type Operation = 'insert' | 'update' | 'delete';

export interface RowChange {
  readonly operation: Operation;
  /** The table as named in `table.name`. */
  readonly table: string;
  /** Values before the change (update, delete): all columns, or only the key when the log holds no more. */
  readonly before?: Row;
  /** Values after the change (insert, update). */
  readonly after?: Row;
}

/** What the app made of one change: undefined when it was processed at once, else when it settles. */
export type ChangeHandler = (change: RowChange) => Promise<void> | undefined;

/**
 * The keyvalue message of a change, as Siddhi's cdc source shapes it in listening mode: after-values by
 * column name (insert, update), before-values as `before_<column>` (update, delete).
 */
export function changePayload(change: RowChange): Row {
  const out: Row = {};
  if (change.before) for (const [k, v] of Object.entries(change.before)) out[`before_${k}`] = v;
  if (change.after) for (const [k, v] of Object.entries(change.after)) out[k] = v;
  return out;
}

/** A value as a SiddhiQL value: timestamps as epoch milliseconds, 64-bit integers as numbers. */
export function siddhiValue(v: unknown): unknown {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/**
 * Confirms change-log positions in log order, each once every change delivered before it has settled.
 * A change the app abandoned (shutdown) stops all later confirmations: they are read again on restart.
 */
export class OrderedConfirmations {
  private waiting: Promise<void>[] = [];
  private chain: Promise<void> = Promise.resolve();
  private open = 0;
  private failed = false;

  /** A delivered change's settlement (none when it was processed synchronously). */
  add(settled: Promise<void> | undefined): void {
    if (settled) this.waiting.push(settled);
  }

  /** A transaction ended: `confirm` runs once it and every earlier one are fully processed. */
  commit(confirm: () => void): void {
    const wait = this.waiting;
    this.waiting = [];
    if (this.failed) return;
    if (wait.length === 0 && this.open === 0) {
      confirm();
      return;
    }
    this.open++;
    this.chain = this.chain
      .then(() => Promise.all(wait))
      .then(
        () => {
          this.open--;
          if (!this.failed) confirm();
        },
        () => {
          this.failed = true;
        },
      );
  }

  /** Nothing delivered is waiting for processing: the log may be confirmed up to where it was read. */
  get idle(): boolean {
    return !this.failed && this.open === 0 && this.waiting.length === 0;
  }
}

/** A database's change log for one table, read from the position the database or the options keep. */
export interface ChangeStream {
  /** Connects and starts reading; rejects when the log cannot be read (retried by the source). */
  open(): Promise<void>;
  /** Stops reading; positions confirmed later are not passed on. */
  close(): Promise<void>;
  /** Where the stream would continue from, for the logs (e.g. 'tributary-bin.000002:1534'). */
  readonly position: string | undefined;
}

/** What a change stream reports to the source that owns it. */
export interface ChangeListener {
  readonly change: ChangeHandler;
  /** The connection dropped or the server ended the stream after `open`. */
  lost(error: unknown): void;
  warn(message: string): void;
}
