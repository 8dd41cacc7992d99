/**
 * `@source(type='cdc', mode='polling', url=..., table.name=..., polling.column=...)`: change data capture by
 * polling. Every `polling.interval` seconds it reads the rows whose `polling.column` (an increasing id or a
 * last-modified timestamp) is past the last one seen, in order, and sends each as a keyvalue message
 * (column name → value) with transport properties `operation` ('insert', or 'update' when `primary.key` is
 * set and the row's key was seen before) and `table`. Deletes are invisible to polling.
 */
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage } from '../shared/mask-url.js';
import { dialectOf, openDatabase, type CdcDatabase } from './cdc-database.js';

export class CdcPollingSource implements Source {
  private db: CdcDatabase | undefined;
  private timer: NodeJS.Timeout | undefined;
  private last: string | undefined;
  private readonly seenKeys = new Set<string>();
  private paused = false;
  private stopped = true;
  private polling: Promise<void> | undefined;
  private readonly table: string;
  private readonly column: string;

  constructor(private readonly ctx: SourceContext) {
    const o = ctx.options;
    dialectOf(o.getOr('url', ''));
    this.table = o.getOr('table.name', '');
    const column = o.get('polling.column');
    if (!column) throw new Error("cdc mode='polling' needs polling.column='<id or timestamp column>'");
    this.column = column;
  }

  get endpoint(): string {
    return `${maskUrl(this.ctx.options.getOr('url', ''))}#${this.table}`;
  }

  async connect(): Promise<void> {
    const o = this.ctx.options;
    this.db = await openDatabase(o.getOr('url', ''), o.get('username'), o.get('password'));
    this.stopped = false;
    // the first poll runs inside connect: a missing table fails here (and is retried)
    try {
      await this.poll();
    } catch (e) {
      await this.db.close().catch(() => undefined);
      this.db = undefined;
      this.stopped = true;
      throw new ConnectionUnavailableError(`cdc on '${this.table}': ${maskedMessage(e)}`);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const ms = Math.max(10, this.ctx.options.number('polling.interval', 1) * 1000);
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((e: unknown) => this.ctx.reportError(`cdc poll of '${this.table}' failed: ${maskedMessage(e)}`))
        .finally(() => {
          this.polling = undefined;
          this.schedule();
        });
    }, ms);
  }

  private async poll(): Promise<void> {
    const db = this.db;
    if (!db || this.paused) return;
    const batch = this.ctx.options.number('polling.batch.size', 1000);
    const key = this.ctx.options.get('primary.key');
    for (;;) {
      const rows = await db.rowsAfter(this.table, this.column, this.last, batch);
      for (const { row, position } of rows) {
        if (this.stopped || this.paused) return;
        let operation = 'insert';
        if (key !== undefined) {
          const k = String(row[key]);
          if (this.seenKeys.has(k)) operation = 'update';
          else this.seenKeys.add(k);
        }
        try {
          this.ctx.deliver(
            row,
            new Map<string, unknown>([
              ['operation', operation],
              ['table', this.table],
            ]),
          );
        } catch (e) {
          this.ctx.reportError(`processing a change of '${this.table}' failed: ${errorMessage(e)}`, row);
        }
        this.last = position;
      }
      if (rows.length < batch) return;
    }
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async disconnect(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.polling?.catch(() => undefined);
    const db = this.db;
    this.db = undefined;
    if (db) await db.close().catch(() => undefined);
  }
}
