/**
 * Events by unique key, in the order their keys came in: what the `unique:` windows hold. `keep`
 * decides what a repeated key does: 'last' replaces the held event (it keeps its key's place),
 * 'first' drops the newcomer.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { loadEvents, saveEvents, type SavedEvent } from '../common.js';
import type { KeyOf } from './unique-key.js';

export type Keep = 'first' | 'last';

export class KeyedEvents {
  private map = new Map<unknown, StreamEvent>();

  constructor(private readonly keyOf: KeyOf) {}

  get size(): number {
    return this.map.size;
  }

  /** Adds an event the caller owns (a copy); false when `keep` is 'first' and its key is held. */
  add(e: StreamEvent, keep: Keep): boolean {
    const key = this.keyOf(e);
    if (keep === 'first' && this.map.has(key)) return false;
    this.map.set(key, e);
    return true;
  }

  /** The held events, in their keys' order; the holder is emptied. */
  drain(): StreamEvent[] {
    const out = [...this.map.values()];
    this.map.clear();
    return out;
  }

  values(): StreamEvent[] {
    return [...this.map.values()];
  }

  save(): SavedEvent[] {
    return saveEvents(this.values());
  }

  /** Refills from saved events (their keys are read again); replaces what is held. */
  load(saved: readonly SavedEvent[] | undefined): void {
    this.map = loadByKey(saved, this.keyOf);
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
