/**
 * The order in which joins and on-demand queries read `unique:ever` and `unique:first`: Siddhi keeps
 * their events in a java.util.concurrent.ConcurrentHashMap keyed by the text of the key values (each
 * as Java prints it, joined with nothing between them) and reads its values in the map's order. A key
 * never leaves these maps (a replaced event keeps its key's place), so the order follows from the
 * texts and the order they first came in.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { JavaConcurrentHashMapOrder, type HashOrderState } from '../../runtime/java-hash-order.js';
import { javaValueToString } from '../../functions/shared/java-format.js';
import type { WindowArg } from '../window.js';

/** Siddhi's map key of an event: the key arguments' values as Java prints them, concatenated. */
export function keyTextReader(args: readonly WindowArg[]): (e: StreamEvent) => string {
  return (e) => {
    let s = '';
    for (const a of args) s += javaValueToString(a.evaluate(e), a.type);
    return s;
  };
}

export class KeyTextOrder {
  private order = new JavaConcurrentHashMapOrder();
  private readonly seen = new Set<string>();
  /** Each key's place in the map's order; rebuilt after a key comes in. */
  private rank: Map<string, number> | undefined;

  constructor(private readonly textOf: (e: StreamEvent) => string) {}

  /** Records the key of an event that is going into the map. */
  note(e: StreamEvent): void {
    const text = this.textOf(e);
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.order.add(text);
    this.rank = undefined;
  }

  /** `events` (one per key) in the map's order. */
  sort(events: readonly StreamEvent[]): StreamEvent[] {
    if (events.length < 2) return events.slice();
    const rank = (this.rank ??= new Map(this.order.keys().map((k, i) => [k, i])));
    return events
      .map((e) => ({ e, at: rank.get(this.textOf(e)) ?? Number.MAX_SAFE_INTEGER }))
      .sort((a, b) => a.at - b.at)
      .map((x) => x.e);
  }

  snapshot(): HashOrderState {
    return this.order.snapshot();
  }

  /** Restores a saved order, or (from a snapshot without one) rebuilds it from the events in their order. */
  restore(saved: HashOrderState | undefined, events: readonly StreamEvent[]): void {
    this.order = new JavaConcurrentHashMapOrder();
    this.seen.clear();
    this.rank = undefined;
    if (saved === undefined) {
      for (const e of events) this.note(e);
      return;
    }
    this.order.restore(saved);
    for (const bucket of saved) for (const k of bucket) this.seen.add(k);
  }
}
