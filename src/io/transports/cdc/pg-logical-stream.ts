/**
 * PostgreSQL's change log through logical replication with the built-in `pgoutput` plugin: a publication on
 * the table and a replication slot (both created when missing unless told not to). The slot keeps the
 * position on the server: it is confirmed only once the app processed a transaction's changes, so a
 * restarted source continues where the last one was confirmed (at-least-once).
 */
import type { LogicalReplicationService, Pgoutput } from 'pg-logical-replication';
import { ident } from './cdc-url.js';
import { OrderedConfirmations, siddhiValue, type ChangeListener, type ChangeStream, type Row } from './cdc-change.js';

export interface PgStreamConfig {
  /** postgres:// URL with credentials (never logged). */
  readonly connectionString: string;
  /** `table.name` as written ('orders' or 'shop.orders'). */
  readonly table: string;
  readonly slot: string;
  readonly publication: string;
  /** Create the publication and the slot when missing. */
  readonly create: boolean;
}

/** '16/B374D848' as a number for ordering (LSNs are 64-bit; BigInt keeps them exact). */
function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi ?? '0'}`) << 32n) | BigInt(`0x${lo ?? '0'}`);
}

function lsnText(v: bigint): string {
  return `${(v >> 32n).toString(16).toUpperCase()}/${(v & 0xffffffffn).toString(16).toUpperCase()}`;
}

/**
 * The library's acknowledge(lsn) reports lsn + 1 as written, flushed and applied; the server wants the exact
 * position (a walsender shutting down waits until the reported flush equals what it sent), so it is given
 * the position before.
 */
function acknowledgeArg(lsn: string): string {
  const v = lsnValue(lsn);
  return lsnText(v > 0n ? v - 1n : 0n);
}

const INT8 = 20;
const NUMERIC = 1700;

/** A pgoutput tuple as SiddhiQL values: int8 and numeric (text in pg) as numbers, timestamps as epoch ms. */
function tupleRow(tuple: Record<string, unknown>, relation: Pgoutput.MessageRelation): Row {
  const row: Row = {};
  for (const c of relation.columns) {
    if (!(c.name in tuple)) continue;
    const v = tuple[c.name];
    if (v === undefined) continue; // a non-key column of a key-only tuple
    row[c.name] = (c.typeOid === INT8 || c.typeOid === NUMERIC) && typeof v === 'string' ? Number(v) : siddhiValue(v);
  }
  return row;
}

export class PgLogicalStream implements ChangeStream {
  private service: LogicalReplicationService | undefined;
  private readonly schema: string;
  private readonly name: string;
  private readonly confirmations = new OrderedConfirmations();
  private inTransaction = false;
  private confirmed: string | undefined;
  private closed = false;
  private warnedIdentity = false;

  constructor(
    private readonly cfg: PgStreamConfig,
    private readonly listener: ChangeListener,
  ) {
    const dot = cfg.table.indexOf('.');
    this.schema = dot < 0 ? 'public' : cfg.table.slice(0, dot);
    this.name = dot < 0 ? cfg.table : cfg.table.slice(dot + 1);
  }

  get position(): string | undefined {
    return this.confirmed === undefined ? undefined : `slot '${this.cfg.slot}' at ${this.confirmed}`;
  }

  async open(): Promise<void> {
    await this.prepare();
    const { LogicalReplicationService, PgoutputPlugin } = await import('pg-logical-replication');
    const service = new LogicalReplicationService(
      { connectionString: this.cfg.connectionString },
      // positions are confirmed here, after processing, never by the library on receipt
      { acknowledge: { auto: false, timeoutSeconds: 0 } },
    );
    this.service = service;
    service.on('data', (_lsn: string, msg: Pgoutput.Message) => this.onMessage(msg));
    service.on('heartbeat', (lsn: string, _t: number, reply: boolean) => this.onHeartbeat(lsn, reply));
    service.on('error', (e: Error) => {
      if (!this.closed) this.listener.lost(e);
    });
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [this.cfg.publication] });
    await new Promise<void>((resolve, reject) => {
      let started = false;
      service.once('start', () => {
        started = true;
        resolve();
      });
      service.subscribe(plugin, this.cfg.slot).then(
        () => {
          if (!started) reject(new Error('the server ended replication before it started'));
          else if (!this.closed) this.listener.lost(new Error('the server ended the replication stream'));
        },
        (e: unknown) => {
          if (!started) reject(e instanceof Error ? e : new Error(String(e)));
          else if (!this.closed) this.listener.lost(e);
        },
      );
    });
  }

  /** Checks wal_level and the table; creates the publication and the slot when missing (and allowed). */
  private async prepare(): Promise<void> {
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: this.cfg.connectionString });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const wal = (await admin.query<{ wal_level: string }>('SHOW wal_level')).rows[0]?.wal_level;
      if (wal !== 'logical')
        throw new Error(
          `PostgreSQL runs with wal_level=${wal ?? '?'}; listening needs wal_level=logical (ALTER SYSTEM SET wal_level = logical, then restart the server)`,
        );
      const t = await admin.query<{ relreplident: string }>(
        'SELECT c.relreplident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
        [this.schema, this.name],
      );
      const identity = t.rows[0]?.relreplident;
      if (identity === undefined) throw new Error(`table '${this.cfg.table}' does not exist`);
      if (identity !== 'f' && !this.warnedIdentity) {
        this.warnedIdentity = true;
        this.listener.warn(
          `table '${this.cfg.table}' has no REPLICA IDENTITY FULL: updates carry no before_ values and deletes only the key's; run ALTER TABLE ${this.cfg.table} REPLICA IDENTITY FULL for all of them`,
        );
      }
      const pub = await admin.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [this.cfg.publication]);
      if (pub.rowCount === 0) {
        if (!this.cfg.create)
          throw new Error(`publication '${this.cfg.publication}' does not exist (create.if.missing='false')`);
        await admin.query(
          `CREATE PUBLICATION ${ident(this.cfg.publication, '"')} FOR TABLE ${ident(this.schema, '"')}.${ident(this.name, '"')}`,
        );
      }
      const slot = await admin.query<{ plugin: string; confirmed: string | null }>(
        'SELECT plugin, confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots WHERE slot_name = $1',
        [this.cfg.slot],
      );
      const found = slot.rows[0];
      if (found === undefined) {
        if (!this.cfg.create)
          throw new Error(`replication slot '${this.cfg.slot}' does not exist (create.if.missing='false')`);
        const made = await admin.query<{ lsn: string }>(
          "SELECT lsn::text AS lsn FROM pg_create_logical_replication_slot($1, 'pgoutput')",
          [this.cfg.slot],
        );
        this.confirmed = made.rows[0]?.lsn;
      } else {
        if (found.plugin !== 'pgoutput')
          throw new Error(`replication slot '${this.cfg.slot}' uses plugin '${found.plugin}', not pgoutput`);
        this.confirmed = found.confirmed ?? undefined;
      }
    } finally {
      await admin.end().catch(() => undefined);
    }
  }

  private onMessage(msg: Pgoutput.Message): void {
    switch (msg.tag) {
      case 'begin':
        this.inTransaction = true;
        return;
      case 'commit': {
        this.inTransaction = false;
        const lsn = msg.commitEndLsn;
        if (lsn) this.confirmations.commit(() => this.confirm(lsn));
        return;
      }
      case 'insert':
      case 'update':
      case 'delete':
        break;
      default:
        return;
    }
    const rel = msg.relation;
    if (rel.schema !== this.schema || rel.name !== this.name) return; // another table of the publication
    const before = msg.tag === 'insert' ? null : (msg.old ?? msg.key);
    const after = msg.tag === 'delete' ? null : msg.new;
    this.confirmations.add(
      this.listener.change({
        operation: msg.tag,
        table: this.cfg.table,
        ...(before ? { before: tupleRow(before, rel) } : {}),
        ...(after ? { after: tupleRow(after, rel) } : {}),
      }),
    );
  }

  /** Tells the server the slot may move to `lsn` (only forward). */
  private confirm(lsn: string): void {
    if (this.closed) return;
    if (this.confirmed !== undefined && lsnValue(lsn) <= lsnValue(this.confirmed)) return;
    this.confirmed = lsn;
    void this.service?.acknowledge(acknowledgeArg(lsn)).catch(() => undefined);
  }

  /**
   * A keepalive carries the server's position: with every change read so far processed and no transaction
   * open, the slot moves there (so it holds no WAL for other tables' traffic); a keepalive asking for a
   * reply gets the confirmed position.
   */
  private onHeartbeat(lsn: string, reply: boolean): void {
    if (this.closed) return;
    if (!this.inTransaction && this.confirmations.idle) this.confirm(lsn);
    if (reply && this.confirmed !== undefined)
      void this.service?.acknowledge(acknowledgeArg(this.confirmed)).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const s = this.service;
    this.service = undefined;
    if (s) await s.destroy().catch(() => undefined);
  }
}
