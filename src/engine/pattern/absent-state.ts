/**
 * `not S[cond] for t`, after Siddhi's AbsentStreamPreStateProcessor: a match moves on when no
 * matching S arrives for `t` (checked when the clock wakes the state); a matching S drops it.
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { PatternContext, TimedState } from './pattern-context.js';
import { copyStateEvent, newStateEvent, type StateEvent } from './state-event.js';
import { StreamPost, StreamPre } from './stream-state.js';
import { truncate } from '../runtime/truncate.js';

/** An absent state's pre side: told when a matching event arrived. */
export interface AbsentArrival {
  updateLastArrivalTime(ts: number): void;
}

export class AbsentStreamPre extends StreamPre implements TimedState, AbsentArrival {
  override readonly isAbsent = true;
  lastScheduledTime = 0;
  active = true;

  constructor(
    pc: PatternContext,
    readonly waitingTime: number,
  ) {
    super(pc);
  }

  updateLastArrivalTime(ts: number): void {
    this.lastScheduledTime = ts + this.waitingTime;
    this.pc.notifyAt(this, this.lastScheduledTime);
  }

  override addState(se: StateEvent): void {
    if (!this.active) return;
    if (this.sequence) truncate(this.fresh, 0);
    this.fresh.push(se);
    if (!this.isStart) {
      this.lastScheduledTime = se.timestamp + this.waitingTime;
      this.pc.notifyAt(this, this.lastScheduledTime);
    }
  }

  override addEveryState(se: StateEvent): void {
    const c = copyStateEvent(se);
    for (let i = this.stateId; i < c.slots.length; i++) c.slots[i] = null;
    this.fresh.push(c);
    this.lastScheduledTime = se.timestamp + this.waitingTime;
    this.pc.notifyAt(this, this.lastScheduledTime);
  }

  override resetState(): void {
    truncate(this.pending, 0);
    if (this.isStart) {
      if (this.sequenceStartBlocked()) return;
      this.init();
    }
  }

  protected override removeOnNoStateChange(): boolean {
    return false;
  }

  /** Called at app start: a start state begins waiting now. */
  started(): void {
    if (this.isStart && this.active) {
      this.lastScheduledTime = this.pc.now() + this.waitingTime;
      this.pc.notifyAt(this, this.lastScheduledTime);
    }
  }

  onTimer(now: number): void {
    if (!this.active) return;
    const ret: StateEvent[] = [];
    let initialize = this.isStart && this.fresh.length === 0 && this.pending.length === 0;
    if (initialize && this.sequence && this.post.nextEvery === undefined && this.lastScheduledTime > 0) {
      initialize = false;
    }
    if (initialize) this.addState(newStateEvent(this.pc.size));
    else if (this.sequence && this.fresh.length > 0) this.resetState();
    this.updateState();
    const p = this.pending;
    let w = 0;
    for (let r = 0; r < p.length; r++) {
      const se = p[r]!;
      if (this.isExpired(se, now)) {
        if (this.withinEvery !== undefined && this.post.nextEvery !== this) this.post.nextEvery?.addEveryState(se);
        continue;
      }
      if (
        (se.timestamp === -1 && now >= this.lastScheduledTime) ||
        (se.timestamp !== -1 && now >= se.timestamp + this.waitingTime)
      ) {
        se.timestamp = now;
        ret.push(se);
        continue;
      }
      p[w++] = se;
    }
    truncate(p, w);
    this.withinEvery?.updateState();
    for (const se of ret) this.sendEvent(se);
    const actual = this.pc.now();
    if (actual > this.waitingTime + now) this.lastScheduledTime = actual + this.waitingTime;
    if (ret.length === 0 && this.lastScheduledTime < now) {
      this.lastScheduledTime = now + this.waitingTime;
      this.pc.notifyAt(this, this.lastScheduledTime);
    }
  }

  private sendEvent(se: StateEvent): void {
    const post = this.post;
    if (post.hasSelector) this.pc.emit(se);
    post.next?.addState(se);
    if (post.nextEvery !== undefined) post.nextEvery.addEveryState(se);
    else if (this.isStart) this.active = false;
    post.callbackPre?.startStateReset();
  }

  override processAndReturn(ev: StreamEvent, out: StateEvent[]): void {
    if (!this.active) return;
    const ignored: StateEvent[] = [];
    super.processAndReturn(ev, ignored);
    void out;
  }
}

export class AbsentStreamPost extends StreamPost {
  override process(se: StateEvent): void {
    const pre = this.pre as AbsentStreamPre;
    pre.stateChanged = true;
    const ev = se.slots[this.stateId] as StreamEvent;
    se.timestamp = ev.timestamp;
    this.returned = true;
    if (pre.isStart && this.nextEvery !== undefined && this.nextEvery === pre) this.nextEvery.addEveryState(se);
    pre.updateLastArrivalTime(ev.timestamp);
  }
}
