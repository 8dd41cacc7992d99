/**
 * The ingest ledger: per (app, stream, producer), the highest batch sequence applied and how many
 * events those batches held. Kept in the server's SQLite (`stream_producers`), written in the same
 * synchronous step that sends a batch into its stream, so a batch answered 200 is recorded before the
 * answer leaves and a restarted server still knows it. Batches of a producer are applied in sequence
 * order (1, 2, 3, ...): one that arrives before its predecessor waits for it (pipelining clients).
 *
 * The positions of an app are also part of the app's snapshots (`attach`): when a server that died
 * restores an app from its last snapshot, the positions go back with the app's tables and windows, so
 * the batches applied after that snapshot are applied again when resent (`tributary stream --resume`),
 * instead of being answered as duplicates of what the app no longer holds.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';

export interface ProducerPosition {
  /** Highest sequence applied (0: none yet). */
  readonly sequence: number;
  /** Events in the batches applied so far. */
  readonly events: number;
  /** Epoch ms of the last applied batch (0: none). */
  readonly updatedAt: number;
}

export interface ProducerKey {
  readonly app: string;
  readonly stream: string;
  readonly producer: string;
}

interface Row {
  sequence: number;
  events: number;
  updated_at: number;
}

const NONE: ProducerPosition = { sequence: 0, events: 0, updatedAt: 0 };

/** An app's positions as saved in its snapshots: [stream, producer, sequence, events, updatedAt]. */
type SavedPositions = [string, string, number, number, number][];

/** The key of the ledger's state in app snapshots. */
export const LEDGER_STATE_KEY = 'server/ingest-positions';

export class ProducerLedger {
  private readonly cache = new Map<string, ProducerPosition>();
  /** Batches waiting for their predecessor, per producer key. */
  private readonly waiting = new Map<string, Set<() => void>>();
  private readonly selectOne: Statement<[string, string, string], Row>;
  private readonly upsert: Statement<[string, string, string, number, number, number]>;
  private readonly removeOne: Statement<[string, string, string]>;
  private readonly listStream: Statement<[string, string], Row & { producer: string }>;
  private readonly listApp: Statement<[string], Row & { stream: string; producer: string }>;
  private readonly removeApp: Statement<[string]>;
  private readonly replaceApp: (app: string, rows: SavedPositions) => void;

  constructor(db: Database) {
    db.exec(`CREATE TABLE IF NOT EXISTS stream_producers (
      app TEXT NOT NULL,
      stream TEXT NOT NULL,
      producer TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      events INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (app, stream, producer))`);
    this.selectOne = db.prepare(
      'SELECT sequence, events, updated_at FROM stream_producers WHERE app = ? AND stream = ? AND producer = ?',
    );
    this.upsert = db.prepare(
      `INSERT INTO stream_producers (app, stream, producer, sequence, events, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (app, stream, producer) DO UPDATE SET
         sequence = excluded.sequence, events = excluded.events, updated_at = excluded.updated_at`,
    );
    this.removeOne = db.prepare('DELETE FROM stream_producers WHERE app = ? AND stream = ? AND producer = ?');
    this.listStream = db.prepare(
      'SELECT producer, sequence, events, updated_at FROM stream_producers WHERE app = ? AND stream = ? ORDER BY producer',
    );
    this.listApp = db.prepare(
      'SELECT stream, producer, sequence, events, updated_at FROM stream_producers WHERE app = ? ORDER BY stream, producer',
    );
    this.removeApp = db.prepare('DELETE FROM stream_producers WHERE app = ?');
    this.replaceApp = db.transaction((app: string, rows: SavedPositions) => {
      this.removeApp.run(app);
      for (const [stream, producer, sequence, events, updatedAt] of rows) {
        this.upsert.run(app, stream, producer, sequence, events, updatedAt);
      }
    });
  }

  /**
   * Makes the app's positions part of its snapshots: restoring a snapshot puts back the positions it
   * was taken with (a snapshot without them leaves the ledger as it is).
   */
  attach(runtime: SiddhiAppRuntime): void {
    const app = runtime.name;
    runtime.addState(LEDGER_STATE_KEY, {
      snapshot: (): SavedPositions =>
        this.listApp.all(app).map((r) => [r.stream, r.producer, r.sequence, r.events, r.updated_at]),
      restore: (state: unknown): void => {
        if (!Array.isArray(state)) throw new Error(`ingest positions of app '${app}': not a list`);
        this.replaceApp(app, state as SavedPositions);
        const prefix = `${app}\u0000`;
        for (const id of [...this.cache.keys()]) if (id.startsWith(prefix)) this.cache.delete(id);
      },
    });
  }

  position(k: ProducerKey): ProducerPosition {
    const id = keyOf(k);
    const cached = this.cache.get(id);
    if (cached) return cached;
    const r = this.selectOne.get(k.app, k.stream, k.producer);
    const p = r ? { sequence: r.sequence, events: r.events, updatedAt: r.updated_at } : NONE;
    this.cache.set(id, p);
    return p;
  }

  /** The producers that sent into a stream, with their positions. */
  producers(app: string, stream: string): (ProducerPosition & { producer: string })[] {
    return this.listStream
      .all(app, stream)
      .map((r) => ({ producer: r.producer, sequence: r.sequence, events: r.events, updatedAt: r.updated_at }));
  }

  /** Records batch `sequence` (of `events` events) as applied, and wakes the batch waiting for it. */
  record(k: ProducerKey, sequence: number, events: number): ProducerPosition {
    const before = this.position(k);
    const p = { sequence, events: before.events + events, updatedAt: Date.now() };
    this.upsert.run(k.app, k.stream, k.producer, p.sequence, p.events, p.updatedAt);
    this.cache.set(keyOf(k), p);
    this.wake(k);
    return p;
  }

  /** Forgets a producer (its next batch must be sequence 1 again); true when it was known. */
  remove(k: ProducerKey): boolean {
    const known = this.removeOne.run(k.app, k.stream, k.producer).changes > 0;
    this.cache.delete(keyOf(k));
    this.wake(k);
    return known;
  }

  /** How many batches of the producer wait for a predecessor. */
  waitingCount(k: ProducerKey): number {
    return this.waiting.get(keyOf(k))?.size ?? 0;
  }

  /**
   * Resolves when the producer's position changes, or with false after `ms` (or when `signal` aborts).
   */
  waitForChange(k: ProducerKey, ms: number, signal?: AbortSignal): Promise<boolean> {
    const id = keyOf(k);
    let set = this.waiting.get(id);
    if (!set) this.waiting.set(id, (set = new Set()));
    const waiters = set;
    return new Promise((resolve) => {
      const done = (changed: boolean): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        waiters.delete(wake);
        if (waiters.size === 0 && this.waiting.get(id) === waiters) this.waiting.delete(id);
        resolve(changed);
      };
      const wake = (): void => done(true);
      const onAbort = (): void => done(false);
      const timer = setTimeout(() => done(false), ms);
      waiters.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private wake(k: ProducerKey): void {
    const set = this.waiting.get(keyOf(k));
    if (set) for (const w of [...set]) w();
  }
}

function keyOf(k: ProducerKey): string {
  return `${k.app}\u0000${k.stream}\u0000${k.producer}`;
}
