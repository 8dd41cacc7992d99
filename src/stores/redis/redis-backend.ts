/**
 * The database side of a mirrored `@store(type='redis')` table. Each row is a Redis hash at
 * `<table.name>:<primary key>` (a composite key joins its values with ':'), one field per
 * attribute, values as text; a null attribute is an absent field. Loading scans
 * `<table.name>:*`. Each batch of writes runs in one MULTI/EXEC transaction.
 */
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
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${globEscape(this.prefix)}:*`, COUNT: 1000 })) {
      keys.push(...(Array.isArray(batch) ? batch : [batch]));
    }
    const hashes = await Promise.all(keys.map((k) => client.hGetAll(k)));
    return hashes
      .filter((h) => Object.keys(h).length > 0)
      .map((h) => this.layout.attributes.map((a) => decodeText(h[a.name], a.type)));
  }

  async write(ops: readonly WriteOp[]): Promise<void> {
    const client = this.client;
    if (!client) throw new Error('not connected');
    const m = client.multi();
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
