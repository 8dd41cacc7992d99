/**
 * `@cache(...)` in front of a store table: primary-key lookups (`T.pk == expr`, from joins, `in`,
 * table outputs and on-demand queries) are answered from a bounded map of rows when the row is
 * cached, and from the store otherwise (the row found is then cached). Inserted rows are cached;
 * the store reports every change, so updated and deleted rows never go stale. When full, the
 * policy picks the entry to evict (FIFO: first cached, LRU: least recently used, LFU: least often
 * used, ties to the least recent); entries older than `retention.period` are purged every
 * `purge.interval` on the app's clock. Other conditions and every write go to the store; an update
 * or update-or-insert on the primary key counts as a use of the cached row, as in Siddhi. A table
 * without a @PrimaryKey gets no cache (stores/install.ts): there is no key to hold rows by.
 */
import type { Expression, SetAssignment } from '../../lang/ast.js';
import type { AppContext, Attribute } from '../../engine/app/app-context.js';
import { compileRowCondition, compositeKey, type RowCondition } from '../../engine/table/row-condition.js';
import type { CompiledCondition, CompiledUpdateSet, ConditionContext, TableInput } from '../../engine/table/table.js';
import type { TimerHandle } from '../../engine/time/scheduler.js';
import type { ObservableTable } from '../table-changes.js';
import { victim, type CacheConfig, type CacheEntry } from './cache-policy.js';

interface CachedCondition extends CompiledCondition {
  readonly inner: CompiledCondition;
  readonly row: RowCondition;
}

export class CachedTable implements ObservableTable {
  readonly kind = 'table';
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly primaryKey: readonly number[];
  readonly indexes: readonly number[];
  readonly stats = { hits: 0, misses: 0, evictions: 0, purged: 0 };

  private readonly entries = new Map<unknown, CacheEntry>();
  private seq = 0;

  constructor(
    readonly store: ObservableTable,
    readonly config: CacheConfig,
    private readonly ctx: AppContext,
  ) {
    this.id = store.id;
    this.attributes = store.attributes;
    this.primaryKey = store.primaryKey;
    this.indexes = store.indexes;
    store.onChange((before, after) => {
      if (before === undefined) {
        if (after) this.put(after);
        return;
      }
      const old = this.keyOf(before);
      const e = this.entries.get(old);
      if (!e) return;
      this.entries.delete(old);
      if (after) this.entries.set(this.keyOf(after), { ...e, row: after.slice() });
    });
    const every = config.purgeIntervalMs;
    if (config.retentionMs !== undefined && every !== undefined && every > 0) {
      let timer: TimerHandle | undefined;
      const tick = (at: number): void => {
        this.purge(at);
        timer = ctx.scheduler.schedule(at + every, tick);
      };
      ctx.lifecycle.push({
        start: () => void (timer = ctx.scheduler.schedule(ctx.scheduler.now() + every, tick)),
        stop: () => {
          if (timer) ctx.scheduler.cancel(timer);
          timer = undefined;
        },
      });
    }
  }

  get size(): number {
    return this.store.size;
  }

  /** The cached primary keys, in caching order (tests). */
  cachedKeys(): unknown[] {
    return [...this.entries.keys()];
  }

  onChange(listener: Parameters<ObservableTable['onChange']>[0]): void {
    this.store.onChange(listener);
  }

  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition {
    const inner = this.store.compileCondition(on, cc);
    const row = compileRowCondition(this.attributes, on, cc, this);
    const c: CachedCondition = {
      findable: this.id,
      plan: row.lookup?.kind === 'primaryKey' ? 'cache:primaryKey' : inner.plan,
      inner,
      row,
    };
    return c;
  }

  compileUpdateSet(set: readonly SetAssignment[] | undefined, cc: ConditionContext): CompiledUpdateSet {
    return this.store.compileUpdateSet(set, cc);
  }

  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][] {
    const c = this.own(cond);
    const lookup = c.row.lookup;
    if (lookup?.kind !== 'primaryKey') return this.store.find(c.inner, input, ts);
    const key = lookup.key(input, ts);
    const e = this.entries.get(key);
    if (e) {
      this.stats.hits++;
      e.uses++;
      e.lastUsed = ++this.seq;
      const r = e.row as unknown[];
      return !c.row.test || c.row.test(r, input, ts) ? [r] : [];
    }
    this.stats.misses++;
    const rows = this.store.find(c.inner, input, ts);
    for (const r of rows) if (this.keyOf(r) === key) this.put(r);
    return rows;
  }

  contains(cond: CompiledCondition, input: unknown, ts: number): boolean {
    return this.find(cond, input, ts).length > 0;
  }

  all(): unknown[][] {
    return this.store.all();
  }

  insert(rows: readonly unknown[][]): void {
    this.store.insert(rows);
  }

  delete(cond: CompiledCondition, events: readonly TableInput[]): void {
    this.store.delete(this.own(cond).inner, events);
  }

  update(cond: CompiledCondition, set: CompiledUpdateSet, events: readonly TableInput[]): void {
    const c = this.own(cond);
    this.touch(c, events);
    this.store.update(c.inner, set, events);
  }

  updateOrInsert(
    cond: CompiledCondition,
    set: CompiledUpdateSet,
    events: readonly TableInput[],
    rowOf: (e: TableInput) => unknown[],
  ): void {
    const c = this.own(cond);
    this.touch(c, events);
    this.store.updateOrInsert(c.inner, set, events, rowOf);
  }

  snapshot(): unknown {
    return this.store.snapshot();
  }

  restore(state: unknown): void {
    this.store.restore(state);
    this.entries.clear();
  }

  /** Drops entries cached before `now - retention.period`. */
  purge(now: number): void {
    const retention = this.config.retentionMs;
    if (retention === undefined) return;
    for (const [k, e] of this.entries) {
      if (now - e.cachedAt >= retention) {
        this.entries.delete(k);
        this.stats.purged++;
      }
    }
  }

  /** A write on the primary key uses the cached rows it names (LRU recency, LFU count). */
  private touch(c: CachedCondition, events: readonly TableInput[]): void {
    const lookup = c.row.lookup;
    if (lookup?.kind !== 'primaryKey') return;
    for (const ev of events) {
      const e = this.entries.get(lookup.key(ev.input, ev.ts));
      if (!e) continue;
      e.uses++;
      e.lastUsed = ++this.seq;
    }
  }

  private put(r: readonly unknown[]): void {
    const key = this.keyOf(r);
    const existing = this.entries.get(key);
    if (existing) {
      existing.row = r.slice();
      return;
    }
    if (this.entries.size >= this.config.size) {
      this.entries.delete(victim(this.entries, this.config.policy));
      this.stats.evictions++;
    }
    const seq = ++this.seq;
    this.entries.set(key, { row: r.slice(), cachedAt: this.ctx.scheduler.now(), seq, lastUsed: seq, uses: 0 });
  }

  private keyOf(r: readonly unknown[]): unknown {
    return compositeKey(this.primaryKey.map((i) => r[i]));
  }

  private own(cond: CompiledCondition): CachedCondition {
    if (cond.findable !== this.id || !('inner' in cond)) {
      throw new Error(`condition compiled for '${cond.findable}' used on table '${this.id}'`);
    }
    return cond as CachedCondition;
  }
}
