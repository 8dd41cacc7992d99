/**
 * How a join finds the events of one side that match an event arriving on the other side (Siddhi's
 * FindableProcessor.find with a CompiledCondition): a scan of a window's contents, a lookup in a
 * key index mirroring a window, a table or named window's own `find`, or nothing (a stream without
 * a window holds no events).
 */
import type { StreamEvent } from '../event/stream-event.js';
import type { CompiledCondition, Findable } from '../table/table.js';
import type { KeyIndex } from './key-index.js';
import type { SideIndex } from './join-scope.js';

/** Generated: the `on` condition over the joined pair `[left, right]`. */
export type PairTest = (d: unknown[][], ts: number) => boolean;

export interface Probe {
  /**
   * Writes to `out` from index 0 the rows (attribute arrays) of the probed side matching `trigger`,
   * oldest first, and returns how many (entries past that are stale).
   */
  find(trigger: unknown[], ts: number, out: unknown[][]): number;
  /** How rows are found: 'none', 'scan', 'index', or the findable's plan ('primaryKey', 'index:x', ...). */
  readonly plan: string;
}

/** A stream without a window: its events do not stay, so nothing is ever found. */
export const emptyProbe: Probe = { plan: 'none', find: () => 0 };

/** Every event a window holds, tested with the condition. */
export class ScanProbe implements Probe {
  readonly plan = 'scan';
  private readonly pair: unknown[][] = [[], []];

  constructor(
    private readonly contents: () => readonly StreamEvent[],
    private readonly test: PairTest | undefined,
    /** The side of the arriving event. */
    private readonly triggerSide: SideIndex,
  ) {}

  find(trigger: unknown[], ts: number, out: unknown[][]): number {
    const events = this.contents();
    const test = this.test;
    let n = 0;
    if (test === undefined) {
      for (let i = 0; i < events.length; i++) out[n++] = events[i]!.data;
      return n;
    }
    const pair = this.pair;
    const t = this.triggerSide;
    const o = 1 - t;
    pair[t] = trigger;
    for (let i = 0; i < events.length; i++) {
      const row = events[i]!.data;
      pair[o] = row;
      if (test(pair, ts)) out[n++] = row;
    }
    return n;
  }
}

/** An equality lookup in a key index over a window's events; the rest of the condition tests the bucket. */
export class IndexProbe implements Probe {
  readonly plan = 'index';
  private readonly pair: unknown[][] = [[], []];

  constructor(
    private readonly index: KeyIndex,
    /** The key of the arriving event (the other operand of the equality). */
    private readonly keyOf: (d: unknown[], ts: number) => unknown,
    private readonly test: PairTest | undefined,
    private readonly triggerSide: SideIndex,
  ) {}

  find(trigger: unknown[], ts: number, out: unknown[][]): number {
    const key = this.keyOf(trigger, ts);
    if (key === null || key === undefined || key !== key) return 0;
    const bucket = this.index.get(key);
    if (bucket === undefined) return 0;
    const rows = bucket.rows;
    const test = this.test;
    let n = 0;
    if (test === undefined) {
      for (let i = bucket.head; i < rows.length; i++) out[n++] = rows[i]!;
      return n;
    }
    const pair = this.pair;
    const t = this.triggerSide;
    const o = 1 - t;
    pair[t] = trigger;
    for (let i = bucket.head; i < rows.length; i++) {
      const row = rows[i]!;
      pair[o] = row;
      if (test(pair, ts)) out[n++] = row;
    }
    return n;
  }
}

/** A table or named window: it compiled the condition (and picked its index) itself. */
export class FindableProbe implements Probe {
  constructor(
    private readonly findable: Findable,
    private readonly cond: CompiledCondition,
  ) {}

  get plan(): string {
    return this.cond.plan;
  }

  find(trigger: unknown[], ts: number, out: unknown[][]): number {
    const rows = this.findable.find(this.cond, trigger, ts);
    for (let i = 0; i < rows.length; i++) out[i] = rows[i]!;
    return rows.length;
  }
}
