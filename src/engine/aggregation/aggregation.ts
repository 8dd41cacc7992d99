/**
 * One running incremental aggregation (`define aggregation`): each event is folded into the
 * bucket of its timestamp at every granularity (seconds ... years), per group, so out-of-order
 * events land in their own bucket. Reads (`within ... per ...`, from joins and on-demand queries)
 * return the rows of one granularity, `[AGG_TIMESTAMP, ...select outputs]`.
 *
 * Joins call `find(start, end, per)` with the `within` range and `per` value of the joined event,
 * then test their `on` condition on the rows; `AGG_TIMESTAMP` is at index 0 of each row.
 */
import type { AttributeType } from '../../lang/ast.js';
import type { Attribute } from '../app/app-context.js';
import { CURRENT, type StreamEvent } from '../event/stream-event.js';
import { foldValue, finishValue, type BaseKind, type Finisher } from './base-values.js';
import { InMemoryBucketStore, type Bucket, type BucketStore } from './bucket-store.js';
import type { Zone } from '../functions/time/zones.js';
import { bucketStart, nextBucketStart, normalizeDuration, type Granularity } from './granularity.js';
import { hashOrder, primaryKeyOrder } from './find-order.js';
import { AggregationReadError } from './within-time.js';

type EventFn = (d: unknown[], ts: number) => unknown;

/** Where an output of `select` comes from. */
export type OutputSource =
  | { readonly kind: 'group'; readonly index: number }
  | { readonly kind: 'latest'; readonly index: number }
  | { readonly kind: 'aggregate'; readonly finisher: Finisher };

/** The compiled definition: what to read from each event and how to produce the output rows. */
export interface AggregationPlan {
  readonly id: string;
  /** `AGG_TIMESTAMP` then the outputs of `select`, in order. */
  readonly attributes: readonly Attribute[];
  readonly granularities: readonly Granularity[];
  /** The `aggregate by` timestamp (epoch millis); undefined: the app clock when the event arrives. */
  readonly timestamp?: (d: unknown[], ts: number) => number;
  readonly now: () => number;
  /** The aggregation time zone of hours, days, months and years; undefined: UTC. */
  readonly zone?: Zone;
  readonly groupBy: readonly EventFn[];
  /** The types of the `group by` values. */
  readonly groupByTypes: readonly AttributeType[];
  readonly bases: readonly {
    readonly name: string;
    readonly kind: BaseKind;
    readonly type: AttributeType;
    readonly input?: EventFn;
  }[];
  readonly latest: readonly EventFn[];
  /** The names and types of the outputs `latest` computes. */
  readonly latestAttributes: readonly Attribute[];
  /** The names and types of the `group by` attributes. */
  readonly groupByAttributes: readonly Attribute[];
  readonly outputs: readonly OutputSource[];
}

/** Per granularity, the bucket currently being filled (saves a lookup per event and granularity). */
interface Cursor {
  start: number;
  next: number;
}

export class IncrementalAggregation {
  readonly id: string;
  readonly attributes: readonly Attribute[];
  readonly granularities: readonly Granularity[];
  private readonly cursors: Cursor[];
  /** Per granularity, the most completed buckets held at once (the capacity of Siddhi's table map). */
  private readonly tableRows = new Map<Granularity, number>();
  /** The base inputs of the event being added. */
  private readonly scratch: unknown[] = [];
  /** The greatest event timestamp seen (`aggregate by`), or the clock: buckets ending by then are complete. */
  private watermark = -Infinity;

  constructor(
    private readonly plan: AggregationPlan,
    private readonly store: BucketStore = new InMemoryBucketStore(),
  ) {
    this.id = plan.id;
    this.attributes = plan.attributes;
    this.granularities = plan.granularities;
    this.cursors = plan.granularities.map(() => ({ start: NaN, next: NaN }));
  }

