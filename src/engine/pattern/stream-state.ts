/**
 * The processors of one stream state, after Siddhi's StreamPreStateProcessor and
 * StreamPostStateProcessor. The pre side holds the partial matches waiting for this state
 * (`pending`) and those handed to it while the current event is processed (`fresh`, moved to
 * `pending` before the next event so one event never fills two consecutive states). An arriving
 * event is tried against every pending match; the post side hands a match on to the next state,
 * restarts `every`, or marks it complete.
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { PatternContext, StateFilter } from './pattern-context.js';
import { byTimestamp, copyStateEvent, firstTimestamp, newStateEvent, type StateEvent } from './state-event.js';
import { truncate } from '../runtime/truncate.js';

/** A counting start state of a sequence restarted when a later state moves. */
export interface ResettableStart {
  startStateReset(): void;
}

export class StreamPre {
  stateId = 0;
  isStart = false;
  /** Absent states (`not S for t`) behave differently as the next state of a sequence start. */
  readonly isAbsent: boolean = false;
  withinMillis = -1;
  startIds: readonly number[] = [];
  /** The first state of the enclosing `every`, restarted when a match inside it expires. */
  withinEvery: StreamPre | undefined;
  post!: StreamPost;
  /** The post processor whose completion makes a match returned (the query's last, for the first state). */
  lastPost!: StreamPost;
  filter: StateFilter | undefined;
  pending: StateEvent[] = [];
  fresh: StateEvent[] = [];
  stateChanged = false;
  initialized = false;

  constructor(readonly pc: PatternContext) {}

  get sequence(): boolean {
    return this.pc.sequence;
  }

  /** Runs the state's condition, then its post processor when it holds. */
  protected run(se: StateEvent, ev: StreamEvent): void {
    this.stateChanged = false;
    const f = this.filter;
    if (f === undefined || f(se.slots, ev.data, ev.timestamp)) this.post.process(se);
  }

  init(): void {
    if (
      this.isStart &&
      (!this.initialized ||
        this.post.nextEvery !== undefined ||
        (this.sequence && this.post.next !== undefined && this.post.next.isAbsent))
    ) {
      this.addState(newStateEvent(this.pc.size));
      this.initialized = true;
    }
  }

  addState(se: StateEvent): void {
    if (this.sequence) {
      if (this.fresh.length === 0) this.fresh.push(se);
    } else {
      this.fresh.push(se);
    }
  }

  addEveryState(se: StateEvent): void {
    const c = copyStateEvent(se);
    for (let i = this.stateId; i < c.slots.length; i++) c.slots[i] = null;
    this.fresh.push(c);
  }

  /** Whether a sequence start must wait: no `every` and its next state still holds a match. */
  protected sequenceStartBlocked(): boolean {
    const next = this.post.next;
    return this.sequence && this.post.nextEvery === undefined && next !== undefined && next.pending.length > 0;
  }

  resetState(): void {
    truncate(this.pending, 0);
    if (this.isStart && this.fresh.length === 0) {
      if (this.sequenceStartBlocked()) return;
      this.init();
    }
  }

  updateState(): void {
    moveFresh(this);
  }

  isExpired(se: StateEvent, now: number): boolean {
    if (this.withinMillis < 0) return false;
    const ids = this.startIds;
    for (let i = 0; i < ids.length; i++) {
      const s = se.slots[ids[i]!]!;
      if (s !== null && Math.abs(firstTimestamp(s) - now) > this.withinMillis) return true;
    }
    return false;
  }

  expireEvents(now: number): void {
    if (this.withinMillis < 0) return;
    let expired: StateEvent | undefined;
    const p = this.pending;
    let k = 0;
    while (k < p.length && this.isExpired(p[k]!, now)) {
      const se = p[k]!;
      if (!se.expired) {
        se.expired = true;
        expired = se;
      }
      k++;
    }
    if (k > 0) p.splice(0, k);
    const f = this.fresh;
    let w = 0;
    for (let r = 0; r < f.length; r++) {
      const se = f[r]!;
      if (this.isExpired(se, now)) {
        if (!se.expired) {
          se.expired = true;
          expired = se;
        }
      } else f[w++] = se;
    }
    truncate(f, w);
    if (expired !== undefined && this.withinEvery !== undefined) {
      this.withinEvery.addEveryState(expired);
      this.withinEvery.updateState();
    }
  }

  protected removeOnNoStateChange(): boolean {
    return this.sequence;
  }

  /** Tries `ev` against every pending match; completed matches are appended to `out`. */
  processAndReturn(ev: StreamEvent, out: StateEvent[]): void {
    const p = this.pending;
    const id = this.stateId;
    const last = this.lastPost;
    let w = 0;
    const n = p.length;
    for (let r = 0; r < n; r++) {
      const se = p[r]!;
      se.slots[id] = ev;
      this.run(se, ev);
      if (last.returned) {
        last.returned = false;
        out.push(se);
      }
      if (this.stateChanged) continue;
      se.slots[id] = null;
      if (this.sequence) {
        this.post.callbackPre?.startStateReset();
        if (this.removeOnNoStateChange()) continue;
      }
      p[w++] = se;
    }
    // Matches appended while iterating (none expected) are kept.
    for (let r = n; r < p.length; r++) p[w++] = p[r]!;
    truncate(p, w);
  }
}

export function moveFresh(p: StreamPre): void {
  const f = p.fresh;
  if (f.length === 0) return;
  if (f.length > 1) f.sort(byTimestamp);
  for (let i = 0; i < f.length; i++) p.pending.push(f[i]!);
  truncate(f, 0);
}

export class StreamPost {
  stateId = 0;
  pre!: StreamPre;
  next: StreamPre | undefined;
  nextEvery: StreamPre | undefined;
  callbackPre: ResettableStart | undefined;
  /** This state completes the query (its next processor is the selector). */
  hasSelector = false;
  returned = false;

  setNext(p: StreamPre): void {
    this.next = p;
  }

  setNextEvery(p: StreamPre): void {
    this.nextEvery = p;
  }

  process(se: StateEvent): void {
    this.pre.stateChanged = true;
    const ev = se.slots[this.stateId] as StreamEvent;
    se.timestamp = ev.timestamp;
    if (this.hasSelector) this.returned = true;
    this.next?.addState(se);
    this.nextEvery?.addEveryState(se);
    this.callbackPre?.startStateReset();
  }
}
