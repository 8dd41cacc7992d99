/**
 * `and` / `or` states, after Siddhi's LogicalPreStateProcessor and LogicalPostStateProcessor: two
 * partner states share each match; `and` completes when both slots are filled, `or` when either is.
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { PatternContext } from './pattern-context.js';
import { copyStateEvent, type StateEvent } from './state-event.js';
import { moveFresh, StreamPost, StreamPre } from './stream-state.js';
import { truncate } from '../runtime/truncate.js';

export type LogicalOp = 'and' | 'or';

export class LogicalPre extends StreamPre {
  partner!: LogicalPre;

  constructor(
    pc: PatternContext,
    readonly op: LogicalOp,
  ) {
    super(pc);
  }

  /** Whether the partner state may complete an `and` (an absent partner overrides). */
  partnerCanProceed(se: StateEvent): boolean {
    return se.slots[this.stateId] !== null;
  }

  override addState(se: StateEvent): void {
    if (this.isStart || this.sequence) {
      if (this.fresh.length === 0) this.fresh.push(se);
      if (this.partner.fresh.length === 0) this.partner.fresh.push(se);
    } else {
      this.fresh.push(se);
      this.partner.fresh.push(se);
    }
  }

  override addEveryState(se: StateEvent): void {
    const c = copyStateEvent(se);
    for (let i = this.stateId; i < c.slots.length; i++) c.slots[i] = null;
    this.fresh.push(c);
    c.slots[this.partner.stateId] = null;
    this.partner.fresh.push(c);
  }

  override resetState(): void {
    if (this.op === 'or' || this.pending.length === this.partner.pending.length) {
      truncate(this.pending, 0);
      truncate(this.partner.pending, 0);
      if (this.isStart && this.fresh.length === 0) {
        if (this.sequenceStartBlocked()) return;
        this.init();
      }
    }
  }

  override updateState(): void {
    moveFresh(this);
    moveFresh(this.partner);
  }

  override processAndReturn(ev: StreamEvent, out: StateEvent[]): void {
    const p = this.pending;
    const id = this.stateId;
    const pid = this.partner.stateId;
    let w = 0;
    const n = p.length;
    for (let r = 0; r < n; r++) {
      const se = p[r]!;
      if (this.op === 'or' && se.slots[pid] !== null) continue;
      se.slots[id] = ev;
      this.run(se, ev);
      if (this.lastPost.returned) {
        this.lastPost.returned = false;
        out.push(se);
      }
      if (this.stateChanged) continue;
      se.slots[id] = null;
      if (this.sequence) continue;
      p[w++] = se;
    }
    for (let r = n; r < p.length; r++) p[w++] = p[r]!;
    truncate(p, w);
  }
}

export class LogicalPost extends StreamPost {
  partner!: LogicalPost;
  partnerPre!: LogicalPre;

  constructor(readonly op: LogicalOp) {
    super();
  }

  override setNext(p: StreamPre): void {
    this.next = p;
    this.partner.next = p;
  }

  override setNextEvery(p: StreamPre): void {
    this.nextEvery = p;
    this.partner.nextEvery = p;
  }

  override process(se: StateEvent): void {
    if (this.op === 'and') {
      if (this.partnerPre.partnerCanProceed(se)) super.process(se);
      else this.pre.stateChanged = true;
      return;
    }
    super.process(se);
    if (this.partner.hasSelector && this.pre.lastPost === this.partner) this.partner.returned = true;
  }
}
