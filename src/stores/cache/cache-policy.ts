/**
 * `@cache(size = '...', cache.policy = 'FIFO' | 'LRU' | 'LFU', retention.period = '...',
 * purge.interval = '...')`: which entry leaves when the cache is full, and when old entries expire.
 */
import type { Annotation } from '../../lang/ast.js';
import { StoreOptions } from '../store-options.js';

export type CachePolicy = 'FIFO' | 'LRU' | 'LFU';

export interface CacheConfig {
  readonly size: number;
  readonly policy: CachePolicy;
  /** Entries older than this (ms since cached) are purged; undefined: never. */
  readonly retentionMs: number | undefined;
  readonly purgeIntervalMs: number | undefined;
}

export interface CacheEntry {
  row: readonly unknown[];
  /** When it was cached (app clock), for retention. */
  readonly cachedAt: number;
  /** Order of caching (FIFO) and of last use (LRU). */
  readonly seq: number;
  lastUsed: number;
  uses: number;
}

export function cacheConfig(a: Annotation, tableId: string): CacheConfig {
  const opts = new StoreOptions(a, tableId);
  const size = opts.int('size', 0);
  if (size <= 0) throw opts.error(`needs size = '<entries>' greater than 0`);
  const policy = (opts.get('cache.policy') ?? 'FIFO').toUpperCase();
  if (policy !== 'FIFO' && policy !== 'LRU' && policy !== 'LFU') {
    throw opts.error(`cache.policy must be FIFO, LRU or LFU, found '${policy}'`);
  }
  const retentionMs = opts.time('retention.period');
  const purgeIntervalMs = opts.time('purge.interval') ?? retentionMs;
  return { size, policy, retentionMs, purgeIntervalMs };
}

/** The key of the entry the policy evicts first. */
export function victim(entries: ReadonlyMap<unknown, CacheEntry>, policy: CachePolicy): unknown {
  let best: unknown;
  let bestEntry: CacheEntry | undefined;
  for (const [k, e] of entries) {
    if (policy === 'FIFO') return k; // Map order is caching order.
    const worse =
      !bestEntry ||
      (policy === 'LRU'
        ? e.lastUsed < bestEntry.lastUsed
        : e.uses < bestEntry.uses || (e.uses === bestEntry.uses && e.lastUsed < bestEntry.lastUsed));
    if (worse) {
      best = k;
      bestEntry = e;
    }
  }
  return best;
}