  /** Folds the current events of a chunk into their buckets. */
  ingest(chunk: readonly StreamEvent[]): void {
    const p = this.plan;
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (e.type !== CURRENT) continue;
      const d = e.data;
      const ts = p.timestamp ? p.timestamp(d, e.timestamp) : p.now();
      this.add(d, e.timestamp, ts);
      if (ts > this.watermark) this.watermark = ts;
    }
    if (this.store.complete) this.store.complete(p.timestamp ? this.watermark : p.now());
  }

  private add(d: unknown[], eventTs: number, ts: number): void {
    const p = this.plan;
    const groupValues = p.groupBy.length === 0 ? EMPTY : p.groupBy.map((f) => f(d, eventTs));
    const key = p.groupBy.length === 0 ? '' : groupKey(groupValues);
    const bases = p.bases;
    const baseInputs = this.scratch;
    for (let k = 0; k < bases.length; k++) {
      const input = bases[k]!.input;
      baseInputs[k] = input ? input(d, eventTs) : null;
    }
    const latest = p.latest.length === 0 ? EMPTY : p.latest.map((f) => f(d, eventTs));
    const external = p.timestamp !== undefined;
    for (let g = 0; g < p.granularities.length; g++) {
      const gran = p.granularities[g]!;
      const c = this.cursors[g]!;
      if (!(ts >= c.start && ts < c.next)) {
        c.start = bucketStart(ts, gran, p.zone);
        c.next = nextBucketStart(ts, gran, p.zone);
      }
      const start = c.start;
      let b = this.store.get(gran, start, key, groupValues);
      if (b === undefined) {
        b = this.newBucket(start, groupValues);
        this.store.put(gran, key, b);
      }
      const bv = b.bases;
      for (let k = 0; k < bases.length; k++) bv[k] = foldValue(bases[k]!.kind, bv[k], baseInputs[k]);
      // The latest values: of the event with the greatest timestamp (the last to arrive on ties).
      if (!external || ts >= b.lastTs) {
        for (let k = 0; k < latest.length; k++) b.latest[k] = latest[k];
        b.lastTs = ts;
      }
    }
  }

  private newBucket(start: number, groupValues: readonly unknown[]): Bucket {
    return {
      start,
      groupValues,
      bases: this.plan.bases.map((b) => (b.kind === 'set' ? new Set<unknown>() : null)),
      latest: this.plan.latest.map(() => null),
      lastTs: -Infinity,
    };
  }

  /** The granularity named by a `per` value, or an error naming the ones this aggregation has. */
  granularityOf(per: unknown): Granularity {
    const g = typeof per === 'string' ? normalizeDuration(per) : undefined;
    if (!g) {
      throw new AggregationReadError(
        `'per ${String(per)}' is not a granularity; use seconds, minutes, hours, days, months or years`,
      );
    }
    if (!this.granularities.includes(g)) {
      throw new AggregationReadError(
        `aggregation '${this.id}' has no ${g} granularity, so it cannot answer 'per ${String(per)}'; it aggregates ${this.granularities.join(', ')}`,
      );
    }
    return g;
  }

  /**
   * The rows of the buckets of granularity `per` starting in `[start, end)`: `[AGG_TIMESTAMP,
   * ...outputs]`, oldest first. `per` is a granularity or a `per` value (`'hours'`, `'min'`).
   */
  find(start: number, end: number, per: Granularity | string): unknown[][] {
    const g = this.granularityOf(per);
    const buckets = this.inSiddhiOrder(g, this.store.range(g, start, end));
    const rows: unknown[][] = new Array<unknown[]>(buckets.length);
    for (let i = 0; i < buckets.length; i++) rows[i] = this.row(buckets[i]!);
    return rows;
  }

  /** Buckets (ascending) in the order Siddhi returns them (see `find-order.ts`). */
  private inSiddhiOrder(g: Granularity, buckets: Bucket[]): Bucket[] {
    if (buckets.length < 2) return buckets;
    const types = this.plan.groupByTypes;
    if (this.plan.timestamp) return hashOrder(buckets, types, buckets.length);
    if (types.length === 0) return buckets;
    const running = bucketStart(this.plan.now(), g, this.plan.zone);
    let split = buckets.findIndex((b) => b.start >= running);
    if (split < 0) split = buckets.length;
    // Completed buckets come from the granularity's table: an in-memory table iterates as a HashMap,
    // a database returns them in primary-key order (AGG_TIMESTAMP, then the group-by values).
    const done = this.store.persistent
      ? primaryKeyOrder(buckets.slice(0, split))
      : this.hashOrdered(g, buckets.slice(0, split), running);
    return split === buckets.length
      ? done
      : done.concat(hashOrder(buckets.slice(split), types, buckets.length - split));
  }

  /** Completed buckets of an in-memory aggregation: the order of Siddhi's in-memory table (a HashMap). */
  private hashOrdered(g: Granularity, done: Bucket[], running: number): Bucket[] {
    const completed = this.store.size(g) - this.store.range(g, running, Infinity).length;
    const rows = Math.max(this.tableRows.get(g) ?? 0, completed);
    this.tableRows.set(g, rows);
    return hashOrder(done, this.plan.groupByTypes, rows);
  }

  private row(b: Bucket): unknown[] {
    const outs = this.plan.outputs;
    const row: unknown[] = new Array<unknown>(outs.length + 1);
    row[0] = b.start;
    for (let i = 0; i < outs.length; i++) {
      const o = outs[i]!;
      row[i + 1] =
        o.kind === 'group'
          ? b.groupValues[o.index]
          : o.kind === 'latest'
            ? b.latest[o.index]
            : finishValue(o.finisher, b.bases);
    }
    return row;
  }

  /** Drops the buckets of `g` that started before `cutoff`. */
  purge(g: Granularity, cutoff: number): number {
    return this.store.purgeBefore(g, cutoff);
  }

  snapshot(): unknown {
    // A stored aggregation's state is its tables: write what is being filled, carry nothing.
    if (this.store.persistent) {
      this.store.writeOpen?.();
      return { stored: true };
    }
    const buckets: Record<string, unknown[]> = {};
    for (const g of this.granularities) {
      buckets[g] = this.store
        .all(g)
        .map((b) => [
          b.start,
          b.groupValues,
          b.bases.map((v) => (v instanceof Set ? { set: [...v] } : v)),
          b.latest,
          Number.isFinite(b.lastTs) ? b.lastTs : null,
        ]);
    }
    return { buckets };
  }

  restore(state: unknown): void {
    if (this.store.persistent) {
      // The database is the state: keep what was folded since, and read it back from there.
      this.store.writeOpen?.();
      this.store.clear();
      for (const c of this.cursors) c.start = c.next = NaN;
      return;
    }
    const s = state as { buckets?: Record<string, unknown> } | null;
    if (!s || typeof s !== 'object' || typeof s.buckets !== 'object' || s.buckets === null) {
      throw new Error(`cannot restore aggregation '${this.id}': the snapshot holds no buckets`);
    }
    this.store.clear();
    for (const c of this.cursors) c.start = c.next = NaN;
    for (const g of this.granularities) {
      const list = (s.buckets as Record<string, unknown>)[g];
      if (!Array.isArray(list)) continue;
      for (const item of list as unknown[][]) {
        const [start, groupValues, bases, latest, lastTs] = item as [
          number,
          unknown[],
          unknown[],
          unknown[],
          number | null,
        ];
        const key = this.plan.groupBy.length === 0 ? '' : groupKey(groupValues);
        this.store.put(g, key, {
          start,
          groupValues,
          bases: bases.map((v) =>
            v !== null && typeof v === 'object' && Array.isArray((v as { set?: unknown }).set)
              ? new Set((v as { set: unknown[] }).set)
              : v,
          ),
          latest: [...latest],
          lastTs: lastTs ?? -Infinity,
        });
      }
    }
  }
}

const EMPTY: readonly unknown[] = [];

/** The key of a group's buckets: its values, typed, joined. */
export function groupKey(values: readonly unknown[]): string {
  let k = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    k +=
      (i === 0 ? '' : '\u0001') + (typeof v === 'string' ? 's' : v === null || v === undefined ? 'n' : 'v') + String(v);
  }
  return k;
}
