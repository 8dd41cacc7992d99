/**
 * The query selector: folds events into aggregators (per group), projects the output attributes,
 * applies `having`, `order by`, `limit` and `offset`, and emits output events, following Siddhi's
 * QuerySelector (including batch mode: after a batch window with aggregates, one event per batch,
 * or one per group).
 */
import type { AggregatorState } from '../registry/extension-impl.js';
import {
  CURRENT,
  EXPIRED,
  OutputEvent,
  RESET,
  type ChunkSink,
  type PairTag,
  type StreamEvent,
} from '../event/stream-event.js';
import { ownable } from '../runtime/own-code.js';
import { truncate } from '../runtime/truncate.js';

/** Generated: feeds the aggregators with one event and writes their values to `a`. */
export type FeedFn = (d: unknown[], ts: number, s: AggregatorState[], a: unknown[], add: boolean) => void;
/** Generated: feeds the aggregators with one event (their values are read from the states after). */
export type AccumulateFn = (d: unknown[], ts: number, s: AggregatorState[], add: boolean) => void;
/** Generated: the output attributes of one event. */
export type ProjectFn = (d: unknown[], ts: number, a: unknown[]) => unknown[];
/** Generated: the `having` condition over the output (`o`) and input (`d`) data. */
export type HavingFn = (o: unknown[], d: unknown[], ts: number, a: unknown[]) => boolean;
export type GroupKeyFn = (d: unknown[], ts: number) => string;

export interface SelectorConfig {
  readonly project: ProjectFn;
  readonly aggregatorCount: number;
  readonly feed: FeedFn | undefined;
  /** Set when `feed` is: what batches feed with. */
  readonly accumulate: AccumulateFn | undefined;
  readonly createStates: () => AggregatorState[];
  readonly groupKey: GroupKeyFn | undefined;
  readonly having: HavingFn | undefined;
  readonly compare: ((a: unknown[], b: unknown[]) => number) | undefined;
  readonly limit: number | undefined;
  readonly offset: number | undefined;
  /** Values after this many are order-by helpers, dropped before output (undefined: none). */
  readonly outputLength?: number;
  readonly currentOn: boolean;
  readonly expiredOn: boolean;
  /** The input comes from a batch window: with group by, or with aggregators, a batch emits per group / once. */
  readonly batching: boolean;
}

/** A group's aggregator states; the tag a sliding window keeps for an event fed into it. */
interface Group extends PairTag {
  readonly states: AggregatorState[];
  live: boolean;
}

export interface SelectorSnapshot {
  readonly groups: [string, unknown[]][];
}

export class QuerySelector {
  private states: AggregatorState[];
  /** The groups, with group by (none without: a partition with many keys holds a selector per key). */
  private groups: Map<string, Group> | undefined;
  private readonly values: unknown[];
  /** Positions of group keys in a batch, once a batch holds many groups (kept empty between batches). */
  private keyIndex: Map<string, number> | undefined = undefined;
  /** One event in, at most one out, nothing to order, cut or trim: the per-event path. */
  private readonly eventwise: boolean;
  /** Set by outputsTrailFeeds: the position of the chunk's last RESET (-1: none). */
  private lastReset = -1;
  /** Set by feedGroup: the group key of the event it fed. */
  private fedKey = '';
  /**
   * Whether a single current event may take the short path of `processOne`: nothing cuts, trims or
   * reorders outputs, so one event in gives what `process` gives for a chunk of that one event.
   */
  private readonly takesOne: boolean;
  /**
   * Whether `processPair` may take its short path: a batching selector with aggregators or group by,
   * no `having`, current events out and expired ones not, so the pair's output is the current event's,
   * with its group's values once both are fed (what `processBatchOne` gives for their chunk).
   */
  private readonly pairs: boolean;

