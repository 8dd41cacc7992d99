/**
 * An absent side of `and` / `or` (`not S for t and e2=T`, `not S and e2=T`), after Siddhi's
 * AbsentLogicalPreStateProcessor and AbsentLogicalPostStateProcessor.
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { AbsentArrival } from './absent-state.js';
import type { PatternContext, TimedState } from './pattern-context.js';
import { copyStateEvent, lastTimestamp, newStateEvent, type StateEvent } from './state-event.js';
import { LogicalPost, LogicalPre, type LogicalOp } from './logical-state.js';
import { truncate } from '../runtime/truncate.js';

export class AbsentLogicalPre extends LogicalPre implements TimedState, AbsentArrival {
  override readonly isAbsent = true;
  lastArrivalTime = 0;
  active = true;
  /** The empty event that marks "nothing arrived" in the slot. */
  private readonly nothing: StreamEvent;

  constructor(
    pc: PatternContext,
    op: LogicalOp,
    readonly waitingTime: number,
    attributeCount: number,
  ) {
    super(pc, op);
    this.nothing = { timestamp: -1, data: new Array<unknown>(attributeCount).fill(null), type: 0 };
  }

  updateLastArrivalTime(ts: number): void {
    this.lastArrivalTime = ts;
  }

  override addState(se: StateEvent): void {
    if (!this.active) return;
    super.addState(se);
    if (!this.isStart && this.waitingTime !== -1) {
      this.pc.notifyAt(this, se.timestamp + this.waitingTime);
      const partner = this.partner;
      if (partner instanceof AbsentLogicalPre) partner.pc.notifyAt(partner, se.timestamp + partner.waitingTime);
    }
  }

  override addEveryState(se: StateEvent): void {
    const c = copyStateEvent(se);
    const own = c.slots[this.stateId]!;
    if (own !== null) c.timestamp = lastTimestamp(own);
    c.slots[this.stateId] = null;
    c.slots[this.partner.stateId] = null;
    this.fresh.push(c);
    this.partner.fresh.push(c);
  }

  started(): void {
    if (this.isStart && this.waitingTime !== -1 && this.active) {
      this.pc.notifyAt(this, this.pc.now() + this.waitingTime);
    }
  }

  private waitingTimePassed(now: number, se: StateEvent): boolean {
    const s = se.slots[this.stateId]!;
    if (s === null) return now >= se.timestamp + this.waitingTime;
    return now >= lastTimestamp(s) + this.waitingTime;
  }

  onTimer(now: number): void {
    if (!this.active) return;
    let notProcessed = true;
    if (now >= this.lastArrivalTime + this.waitingTime) {
      if (this.isStart && this.sequence && this.fresh.length === 0 && this.pending.length === 0) {
        this.addState(newStateEvent(this.pc.size));
      } else if (this.sequence && this.fresh.length > 0) {
        this.resetState();
      }
      this.updateState();
      let expired: StateEvent | undefined;
      const ret: StateEvent[] = [];
      const p = this.pending;
      const id = this.stateId;
      const pid = this.partner.stateId;
      let w = 0;
      for (let r = 0; r < p.length; r++) {
        const se = p[r]!;
        if (this.isExpired(se, now)) {
          expired = se;
          continue;
        }
        if (this.waitingTimePassed(now, se)) {
          if (this.op === 'or' && se.slots[pid] === null) {
            this.mark(se, id);
            ret.push(se);
          } else if (this.op === 'and' && se.slots[pid] !== null) {
            ret.push(se);
          } else if (this.op === 'and') {
            this.mark(se, id);
          }
          continue;
        }
        p[w++] = se;
      }
      truncate(p, w);
      if (expired !== undefined && this.withinEvery !== undefined) {
        this.withinEvery.addEveryState(expired);
        this.withinEvery.updateState();
      }
      notProcessed = ret.length === 0;
      for (const se of ret) {
        se.timestamp = now;
        this.sendEvent(se);
      }
      this.lastArrivalTime = 0;
    }
    if (this.post.nextEvery !== undefined || (notProcessed && this.isStart)) {
      const at =
        this.lastArrivalTime === 0 ? this.pc.now() + this.waitingTime : this.lastArrivalTime + this.waitingTime;
      this.pc.notifyAt(this, at);
    }
  }

  private mark(se: StateEvent, id: number): void {
    const s = se.slots[id];
    if (Array.isArray(s)) s.push(this.nothing);
    else if (s === null) se.slots[id] = this.nothing;
  }

  private sendEvent(se: StateEvent): void {
    const post = this.post;
    if (post.hasSelector) this.pc.emit(se);
    post.next?.addState(se);
    if (post.nextEvery !== undefined) {
      post.nextEvery.addEveryState(se);
    } else if (this.isStart) {
      this.active = false;
      if (this.op === 'or' && this.partner instanceof AbsentLogicalPre) this.partner.active = false;
    }
    post.callbackPre?.startStateReset();
  }

  override processAndReturn(ev: StreamEvent, out: StateEvent[]): void {
    void out;
    if (!this.active) return;
    const p = this.pending;
    const id = this.stateId;
    const pid = this.partner.stateId;
    let w = 0;
    const n = p.length;
    for (let r = 0; r < n; r++) {
      const se = p[r]!;
      if (this.op === 'or' && se.slots[pid] !== null) continue;
      const current = se.slots[id]!;
      se.slots[id] = ev;
      this.run(se, ev);
      if (this.waitingTime !== -1 || (this.sequence && this.op === 'and' && this.post.nextEvery !== undefined)) {
        se.slots[id] = current;
      }
      let removed = false;
      if (this.lastPost.returned) {
        this.lastPost.returned = false;
        removed = true;
        if (this.sequence) {
          const pp = this.partner.pending;
          const k = pp.indexOf(se);
          if (k >= 0) pp.splice(k, 1);
        }
      }
      if (!this.stateChanged) {
        se.slots[id] = current;
        if (this.sequence) removed = true;
      }
      if (!removed) p[w++] = se;
    }
    for (let r = n; r < p.length; r++) p[w++] = p[r]!;
    truncate(p, w);
  }

  override partnerCanProceed(se: StateEvent): boolean {
    if (this.sequence && this.post.nextEvery === undefined && this.lastArrivalTime > 0) return false;
    if (this.waitingTime === -1) {
      if (this.post.nextEvery === undefined) return se.slots[this.stateId] === null;
      if (this.lastArrivalTime > 0) {
        this.lastArrivalTime = 0;
        this.init();
        return false;
      }
      return true;
    }
    return se.slots[this.stateId] !== null;
  }
}

export class AbsentLogicalPost extends LogicalPost {
  override process(se: StateEvent): void {
    this.pre.stateChanged = true;
    this.returned = true;
    const s = se.slots[this.stateId]!;
    (this.pre as AbsentLogicalPre).updateLastArrivalTime(lastTimestamp(s));
  }
}
