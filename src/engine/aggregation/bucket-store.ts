/**
 * Where the buckets of an incremental aggregation live: per granularity, per bucket start, per
 * group. The in-memory store keeps bucket starts sorted, so reads of a time range and purges of old
 * buckets touch only the buckets they need. A store backed by a database (`@store`) implements
 * the same interface.
 */
import type { Granularity } from './granularity.js';

/** One group's aggregate in one bucket. */
export interface Bucket {
  readonly start: number;
  readonly groupValues: readonly unknown[];
  /** Base values (sums, counts, minima, maxima, sets), per `AggregationPlan.bases`. */
  readonly bases: unknown[];
  /** The latest values of plain (non-aggregated) outputs. */
  readonly latest: unknown[];
  /** The timestamp of the event that set `latest`. */
  lastTs: number;
}

export interface BucketStore {
  /** The bucket of `group` (key of `groupValues`) starting at `start`, or undefined. */
  get(g: Granularity, start: number, group: string, groupValues: readonly unknown[]): Bucket | undefined;
  /** Adds a bucket that `get` did not find. */
  put(g: Granularity, group: string, bucket: Bucket): void;
  /** The buckets starting in `[from, to)`, oldest first, groups in the order they first appeared. */
  range(g: Granularity, from: number, to: number): Bucket[];
  /** Drops the buckets starting before `cutoff`; returns how many were dropped. */
  purgeBefore(g: Granularity, cutoff: number): number;
  /** Every bucket of `g`, oldest first. */
  all(g: Granularity): Bucket[];
  /** How many buckets `g` holds. */
  size(g: Granularity): number;
  clear(): void;
  /** Whether the buckets live in a database (snapshots then carry none). */
  readonly persistent?: boolean;
  /** The aggregation's watermark moved to `watermark`: buckets that ended by then are complete. */
  complete?(watermark: number): void;
  /** Writes the buckets being filled to the database. */
  writeOpen?(): void;
}

class GranularityBuckets {
  /** Bucket starts, ascending. */
  readonly starts: number[] = [];
  /** How many buckets, over all starts and groups. */
  count = 0;
  readonly byStart = new Map<number, Map<string, Bucket>>();
  /** The last looked-up bucket start, for the common case of consecutive events in one bucket. */
  private lastStart = NaN;
  private lastGroups: Map<string, Bucket> | undefined;

  groups(start: number): Map<string, Bucket> {
    if (start === this.lastStart) return this.lastGroups!;
    let groups = this.byStart.get(start);
    if (!groups) {
      groups = new Map();
      this.byStart.set(start, groups);
      const s = this.starts;
      if (s.length === 0 || s[s.length - 1]! < start) s.push(start);
      else s.splice(lowerBound(s, start), 0, start);
    }
    this.lastStart = start;
    this.lastGroups = groups;
    return groups;
  }

  forget(): void {
    this.lastStart = NaN;
    this.lastGroups = undefined;
  }
}

/** The first index whose value is >= x. */
function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class InMemoryBucketStore implements BucketStore {
  private readonly data = new Map<Granularity, GranularityBuckets>();

  private of(g: Granularity): GranularityBuckets {
    let d = this.data.get(g);
    if (!d) {
      d = new GranularityBuckets();
      this.data.set(g, d);
    }
    return d;
  }

  get(g: Granularity, start: number, group: string): Bucket | undefined {
    return this.of(g).groups(start).get(group);
  }

  put(g: Granularity, group: string, bucket: Bucket): void {
    const d = this.of(g);
    const groups = d.groups(bucket.start);
    if (!groups.has(group)) d.count++;
    groups.set(group, bucket);
  }

  size(g: Granularity): number {
    return this.data.get(g)?.count ?? 0;
  }

  range(g: Granularity, from: number, to: number): Bucket[] {
    const d = this.data.get(g);
    const out: Bucket[] = [];
    if (!d) return out;
    const s = d.starts;
    for (let i = lowerBound(s, from); i < s.length && s[i]! < to; i++) {
      for (const b of d.byStart.get(s[i]!)!.values()) out.push(b);
    }
    return out;
  }

  purgeBefore(g: Granularity, cutoff: number): number {
    const d = this.data.get(g);
    if (!d) return 0;
    const n = lowerBound(d.starts, cutoff);
    let dropped = 0;
    for (const start of d.starts.splice(0, n)) {
      dropped += d.byStart.get(start)!.size;
      d.byStart.delete(start);
    }
    if (n > 0) d.forget();
    d.count -= dropped;
    return dropped;
  }

  all(g: Granularity): Bucket[] {
    return this.range(g, -Infinity, Infinity);
  }

  clear(): void {
    this.data.clear();
  }
}