  constructor(
    private readonly cfg: SelectorConfig,
    private readonly next: ChunkSink,
    /** Where `processOne` hands its output event, when the next step takes single events. */
    private readonly nextOne?: (e: OutputEvent) => void,
  ) {
    this.states = cfg.createStates();
    this.groups = cfg.groupKey === undefined ? undefined : new Map();
    this.values = new Array<unknown>(cfg.aggregatorCount);
    this.eventwise =
      !(cfg.batching && (cfg.groupKey !== undefined || cfg.aggregatorCount > 0)) &&
      cfg.compare === undefined &&
      cfg.limit === undefined &&
      cfg.offset === undefined &&
      cfg.outputLength === undefined;
    this.takesOne = cfg.limit === undefined && cfg.offset === undefined && cfg.outputLength === undefined;
    this.pairs =
      this.takesOne &&
      cfg.batching &&
      (cfg.groupKey !== undefined || cfg.aggregatorCount > 0) &&
      cfg.having === undefined &&
      cfg.currentOn &&
      !cfg.expiredOn;
  }

  /**
   * Whether the selector only projects current events: no aggregator, group by, `having`, ordering,
   * limit or offset, and current events are output. Its per-event work is then `project` alone.
   */
  get stateless(): boolean {
    const cfg = this.cfg;
    return (
      this.takesOne &&
      cfg.currentOn &&
      cfg.aggregatorCount === 0 &&
      cfg.groupKey === undefined &&
      cfg.having === undefined &&
      cfg.compare === undefined
    );
  }

  /**
   * Whether the selector may fold a batch as it fills (see `BatchFold`): what `pairs` asks, with
   * aggregators and no group by or ordering. A batch's chunk then outputs its last event with the
   * batch's aggregates, whatever the expired events and RESET before.
   */
  get folds(): boolean {
    return this.pairs && this.cfg.groupKey === undefined && this.cfg.compare === undefined;
  }

  /**
   * Whether the selector may take a sliding window's leaving events one by one (see `LeaveSink`): what
   * `pairs` asks. A chunk of expired events and a current one then outputs what feeding each expired
   * event (`leaveOne`) and then taking the current one alone (`processOne`) outputs.
   */
  get takesLeaving(): boolean {
    return this.pairs;
  }

  /** Feeds an event leaving a sliding window to its group's aggregators (`takesLeaving`); outputs nothing. */
  leaveOne(timestamp: number, data: unknown[]): void {
    const cfg = this.cfg;
    const accumulate = cfg.accumulate;
    if (accumulate === undefined) return;
    const key = cfg.groupKey;
    accumulate(data, timestamp, key === undefined ? this.states : this.groupStates(key(data, timestamp)), false);
  }

  /** Folds an event of the batch being filled into the aggregates (`folds`: there are aggregators). */
  foldOne(timestamp: number, data: unknown[]): void {
    this.cfg.accumulate!(data, timestamp, this.states, true);
  }

  /** Outputs the folded batch: its last event (given) with the batch's aggregates; the next batch starts afresh. */
  emitFolded(timestamp: number, data: unknown[]): void {
    const o = new OutputEvent(timestamp, this.cfg.project(data, timestamp, this.valuesOf(this.states)), CURRENT);
    this.reset();
    this.emitOne(o);
  }

  /** Starts the batch being folded afresh. */
  resetFold(): void {
    this.reset();
  }

  /** One current event (the per-event lane). */
  processOne(timestamp: number, data: unknown[]): void {
    if (this.takesOne !== true) {
      this.process([{ timestamp, data, type: CURRENT }]);
      return;
    }
    const cfg = this.cfg;
    const a = this.values;
    // `apply` for a current event, kept apart from it: one shared body costs ~10% on time-sum (callgrind).
    const k = cfg.groupKey === undefined ? undefined : cfg.groupKey(data, timestamp);
    if (cfg.feed !== undefined) cfg.feed(data, timestamp, k === undefined ? this.states : this.groupStates(k), a, true);
    if (cfg.currentOn !== true) return;
    const o = cfg.project(data, timestamp, a);
    if (cfg.having !== undefined && !cfg.having(o, data, timestamp, a)) return;
    this.emitOne(new OutputEvent(timestamp, o, CURRENT, k));
  }

