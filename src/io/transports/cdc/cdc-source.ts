/**
 * `@source(type='cdc', mode='polling', url=..., table.name=..., polling.column=...)`: change data capture by
 * polling. Every `polling.interval` seconds it reads the rows whose `polling.column` (an increasing id or a
 * last-modified timestamp) is past the last one seen, in order, and sends each as a keyvalue message
 * (column name → value) with transport properties `operation` ('insert', or 'update' when `primary.key` is
 * set and the row's key was seen before) and `table`. Deletes are invisible to polling.
 */
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  errorMessage,
  type Source,
  type SourceContext,
  type SourceFactory,
} from '../../framework/transport.js';
import { maskUrl, maskedMessage } from '../shared/mask-url.js';
import { dialectOf, openDatabase, type CdcDatabase } from './cdc-database.js';

const spec: ExtensionSpec = {
  kind: 'source',
  namespace: '',
  name: 'cdc',
  description:
    "Captures row changes of a PostgreSQL or MariaDB/MySQL table. mode='polling' reads the rows past the last seen value of `polling.column` (an increasing id or last-modified timestamp) every `polling.interval` seconds; use `@map(type='keyvalue')` (keys are column names; `trp:operation` gives the change type).",
  parameters: [],
  options: [
    {
      name: 'url',
      type: ['string'],
      optional: false,
      description:
        'jdbc:postgresql://host:5432/db, jdbc:mysql://host:3306/db or jdbc:mariadb://... (never logged unmasked).',
    },
    {
      name: 'mode',
      type: ['string'],
      optional: true,
      defaultValue: 'polling',
      description: "'polling' (the only mode implemented).",
    },
    { name: 'username', type: ['string'], optional: true, description: 'Database user.' },
    { name: 'password', type: ['string'], optional: true, description: 'Database password (never logged).' },
    { name: 'table.name', type: ['string'], optional: false, description: 'The table to watch.' },
    {
      name: 'polling.column',
      type: ['string'],
      optional: true,
      description: 'Increasing id or last-modified timestamp column (polling mode).',
    },
    {
      name: 'polling.interval',
      type: ['double'],
      optional: true,
      defaultValue: '1',
      description: 'Seconds between polls.',
    },
    {
      name: 'primary.key',
      type: ['string'],
      optional: true,
      description: "Key column: a row whose key was seen before is an 'update'.",
    },
    {
      name: 'polling.batch.size',
      type: ['int'],
      optional: true,
      defaultValue: '1000',
      description: 'Rows read per query.',
    },
  ],
  examples: [
    {
      syntax:
        "@source(type='cdc', mode='polling', url='jdbc:postgresql://localhost:5432/shop', username='cdc', password='***', table.name='orders', polling.column='updated_at', primary.key='id', polling.interval='1',\n  @map(type='keyvalue', @attributes(id='id', amount='amount', op='trp:operation')))\ndefine stream OrderChanges (id long, amount double, op string);",
      description: 'Streams new and updated orders once a second, with the change type.',
    },
  ],
};

class CdcPollingSource implements Source {
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
    const mode = o.getOr('mode', 'polling').toLowerCase();
    if (mode !== 'polling') throw new Error(`cdc mode '${mode}' is not supported yet; use mode='polling'`);
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

export const cdcSource: SourceFactory = { spec, create: (ctx) => new CdcPollingSource(ctx) };
