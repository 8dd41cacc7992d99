/**
 * Events by unique key: what the `unique:` windows hold. `keep` decides what a repeated key does:
 * 'last' replaces the held event (it keeps its key's place), 'first' drops the newcomer. They come out
 * in the order their keys came in (a java.util.LinkedHashMap), or, given the keys' Java hash, in the
 * order of the java.util.HashMap Siddhi keeps them in: by bucket (the spread hash masked by the table
 * size, which starts at 16, doubles once more than 3/4 full and never shrinks, not even when emptied),
 * then in the order the keys came in.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { javaBucket, javaCapacity } from '../../table/java-scan-order.js';
import { loadEvents, saveEvents, type SavedEvent } from '../common.js';
import type { JavaHash } from './java-key-hash.js';
import type { KeyOf } from './unique-key.js';

export type Keep = 'first' | 'last';

export class KeyedEvents {
  private map = new Map<unknown, StreamEvent>();
  /** The most keys held at once: the HashMap's table size follows it. */
  private maxSize = 0;

  constructor(
    private readonly keyOf: KeyOf,
    private readonly javaHash?: JavaHash,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Adds an event the caller owns (a copy); false when `keep` is 'first' and its key is held. */
  add(e: StreamEvent, keep: Keep): boolean {
    const key = this.keyOf(e);
    if (keep === 'first' && this.map.has(key)) return false;
    this.map.set(key, e);
    if (this.map.size > this.maxSize) this.maxSize = this.map.size;
    return true;
  }

  /** The held events, in their keys' order; the holder is emptied. */
  drain(): StreamEvent[] {
    const out = this.values();
    this.map.clear();
    return out;
  }

  values(): StreamEvent[] {
    const hash = this.javaHash;
    if (hash === undefined || this.map.size < 2) return [...this.map.values()];
    const capacity = javaCapacity(this.maxSize);
    // Array.prototype.sort is stable: within a bucket the keys keep the order they came in.
    return [...this.map]
      .map(([key, e]) => ({ bucket: javaBucket(hash(key), capacity), e }))
      .sort((a, b) => a.bucket - b.bucket)
      .map((x) => x.e);
  }

  save(): SavedEvent[] {
    return saveEvents(this.values());
  }

  /** Refills from saved events (their keys are read again); replaces what is held. */
  load(saved: readonly SavedEvent[] | undefined): void {
    this.map = loadByKey(saved, this.keyOf);
    this.maxSize = Math.max(this.maxSize, this.map.size);
  }
}

/** Saved events by their keys (read again), in the order saved: what a `unique:` window restores. */
export function loadByKey(saved: readonly SavedEvent[] | undefined, keyOf: KeyOf): Map<unknown, StreamEvent> {
  const held = new Map<unknown, StreamEvent>();
  for (const e of loadEvents(saved)) held.set(keyOf(e), e);
  return held;
}

/** The event held under `key`, if any, leaves: taken out of `held` and put in `out` stamped with `now`. */
export function evictKey(held: Map<unknown, StreamEvent>, key: unknown, now: number, out: StreamEvent[]): void {
  const old = held.get(key);
  if (old === undefined) return;
  held.delete(key);
  old.timestamp = now;
  out.push(old);
}
