/**
 * `@source(type='cdc', mode='listening', url=..., table.name=...)`: change data capture from the database's
 * change log, PostgreSQL logical replication (pgoutput) or the MariaDB/MySQL row binlog. Each row change is
 * one keyvalue message (after-values by column, before-values as `before_<column>`) with transport
 * properties `operation` and `table`. Positions are confirmed only once the app processed the change; a lost
 * connection is reported to the framework, which reconnects with backoff, and reading continues from the last
 * confirmed position (PostgreSQL: the slot; MariaDB: the last processed transaction).
 */
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage, redact } from '../shared/mask-url.js';
import { changePayload, type ChangeListener, type ChangeStream, type Operation, type RowChange } from './cdc-change.js';
import { dialectOf, nativeUrl, type Dialect } from './cdc-url.js';
import { MariaDbBinlogStream, type BinlogPosition } from './mariadb-binlog-stream.js';
import { PgLogicalStream } from './pg-logical-stream.js';

const OPERATIONS: readonly Operation[] = ['insert', 'update', 'delete'];

/** A PostgreSQL object name from parts of the app text: lower case letters, digits and underscores, <= 63. */
function pgName(...parts: string[]): string {
  return parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 63);
}

export class CdcListeningSource implements Source {
  private stream: ChangeStream | undefined;
  private readonly dialect: Dialect;
  private readonly table: string;
  private readonly only: Operation | undefined;
  private readonly serverId: number;
  /** MariaDB: where the next stream starts (the options' position, then the last processed transaction). */
  private resumeAt: BinlogPosition | undefined;
  /** Bumped by a restore: checkpoints of streams opened before it no longer move `resumeAt`. */
  private generation = 0;

  constructor(private readonly ctx: SourceContext) {
    const o = ctx.options;
    this.dialect = dialectOf(o.getOr('url', ''));
    this.table = o.getOr('table.name', '');
    const op = o.get('operation')?.trim().toLowerCase();
    if (op !== undefined && !OPERATIONS.includes(op as Operation))
      throw new Error(`cdc operation '${op}' is not one of 'insert', 'update', 'delete'`);
    this.only = op as Operation | undefined;
    const id = o.get('database.server.id');
    this.serverId = id === undefined ? 5400 + Math.floor(Math.random() * 1001) : Number(id);
    if (!Number.isInteger(this.serverId) || this.serverId < 1 || this.serverId > 4294967295)
      throw new Error(`cdc database.server.id '${id}' is not a whole number from 1 to 4294967295`);
    const file = o.get('binlog.file');
    if (file !== undefined) this.resumeAt = { file, position: o.number('binlog.position', 4) };
    // MariaDB/MySQL: the binlog position of the last processed transaction rides in the app's snapshots, so a
    // restored app reads on from there (PostgreSQL keeps its position in the replication slot).
    if (this.dialect !== 'postgres') {
      ctx.keepState({
        snapshot: () => (this.resumeAt ? { file: this.resumeAt.file, position: this.resumeAt.position } : null),
        restore: (state) => this.restorePosition(state),
      });
    }
  }

  private restorePosition(state: unknown): void {
    if (state === null) return;
    const s = state as Partial<BinlogPosition> | undefined;
    if (typeof s?.file !== 'string' || typeof s.position !== 'number') {
      throw new Error(`cdc on '${this.table}': the restored binlog position is not {file, position}`);
    }
    this.resumeAt = { file: s.file, position: s.position };
    this.generation++;
    this.ctx.logger.info(`cdc on '${this.table}' restored; reads on from ${s.file}:${s.position}`);
    // restored into a running app: read again from the restored position
    if (this.stream !== undefined) this.ctx.connectionLost(new Error('the app state was restored'));
  }

  get endpoint(): string {
    return `${maskUrl(this.ctx.options.getOr('url', ''))}#${this.table}`;
  }

  /** Errors as users see them: URLs masked, the password removed. */
  private masked(e: unknown): string {
    return redact(maskedMessage(e), [this.ctx.options.get('password')]);
  }

  async connect(): Promise<void> {
    const stream = this.newStream();
    this.stream = stream;
    try {
      await stream.open();
    } catch (e) {
      this.stream = undefined;
      await stream.close().catch(() => undefined);
      throw new ConnectionUnavailableError(`cdc on '${this.table}' at ${this.endpoint}: ${this.masked(e)}`);
    }
  }

  private newStream(): ChangeStream {
    const o = this.ctx.options;
    const url = nativeUrl(o.getOr('url', ''), o.get('username'), o.get('password'));
    let stream: ChangeStream | undefined;
    let lost = false;
    const listener: ChangeListener = {
      change: (c) => this.deliver(c),
      lost: (e) => {
        // a drop often shows twice (the socket's error, then the stream's end): one reconnect
        if (lost || this.stream !== stream) return;
        lost = true;
        this.ctx.connectionLost(new Error(`cdc on '${this.table}': ${this.masked(e)}`));
      },
      warn: (m) => this.ctx.logger.warn(`cdc on '${this.table}': ${m}`),
    };
    if (this.dialect === 'postgres') {
      const table = this.table.includes('.') ? this.table.slice(this.table.indexOf('.') + 1) : this.table;
      stream = new PgLogicalStream(
        {
          connectionString: url.toString(),
          table: this.table,
          slot: o.get('slot.name') ?? pgName('tributary', this.ctx.appName, table),
          publication: o.get('publication.name') ?? pgName('tributary', table),
          create: o.bool('create.if.missing', true),
        },
        listener,
      );
    } else {
      const generation = this.generation;
      stream = new MariaDbBinlogStream(
        {
          url,
          table: this.table,
          serverId: this.serverId,
          start: this.resumeAt,
          checkpoint: (at) => {
            if (generation === this.generation) this.resumeAt = at;
          },
        },
        listener,
      );
    }
    return stream;
  }

  private deliver(change: RowChange): Promise<void> | undefined {
    if (this.only !== undefined && change.operation !== this.only) return undefined;
    const payload = changePayload(change);
    try {
      return this.ctx.deliver(
        payload,
        new Map<string, unknown>([
          ['operation', change.operation],
          ['table', this.table],
        ]),
      ).settled;
    } catch (e) {
      this.ctx.reportError(`processing a change of '${this.table}' failed: ${errorMessage(e)}`, payload);
      return undefined;
    }
  }

  async disconnect(): Promise<void> {
    const stream = this.stream;
    this.stream = undefined;
    if (!stream) return;
    await stream.close();
    const at = stream.position;
    if (at !== undefined) this.ctx.logger.info(`cdc on '${this.table}' stopped; processed up to ${at}`);
  }
}
