/**
 * The events the K-slack processors hold in timestamp order, taken out smallest timestamp first and,
 * within a timestamp, in the order they were added (what the extension's sorted map of per-timestamp
 * lists gives). A binary min-heap on (timestamp, order added) in parallel arrays: adding and taking
 * cost O(log n) and no object is made per event or per timestamp.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { loadEvents, saveEvents, type SavedEvent } from '../../windows/common.js';

/** JSON form: the timestamps and the events, in the order they are taken out. */
export interface SavedOrdered {
  readonly stamps: number[];
  readonly events: SavedEvent[];
}

export class OrderedEvents {
  private stamps: number[] = [];
  private seqs: number[] = [];
  private events: StreamEvent[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.stamps.length;
  }

  /** The smallest timestamp held; undefined when empty. */
  firstKey(): number | undefined {
    return this.stamps[0];
  }

  add(ts: number, e: StreamEvent): void {
    const { stamps, seqs, events } = this;
    const seq = this.nextSeq++;
    let i = stamps.length;
    stamps.push(ts);
    seqs.push(seq);
    events.push(e);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = stamps[p]!;
      if (pt < ts || (pt === ts && seqs[p]! < seq)) break;
      stamps[i] = pt;
      seqs[i] = seqs[p]!;
      events[i] = events[p]!;
      i = p;
    }
    stamps[i] = ts;
    seqs[i] = seq;
    events[i] = e;
  }

  /** Takes out the first event, appended to `out`; returns its timestamp. */
  takeFirstInto(out: StreamEvent[]): number {
    const { stamps, seqs, events } = this;
    const ts = stamps[0]!;
    out.push(events[0]!);
    const lastTs = stamps.pop()!;
    const lastSeq = seqs.pop()!;
    const lastEvent = events.pop()!;
    const n = stamps.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (stamps[r]! < stamps[c]! || (stamps[r] === stamps[c] && seqs[r]! < seqs[c]!))) c = r;
        const ct = stamps[c]!;
        if (ct > lastTs || (ct === lastTs && seqs[c]! > lastSeq)) break;
        stamps[i] = ct;
        seqs[i] = seqs[c]!;
        events[i] = events[c]!;
        i = c;
      }
      stamps[i] = lastTs;
      seqs[i] = lastSeq;
      events[i] = lastEvent;
    }
    return ts;
  }

  save(): SavedOrdered {
    const order = this.stamps
      .map((_, i) => i)
      .sort((a, b) => this.stamps[a]! - this.stamps[b]! || this.seqs[a]! - this.seqs[b]!);
    return {
      stamps: order.map((i) => this.stamps[i]!),
      events: saveEvents(order.map((i) => this.events[i]!)),
    };
  }

  static load(saved: SavedOrdered): OrderedEvents {
    const o = new OrderedEvents();
    const events = loadEvents(saved.events);
    for (let i = 0; i < events.length; i++) o.add(saved.stamps[i]!, events[i]!);
    return o;
  }
}