  /**
   * An expired event and the current one that pushed it out of a sliding window (their chunk of two).
   * With group by and aggregators, the tags are groups: the window hands back, with the expired event,
   * the group the event fed when it came in, which spares finding it again (a Map lookup by its key)
   * while the group is live. Without aggregators the expired event changes nothing: no tag.
   */
  processPair(
    expiredTs: number,
    expiredData: unknown[],
    timestamp: number,
    data: unknown[],
    expiredTag: PairTag | undefined,
  ): PairTag | undefined {
    if (this.pairs !== true) {
      this.process([
        { timestamp: expiredTs, data: expiredData, type: EXPIRED },
        { timestamp, data, type: CURRENT },
      ]);
      return undefined;
    }
    const cfg = this.cfg;
    const accumulate = cfg.accumulate;
    const key = cfg.groupKey;
    let states = this.states;
    let k: string | undefined;
    let group: Group | undefined;
    if (key === undefined) {
      if (accumulate !== undefined) {
        accumulate(expiredData, expiredTs, states, false);
        accumulate(data, timestamp, states, true);
      }
    } else {
      k = key(data, timestamp);
      if (accumulate !== undefined) {
        const gone =
          expiredTag !== undefined && expiredTag.live === true
            ? (expiredTag as Group).states
            : this.groupStates(key(expiredData, expiredTs));
        accumulate(expiredData, expiredTs, gone, false);
        group = this.group(k);
        states = group.states;
        accumulate(data, timestamp, states, true);
      } else {
        states = this.groupStates(k);
      }
    }
    this.emitOne(new OutputEvent(timestamp, cfg.project(data, timestamp, this.valuesOf(states)), CURRENT, k));
    return group;
  }

  /** Hands one output event on: to `nextOne` when set, else as a chunk of one. */
  private emitOne(o: OutputEvent): void {
    if (this.nextOne !== undefined) this.nextOne(o);
    else this.next([o]);
  }

  process(chunk: StreamEvent[]): void {
    const cfg = this.cfg;
    if (chunk.length === 1 && this.eventwise) {
      const o = this.apply(chunk[0]!);
      if (o !== undefined) this.emitOne(o);
      return;
    }
    let out: OutputEvent[];
    if (cfg.batching && (cfg.groupKey !== undefined || cfg.aggregatorCount > 0)) {
      out = this.finish(this.processBatch(chunk));
    } else if (cfg.groupKey !== undefined) {
      // Siddhi's grouped (non-batch) path neither orders nor offsets; `limit` keeps the first N.
      out = this.processEach(chunk);
      if (cfg.limit !== undefined) truncate(out, cfg.limit);
    } else {
      out = this.finish(this.processEach(chunk));
    }
    if (out.length === 0) return;
    const n = cfg.outputLength;
    if (n !== undefined) for (const e of out) truncate(e.data, n);
    if (out.length === 1) this.emitOne(out[0]!);
    else this.next(out);
  }

  private groupStates(k: string): AggregatorState[] {
    return this.group(k).states;
  }

  private group(k: string): Group {
    const groups = (this.groups ??= new Map());
    let g = groups.get(k);
    if (g === undefined) {
      g = { states: this.cfg.createStates(), live: true };
      groups.set(k, g);
    }
    return g;
  }

  /** Drops every group; tags naming one (held by a window) are no longer live. */
  private dropGroups(): void {
    const groups = this.groups;
    if (groups === undefined) return;
    for (const g of groups.values()) g.live = false;
    groups.clear();
  }

  private reset(): void {
    if (this.cfg.groupKey !== undefined) {
      for (const g of this.groups?.values() ?? []) for (const st of g.states) st.reset();
      // Siddhi keeps group states across resets but resets them; drop them to bound memory.
      this.dropGroups();
    } else {
      for (const st of this.states) st.reset();
    }
  }

  /** Applies one event; returns its output event, or undefined when it produces none. */
  private apply(e: StreamEvent): OutputEvent | undefined {
    const type = e.type;
    if (type === RESET) {
      this.reset();
      return undefined;
    }
    if (type !== CURRENT && type !== EXPIRED) return undefined;
    const cfg = this.cfg;
    const a = this.values;
    const k = cfg.groupKey === undefined ? undefined : cfg.groupKey(e.data, e.timestamp);
    if (cfg.feed !== undefined) {
      cfg.feed(e.data, e.timestamp, k === undefined ? this.states : this.groupStates(k), a, type === CURRENT);
    }
    if (type === CURRENT ? !cfg.currentOn : !cfg.expiredOn) return undefined;
    const o = cfg.project(e.data, e.timestamp, a);
    if (cfg.having !== undefined && !cfg.having(o, e.data, e.timestamp, a)) return undefined;
    return new OutputEvent(e.timestamp, o, type, k);
  }

