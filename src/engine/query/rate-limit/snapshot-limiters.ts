/**
 * The snapshot limiters, chosen as Siddhi chooses them (see `createSnapshotLimiter`). They rebuild
 * what the query holds from the selector's output stream of current and expired events.
 */
import { cloneEvent, CURRENT, EXPIRED, RESET, type ChunkSink, type StreamEvent } from '../../event/stream-event.js';
import type { Scheduler } from '../../time/scheduler.js';
import { entriesOf, hold, release, type HeldEvent } from './held-events.js';
import { sameData, SnapshotLimiter } from './snapshot-limiter.js';
import { Fifo } from '../../runtime/fifo.js';

/**
 * No window (`clearOnExpired` false): the last current event, re-emitted on every tick.
 * Windowed, all outputs aggregates, no `group by` (`clearOnExpired` true): the last current event,
 * forgotten when an expired (or reset) event follows it, so an emptied window emits nothing.
 */
export class LastEventSnapshot extends SnapshotLimiter {
  private last: StreamEvent | undefined;

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly clearOnExpired: boolean,
  ) {
    super(scheduler, period, next);
  }

  protected take(e: StreamEvent): void {
    if (e.type === CURRENT) this.last = e;
    else if (this.clearOnExpired && (e.type === EXPIRED || e.type === RESET)) this.last = undefined;
  }

  protected contents(): StreamEvent[] {
    return this.last === undefined ? [] : [cloneEvent(this.last)];
  }

  readonly stateful = {
    snapshot: (): unknown => ({ last: this.last === undefined ? null : hold(this.last) }),
    restore: (s: unknown): void => {
      const last = (s as { last: HeldEvent | null }).last;
      this.last = last === null ? undefined : release(last);
    },
  };
}

/** No window, `group by`: the last current event of each group, groups in first-seen order. */
export class GroupSnapshot extends SnapshotLimiter {
  private lastOf = new Map<string, StreamEvent>();

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly keyOf: (e: StreamEvent) => string,
  ) {
    super(scheduler, period, next);
  }

  protected take(e: StreamEvent): void {
    if (e.type === CURRENT) this.lastOf.set(this.keyOf(e), e);
  }

  protected contents(): StreamEvent[] {
    return [...this.lastOf.values()].map((e) => cloneEvent(e));
  }

  readonly stateful = {
    snapshot: (): unknown => ({ lastOf: entriesOf(this.lastOf, hold) }),
    restore: (s: unknown): void => {
      this.lastOf = new Map((s as { lastOf: [string, HeldEvent][] }).lastOf.map(([k, e]) => [k, release(e)]));
    },
  };
}

/**
 * Windowed, no aggregates (with or without `group by`): the window's content as output events:
 * current events are kept, an expired event removes the first kept event with the same data.
 */
export class WindowSnapshot extends SnapshotLimiter {
  /** The window's events, oldest first: one leaving a FIFO window (time, length) is the oldest. */
  private held = new Fifo<StreamEvent>();

  protected take(e: StreamEvent): void {
    if (e.type === CURRENT) this.held.push(e);
    else if (e.type === EXPIRED) {
      const i = this.held.findIndex((h) => sameData(h.data, e.data));
      if (i >= 0) this.held.removeAt(i);
    } else if (e.type === RESET) this.held.clear();
  }

  protected contents(): StreamEvent[] {
    return this.held.toArray().map((e) => cloneEvent(e));
  }

  readonly stateful = {
    snapshot: (): unknown => ({ held: this.held.toArray().map(hold) }),
    restore: (s: unknown): void => {
      this.held = Fifo.of((s as { held: HeldEvent[] }).held.map(release));
    },
  };
}

function aggregateValues(e: StreamEvent, positions: readonly number[]): unknown[] {
  return positions.map((p) => e.data[p]);
}

function withAggregates(e: StreamEvent, positions: readonly number[], values: readonly unknown[]): StreamEvent {
  const c = cloneEvent(e);
  positions.forEach((p, i) => (c.data[p] = values[i]));
  return c;
}

/**
 * Windowed, some outputs aggregates, no `group by`: every event in the window, its aggregate
 * positions showing the latest aggregate values. An expired event removes the first kept event
 * equal to it outside the aggregate positions, and its aggregate values become the latest.
 */
