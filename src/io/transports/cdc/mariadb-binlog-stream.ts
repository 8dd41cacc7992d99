/**
 * MariaDB's (and MySQL's) change log through the row binlog, read as a replica does (@vlasky/zongji).
 * It starts at the binlog's end, at a given file and position, or (after a lost connection) at the last
 * transaction the app fully processed. Needs log_bin, binlog_format=ROW and a user with REPLICATION SLAVE,
 * REPLICATION CLIENT and SELECT.
 */
import type ZongJi from '@vlasky/zongji';
import type { AnyBinlogEvent, BinlogEventByName, BinlogEventName, RowData, RowsEvent } from '@vlasky/zongji';
import type { RowDataPacket } from 'mysql2/promise';
import { siddhiValue, OrderedConfirmations, type ChangeListener, type ChangeStream, type Row } from './cdc-change.js';

export interface BinlogPosition {
  readonly file: string;
  readonly position: number;
}

export interface BinlogStreamConfig {
  /** mysql:// URL with credentials (never logged). */
  readonly url: URL;
  /** `table.name` as written ('orders' or 'shop.orders'). */
  readonly table: string;
  /** The replica id this reader announces (unique among the server's replicas). */
  readonly serverId: number;
  /** Where to start; undefined: the binlog's current end. */
  readonly start: BinlogPosition | undefined;
  /** A transaction fully processed: where a new stream would continue. */
  readonly checkpoint: (at: BinlogPosition) => void;
}

function is<N extends BinlogEventName>(e: AnyBinlogEvent, name: N): e is BinlogEventByName<N> {
  return e.getEventName() === name;
}

function siddhiRow(data: RowData): Row {
  const row: Row = {};
  for (const [k, v] of Object.entries(data)) row[k] = siddhiValue(v);
  return row;
}

export class MariaDbBinlogStream implements ChangeStream {
  private zongji: ZongJi | undefined;
  private readonly database: string;
  private readonly name: string;
  private readonly confirmations = new OrderedConfirmations();
  private last: BinlogPosition | undefined;
  private closed = false;

  constructor(
    private readonly cfg: BinlogStreamConfig,
    private readonly listener: ChangeListener,
  ) {
    const dot = cfg.table.indexOf('.');
    this.database = dot < 0 ? decodeURIComponent(cfg.url.pathname.replace(/^\//, '')) : cfg.table.slice(0, dot);
    this.name = dot < 0 ? cfg.table : cfg.table.slice(dot + 1);
    if (!this.database) throw new Error(`table.name '${cfg.table}' names no database and the url has none`);
    this.last = cfg.start;
  }

  get position(): string | undefined {
    return this.last ? `${this.last.file}:${this.last.position}` : undefined;
  }

  private connectionOptions(): {
    host: string;
    port: number;
    user: string;
    password: string;
    database: string;
    decimalNumbers: boolean;
    supportBigNumbers: boolean;
  } {
    const u = this.cfg.url;
    return {
      host: u.hostname || '127.0.0.1',
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: this.database,
      decimalNumbers: true,
      supportBigNumbers: true,
    };
  }

  async open(): Promise<void> {
    await this.check();
    const { default: ZongJiReader } = await import('@vlasky/zongji');
    const z = new ZongJiReader(this.connectionOptions());
    this.zongji = z;
    z.on('binlog', (e: AnyBinlogEvent) => this.onEvent(z, e));
    await new Promise<void>((resolve, reject) => {
      let ready = false;
      z.on('ready', () => {
        ready = true;
        // read from the binlog's end: a stream that replaces this one (lost connection) starts here
        const file = z.options.filename;
        const position = z.options.position;
        if (this.last === undefined && file !== undefined && position !== undefined) {
          this.last = { file, position };
          this.cfg.checkpoint(this.last);
        }
        resolve();
      });
      z.on('error', (e: Error) => {
        if (!ready) reject(e);
        else if (!this.closed) this.listener.lost(e);
      });
      const start = this.last;
      z.start({
        serverId: this.cfg.serverId,
        ...(start ? { filename: start.file, position: start.position } : { startAtEnd: true }),
        includeEvents: ['tablemap', 'writerows', 'updaterows', 'deleterows', 'xid', 'query'],
        includeSchema: { [this.database]: [this.name] },
      });
    });
  }

  /** The binlog settings and the table, checked up front so a wrong setup fails with a plain message. */
  private async check(): Promise<void> {
    const { createConnection } = await import('mysql2/promise');
    const c = await createConnection(this.connectionOptions());
    c.on('error', () => undefined);
    try {
      const [vars] = await c.query<({ log_bin: number | string; binlog_format: string } & RowDataPacket)[]>(
        'SELECT @@log_bin AS log_bin, @@binlog_format AS binlog_format',
      );
      const v = vars[0];
      if (!v || Number(v.log_bin) !== 1)
        throw new Error('the server writes no binlog; listening needs log_bin and binlog_format=ROW in its config');
      if (String(v.binlog_format).toUpperCase() !== 'ROW')
        throw new Error(`the server's binlog_format is ${v.binlog_format}; listening needs binlog_format=ROW`);
      const [t] = await c.query<RowDataPacket[]>(
        'SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?',
        [this.database, this.name],
      );
      if (t.length === 0) throw new Error(`table '${this.database}.${this.name}' does not exist`);
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private onEvent(z: ZongJi, e: AnyBinlogEvent): void {
    if (this.closed) return;
    if (is(e, 'writerows')) {
      if (this.ours(e)) for (const r of e.rows) this.emit({ operation: 'insert', after: siddhiRow(r) });
      return;
    }
    if (is(e, 'updaterows')) {
      if (this.ours(e))
        for (const r of e.rows)
          this.emit({ operation: 'update', before: siddhiRow(r.before), after: siddhiRow(r.after) });
      return;
    }
    if (is(e, 'deleterows')) {
      if (this.ours(e)) for (const r of e.rows) this.emit({ operation: 'delete', before: siddhiRow(r) });
      return;
    }
    // a transaction's end (a non-transactional table's statement ends with a COMMIT query; BEGIN and DDL do not)
    if (!is(e, 'xid') && !(is(e, 'query') && e.query.trim().toUpperCase() === 'COMMIT')) return;
    const file = z.options.filename;
    const position = z.options.position;
    if (file === undefined || position === undefined) return;
    const at = { file, position };
    this.confirmations.commit(() => {
      if (this.closed) return;
      this.last = at;
      this.cfg.checkpoint(at);
    });
  }

  private ours(e: RowsEvent): boolean {
    const t = e.tableMap[e.tableId];
    return t !== undefined && t.tableName === this.name && t.parentSchema === this.database;
  }

  private emit(change: { operation: 'insert' | 'update' | 'delete'; before?: Row; after?: Row }): void {
    this.confirmations.add(this.listener.change({ ...change, table: this.cfg.table }));
  }

  close(): Promise<void> {
    this.closed = true;
    const z = this.zongji;
    this.zongji = undefined;
    if (!z) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = setTimeout(resolve, 2000);
      z.once('stopped', () => {
        clearTimeout(done);
        resolve();
      });
      z.on('error', () => undefined);
      z.stop();
    });
  }
}