  private processEach(chunk: StreamEvent[]): OutputEvent[] {
    const out: OutputEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const o = this.apply(chunk[i]!);
      if (o !== undefined) out.push(o);
    }
    return out;
  }

  /**
   * Batch mode: the last output of the batch, or the last per group in first-seen order. Without
   * `having`, only the events that are output get projected: every event still feeds the aggregators,
   * and an output's aggregate values are those after its own event, which are the batch's final ones
   * when nothing is fed after it (per group: its group's final values).
   */
  private processBatch(chunk: StreamEvent[]): OutputEvent[] {
    const cfg = this.cfg;
    const key = cfg.groupKey;
    const outputs = cfg.having === undefined ? this.outputsTrailFeeds(chunk) : -1;
    if (outputs < 0) return this.processBatchEach(chunk);
    // Nothing before the chunk's last RESET is output (see outputsTrailFeeds), and the RESET clears
    // what feeding it would change: a batch window's expired events need not be fed just to be wiped.
    let from = 0;
    if (this.lastReset >= 0) {
      this.reset();
      from = this.lastReset + 1;
    }
    if (key === undefined) {
      let last = -1;
      const states = this.states;
      const accumulate = cfg.accumulate;
      for (let i = from; i < chunk.length; i++) {
        const e = chunk[i]!;
        const type = e.type;
        if (type !== CURRENT && type !== EXPIRED) continue;
        if (accumulate !== undefined) accumulate(e.data, e.timestamp, states, type === CURRENT);
        if (type === CURRENT ? cfg.currentOn : cfg.expiredOn) last = i;
      }
      if (last < 0) return [];
      const e = chunk[last]!;
      return [new OutputEvent(e.timestamp, cfg.project(e.data, e.timestamp, this.valuesOf(states)), e.type)];
    }
    if (outputs === 1) return this.processBatchOne(chunk, key, from);
    // The groups output by this chunk, in first-seen order, with their last event. Chunks are small
    // (a sliding window's expired + current event): a linear search beats building maps.
    if (this.keyIndex !== undefined && this.keyIndex.size > 0) this.keyIndex.clear();
    const keys: string[] = [];
    const lasts: StreamEvent[] = [];
    const statesOf: AggregatorState[][] = [];
    for (let i = from; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (e.type !== CURRENT && e.type !== EXPIRED) continue;
      const states = this.feedGroup(e, key);
      if (e.type === CURRENT ? cfg.currentOn : cfg.expiredOn) {
        const k = this.fedKey;
        const index = keys.length < 16 ? undefined : (this.keyIndex ??= new Map());
        const at = index === undefined ? keys.indexOf(k) : indexIn(keys, k, index);
        if (at < 0) {
          if (index !== undefined) index.set(k, keys.length);
          keys.push(k);
          lasts.push(e);
          statesOf.push(states);
        } else {
          lasts[at] = e;
          statesOf[at] = states;
        }
      }
    }
    const out: OutputEvent[] = new Array<OutputEvent>(keys.length);
    for (let g = 0; g < keys.length; g++) {
      const e = lasts[g]!;
      out[g] = new OutputEvent(
        e.timestamp,
        cfg.project(e.data, e.timestamp, this.valuesOf(statesOf[g]!)),
        e.type,
        keys[g],
      );
    }
    return out;
  }

  /** The current values of `states`, in the values array projections read. */
  private valuesOf(states: AggregatorState[]): unknown[] {
    const a = this.values;
    for (let j = 0; j < states.length; j++) a[j] = states[j]!.value();
    return a;
  }

  /** Feeds a current or expired event to its group's aggregators; returns the group's states (its key: `fedKey`). */
  private feedGroup(e: StreamEvent, key: GroupKeyFn): AggregatorState[] {
    const k = key(e.data, e.timestamp);
    const states = this.groupStates(k);
    const accumulate = this.cfg.accumulate;
    if (accumulate !== undefined) accumulate(e.data, e.timestamp, states, e.type === CURRENT);
    this.fedKey = k;
    return states;
  }

  /**
   * Grouped batch mode when one event of the chunk is output (a sliding window's expired event and the
   * current one that pushed it out): that event's group, without the arrays of groups.
   */
  private processBatchOne(chunk: StreamEvent[], key: GroupKeyFn, from: number): OutputEvent[] {
    const cfg = this.cfg;
    let out: StreamEvent | undefined;
    let outKey = '';
    let outStates: AggregatorState[] = this.states;
    for (let i = from; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (e.type !== CURRENT && e.type !== EXPIRED) continue;
      const states = this.feedGroup(e, key);
      if (e.type === CURRENT ? cfg.currentOn : cfg.expiredOn) {
        out = e;
        outKey = this.fedKey;
        outStates = states;
      }
    }
    const a = this.valuesOf(outStates);
    return [new OutputEvent(out!.timestamp, cfg.project(out!.data, out!.timestamp, a), out!.type, outKey)];
  }

  /**
   * How many events of the chunk are output, when no event that is not output is fed after the first
   * one that is (expired, reset, current); -1 when one is. Sets `lastReset`: any RESET then comes
   * before the first output.
   */
  private outputsTrailFeeds(chunk: StreamEvent[]): number {
    const cfg = this.cfg;
    let outputs = 0;
    this.lastReset = -1;
    for (let i = 0; i < chunk.length; i++) {
      const t = chunk[i]!.type;
      if (t === RESET) {
        if (outputs > 0) return -1;
        this.lastReset = i;
        continue;
      }
      if (t !== CURRENT && t !== EXPIRED) continue;
      if (t === CURRENT ? cfg.currentOn : cfg.expiredOn) outputs++;
      else if (outputs > 0) return -1;
    }
    return outputs;
  }

  /** Batch mode projecting every event (needed for `having`). */
  private processBatchEach(chunk: StreamEvent[]): OutputEvent[] {
    const key = this.cfg.groupKey;
    if (key === undefined) {
      let last: OutputEvent | undefined;
      for (let i = 0; i < chunk.length; i++) {
        const o = this.apply(chunk[i]!);
        if (o !== undefined) last = o;
      }
      return last === undefined ? [] : [last];
    }
    const byGroup = new Map<string, OutputEvent>();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      const o = this.apply(e);
      if (o === undefined) continue;
      byGroup.set(key(e.data, e.timestamp), o);
    }
    return [...byGroup.values()];
  }

  private finish(out: OutputEvent[]): OutputEvent[] {
    const cfg = this.cfg;
    if (cfg.compare !== undefined) {
      const cmp = cfg.compare;
      out = out
        .map((e, i) => ({ e, i }))
        .sort((x, y) => cmp(x.e.data, y.e.data) || x.i - y.i)
        .map((x) => x.e);
    }
    if (cfg.offset !== undefined || cfg.limit !== undefined) {
      const from = cfg.offset ?? 0;
      out = out.slice(from, cfg.limit === undefined ? undefined : from + cfg.limit);
    }
    return out;
  }

  snapshot(): SelectorSnapshot {
    const groups: [string, unknown[]][] = [['', this.states.map((s) => s.snapshot())]];
    for (const [k, g] of this.groups ?? []) groups.push([`g:${k}`, g.states.map((st) => st.snapshot())]);
    return { groups };
  }

  restore(snap: SelectorSnapshot): void {
    this.dropGroups();
    for (const [k, states] of snap.groups) {
      const s = this.cfg.createStates();
      s.forEach((st, i) => st.restore(states[i]));
      if (k === '') this.states = s;
      else (this.groups ??= new Map()).set(k.slice(2), { states: s, live: true });
    }
  }
}

/** The position of `k` in `keys`: `index` holds the positions of all keys once there are 16 or more. */
function indexIn(keys: string[], k: string, index: Map<string, number>): number {
  if (index.size < keys.length) for (let i = index.size; i < keys.length; i++) index.set(keys[i]!, i);
  return index.get(k) ?? -1;
}

/** Each query runs its own copy of the selector (see own-code.ts). */
export const ownSelector = ownable(QuerySelector, { CURRENT, EXPIRED, OutputEvent, RESET, indexIn, truncate });