export class AggregationWindowSnapshot extends SnapshotLimiter {
  /** The window's events, oldest first (see WindowSnapshot). */
  private held = new Fifo<StreamEvent>();
  private values: unknown[] | undefined;
  private readonly ignore: ReadonlySet<number>;

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly positions: readonly number[],
  ) {
    super(scheduler, period, next);
    this.ignore = new Set(positions);
  }

  protected take(e: StreamEvent): void {
    if (e.type === CURRENT) {
      this.held.push(e);
      this.values = aggregateValues(e, this.positions);
    } else if (e.type === EXPIRED) {
      const i = this.held.findIndex((h) => sameData(e.data, h.data, this.ignore));
      if (i >= 0) {
        this.held.removeAt(i);
        this.values = aggregateValues(e, this.positions);
      }
    } else if (e.type === RESET) {
      this.held.clear();
      this.values = undefined;
    }
  }

  protected contents(): StreamEvent[] {
    const values = this.values;
    return this.held
      .toArray()
      .map((e) => (values === undefined ? cloneEvent(e) : withAggregates(e, this.positions, values)));
  }

  readonly stateful = {
    snapshot: (): unknown => ({ held: this.held.toArray().map(hold), values: this.values ?? null }),
    restore: (s: unknown): void => {
      const st = s as { held: HeldEvent[]; values: unknown[] | null };
      this.held = Fifo.of(st.held.map(release));
      this.values = st.values ?? undefined;
    },
  };
}

interface KeyedEvent {
  readonly key: string;
  readonly event: StreamEvent;
}

/**
 * Windowed, some outputs aggregates, `group by`: per group present in the window, its first kept
 * event with the group's latest aggregate values, in the order of the kept events.
 */
export class AggregationGroupWindowSnapshot extends SnapshotLimiter {
  /** The window's events with their groups, oldest first (see WindowSnapshot). */
  private held = new Fifo<KeyedEvent>();
  private valuesOf = new Map<string, unknown[]>();
  private readonly ignore: ReadonlySet<number>;

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly positions: readonly number[],
    private readonly keyOf: (e: StreamEvent) => string,
  ) {
    super(scheduler, period, next);
    this.ignore = new Set(positions);
  }

  protected take(e: StreamEvent): void {
    if (e.type === CURRENT) {
      const key = this.keyOf(e);
      this.held.push({ key, event: e });
      this.valuesOf.set(key, aggregateValues(e, this.positions));
    } else if (e.type === EXPIRED) {
      const i = this.held.findIndex((h) => sameData(h.event.data, e.data, this.ignore));
      if (i >= 0) {
        this.held.removeAt(i);
        this.valuesOf.set(this.keyOf(e), aggregateValues(e, this.positions));
      }
    } else if (e.type === RESET) {
      this.held.clear();
      this.valuesOf.clear();
    }
  }

  protected contents(): StreamEvent[] {
    const out: StreamEvent[] = [];
    const done = new Set<string>();
    for (const { key, event } of this.held.toArray()) {
      if (done.has(key)) continue;
      done.add(key);
      const values = this.valuesOf.get(key);
      out.push(values === undefined ? cloneEvent(event) : withAggregates(event, this.positions, values));
    }
    return out;
  }

  readonly stateful = {
    snapshot: (): unknown => ({
      held: this.held.toArray().map((h) => [h.key, hold(h.event)]),
      valuesOf: [...this.valuesOf],
    }),
    restore: (s: unknown): void => {
      const st = s as { held: [string, HeldEvent][]; valuesOf: [string, unknown[]][] };
      this.held = Fifo.of(st.held.map(([key, e]) => ({ key, event: release(e) })));
      this.valuesOf = new Map(st.valuesOf);
    },
  };
}

interface GroupLast {
  count: number;
  last: StreamEvent;
}

/**
 * Windowed, all outputs aggregates, `group by`: per group still in the window, its latest output
 * event, current or expired (an expired event that leaves the group non-empty is re-emitted as
 * expired, as Siddhi does); a group whose events all expired is dropped at the next tick.
 */
export class AllAggregationGroupWindowSnapshot extends SnapshotLimiter {
  private groups = new Map<string, GroupLast>();

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly keyOf: (e: StreamEvent) => string,
  ) {
    super(scheduler, period, next);
  }

  protected take(e: StreamEvent): void {
    if (e.type === RESET) {
      this.groups.clear();
      return;
    }
    if (e.type !== CURRENT && e.type !== EXPIRED) return;
    const key = this.keyOf(e);
    let g = this.groups.get(key);
    if (g === undefined) {
      g = { count: 0, last: e };
      this.groups.set(key, g);
    }
    g.last = e;
    g.count += e.type === CURRENT ? 1 : -1;
  }

  protected contents(): StreamEvent[] {
    const out: StreamEvent[] = [];
    for (const [key, g] of this.groups) {
      if (g.count <= 0) this.groups.delete(key);
      else out.push(cloneEvent(g.last));
    }
    return out;
  }

  readonly stateful = {
    snapshot: (): unknown => ({
      groups: entriesOf(this.groups, (g) => ({ count: g.count, last: hold(g.last) })),
    }),
    restore: (s: unknown): void => {
      const st = s as { groups: [string, { count: number; last: HeldEvent }][] };
      this.groups = new Map(st.groups.map(([k, g]) => [k, { count: g.count, last: release(g.last) }]));
    },
  };
}
