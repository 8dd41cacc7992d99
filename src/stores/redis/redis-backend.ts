/**
 * The database side of a mirrored `@store(type='redis')` table. Each row is a Redis hash at
 * `<table.name>:<primary key>` (a composite key joins its values with ':'), one field per
 * attribute, values as text; a null attribute is an absent field. A table without a primary key
 * keys each row by an id generated when it is inserted (`<table.name>:<uuid>`), as Siddhi's Redis
 * store does. Loading scans `<table.name>:*`. Each batch of writes runs in one MULTI/EXEC transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AttributeType } from '../../lang/ast.js';
import type { TableLayout } from '../../engine/table/in-memory-table.js';
import type { StoreBackend, WriteOp } from '../mirrored-table.js';

export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly password: string | undefined;
  readonly database: number;
}

function makeClient(redis: typeof import('redis'), t: RedisTarget) {
  return redis.createClient({
    socket: { host: t.host, port: t.port, reconnectStrategy: false },
    ...(t.password !== undefined ? { password: t.password } : {}),
    database: t.database,
  });
}

type Client = ReturnType<typeof makeClient>;

export class RedisBackend implements StoreBackend {
  private client: Client | undefined;
  /** Without a primary key: the Redis keys of the rows, by the row's values (equal rows share an entry). */
  private readonly generated = new Map<string, string[]>();

  constructor(
    private readonly target: RedisTarget,
    private readonly layout: TableLayout,
    private readonly prefix: string,
    readonly description: string,
    readonly mask: (text: string) => string,
  ) {}

  async open(): Promise<unknown[][]> {
    const client = makeClient(await import('redis'), this.target);
    client.on('error', () => undefined);
    await client.connect();
    this.client = client;
    const { rows, adopt } = await this.readAll(client);
    adopt();
    return rows;
  }

  async reload(): Promise<{ rows: unknown[][]; adopt(): void }> {
    const client = this.client;
    if (!client) throw new Error('not connected');
    return this.readAll(client);
  }

  /** Every row; `adopt` makes the rows' Redis keys the ones writes use (rows without a primary key). */
  private async readAll(client: Client): Promise<{ rows: unknown[][]; adopt(): void }> {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${globEscape(this.prefix)}:*`, COUNT: 1000 })) {
      keys.push(...(Array.isArray(batch) ? batch : [batch]));
    }
    const hashes = await Promise.all(keys.map((k) => client.hGetAll(k)));
    const rows: unknown[][] = [];
    const rowKeys: string[] = [];
    hashes.forEach((h, i) => {
      if (Object.keys(h).length === 0) return;
      rows.push(this.layout.attributes.map((a) => decodeText(h[a.name], a.type)));
      rowKeys.push(keys[i]!);
    });
    const adopt = (): void => {
      if (this.layout.primaryKey.length > 0) return;
      this.generated.clear();
      rows.forEach((row, i) => void this.remember(row, rowKeys[i]!));
    };
    return { rows, adopt };
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('not connected');
    const m = client.multi();
    if (this.layout.primaryKey.length === 0) {
      const undo = this.writeGenerated(m, ops);
      try {
        await m.exec();
      } catch (e) {
        for (const u of undo.reverse()) u();
        throw e;
      }
      return;
    }
    for (const op of ops) {
      if (op.kind === 'insert') {
        m.hSet(this.keyOf(op.row), this.fields(op.row));
        continue;
      }
      const old = op.kind === 'update' ? op.before : op.row;
      m.del(this.keyOf(old));
      if (op.kind === 'update') m.hSet(this.keyOf(op.after), this.fields(op.after));
    }
    await m.exec();
  }

  /** Queues the writes of a table without a primary key; returns how to forget them if the transaction fails. */
  private writeGenerated(m: ReturnType<Client['multi']>, ops: readonly WriteOp[]): (() => void)[] {
    const undo: (() => void)[] = [];
    for (const op of ops) {
      if (op.kind === 'insert') {
        const key = `${this.prefix}:${randomUUID()}`;
        m.hSet(key, this.fields(op.row));
        undo.push(this.remember(op.row, key));
        continue;
      }
      const old = op.kind === 'update' ? op.before : op.row;
      const forgot = this.forget(old);
      if (forgot === undefined) continue; // not stored (already gone): nothing to change
      undo.push(forgot.undo);
      if (op.kind === 'delete') {
        m.del(forgot.key);
        continue;
      }
      // the row keeps its key: the fields of the new values replace the old ones
      m.del(forgot.key);
      m.hSet(forgot.key, this.fields(op.after));
      undo.push(this.remember(op.after, forgot.key));
    }
    return undo;
  }

  private remember(row: readonly unknown[], key: string): () => void {
    const sig = signature(row);
    const keys = this.generated.get(sig) ?? [];
    keys.push(key);
    this.generated.set(sig, keys);
    return () => {
      const i = keys.lastIndexOf(key);
      if (i >= 0) keys.splice(i, 1);
      if (keys.length === 0) this.generated.delete(sig);
    };
  }

  private forget(row: readonly unknown[]): { key: string; undo: () => void } | undefined {
    const sig = signature(row);
    const keys = this.generated.get(sig);
    const key = keys?.pop();
    if (keys === undefined || key === undefined) return undefined;
    if (keys.length === 0) this.generated.delete(sig);
    return { key, undo: () => void this.remember(row, key) };
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c?.isOpen) await c.quit();
  }

  private keyOf(r: readonly unknown[]): string {
    return `${this.prefix}:${this.layout.primaryKey.map((i) => String(r[i]).replace(/[\\:]/g, '\\$&')).join(':')}`;
  }

  private fields(r: readonly unknown[]): Record<string, string> {
    const f: Record<string, string> = {};
    this.layout.attributes.forEach((a, i) => {
      const v = r[i];
      if (v !== null && v !== undefined) f[a.name] = a.type === 'object' ? JSON.stringify(v) : String(v);
    });
    return f;
  }
}

/** Equal rows (as stored: text per attribute, null absent) give equal signatures. */
function signature(row: readonly unknown[]): string {
  return JSON.stringify(row.map((v) => (v === null || v === undefined ? null : typeof v === 'object' ? v : String(v))));
}

function globEscape(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}

function decodeText(v: string | undefined, type: AttributeType): unknown {
  if (v === undefined) return null;
  switch (type) {
    case 'string':
      return v;
    case 'bool':
      return v === 'true';
    case 'float':
      return Math.fround(Number(v));
    case 'object':
      return JSON.parse(v) as unknown;
    default:
      return Number(v);
  }
}
