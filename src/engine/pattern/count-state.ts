/**
 * Counting states `e1=S<n:m>` (and a sequence's `+`, `*`, `?`), after Siddhi's CountPreStateProcessor
 * and CountPostStateProcessor. The slot collects events; at the minimum the match moves on to the
 * next state (in a pattern the same match keeps collecting until the next state fills or the maximum
 * is reached).
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { PatternContext } from './pattern-context.js';
import type { StateEvent } from './state-event.js';
import { StreamPost, StreamPre, type ResettableStart } from './stream-state.js';
import { truncate } from '../runtime/truncate.js';

function addEvent(se: StateEvent, id: number, ev: StreamEvent): void {
  const s = se.slots[id];
  if (Array.isArray(s)) s.push(ev);
  else se.slots[id] = [ev];
}

function removeLastEvent(se: StateEvent, id: number): void {
  const s = se.slots[id];
  if (!Array.isArray(s)) {
    se.slots[id] = null;
    return;
  }
  s.pop();
  if (s.length === 0) se.slots[id] = null;
}

export class CountPre extends StreamPre implements ResettableStart {
  countPost!: CountPost;
  successCondition = false;
  startReset = false;

  constructor(
    pc: PatternContext,
    readonly min: number,
    readonly max: number,
  ) {
    super(pc);
  }

  private nextFilled(se: StateEvent, position: number): boolean {
    return se.slots.length > position && se.slots[position] !== null;
  }

  override processAndReturn(ev: StreamEvent, out: StateEvent[]): void {
    const p = this.pending;
    const id = this.stateId;
    let w = 0;
    const n = p.length;
    for (let r = 0; r < n; r++) {
      const se = p[r]!;
      if (this.nextFilled(se, id + 1) || this.nextFilled(se, id + 2)) continue;
      addEvent(se, id, ev);
      this.successCondition = false;
      this.run(se, ev);
      if (this.lastPost.returned) {
        this.lastPost.returned = false;
        out.push(se);
      }
      let removed = this.stateChanged;
      if (!this.successCondition) {
        removeLastEvent(se, id);
        if (this.sequence) removed = true;
      }
      if (!removed) p[w++] = se;
    }
    for (let r = n; r < p.length; r++) p[w++] = p[r]!;
    truncate(p, w);
  }

  override addState(se: StateEvent): void {
    super.addState(se);
    if (this.min === 0 && se.slots[this.stateId] === null) this.countPost.processMinCountReached(se);
  }

  startStateReset(): void {
    this.startReset = true;
    const cb = this.post.callbackPre;
    if (cb !== undefined && cb !== this) cb.startStateReset();
  }

  override updateState(): void {
    if (this.startReset) {
      this.startReset = false;
      this.init();
    }
    super.updateState();
  }
}

export class CountPost extends StreamPost {
  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    super();
  }

  override setNext(p: StreamPre): void {
    this.next = p;
    const pre = this.pre as CountPre;
    if (pre.isStart && pre.sequence && this.min === 0) p.post.callbackPre = pre;
  }

  override process(se: StateEvent): void {
    const events = se.slots[this.stateId] as StreamEvent[];
    const n = events.length;
    const pre = this.pre as CountPre;
    pre.successCondition = true;
    se.timestamp = events[n - 1]!.timestamp;
    if (n >= this.min) {
      if (pre.sequence) {
        this.next?.addState(se);
        if (n !== this.max) pre.addState(se);
      } else if (n === this.min) {
        this.processMinCountReached(se);
      }
      if (n === this.max) pre.stateChanged = true;
    }
  }

  processMinCountReached(se: StateEvent): void {
    if (this.hasSelector) {
      this.pre.stateChanged = true;
      this.returned = true;
    }
    this.next?.addState(se);
    this.nextEvery?.addEveryState(se);
  }
}
