/**
 * The buckets of a store-backed aggregation: the buckets being filled stay in memory (every event
 * folds into them without a database round trip) and are written to their granularity's table
 * when they complete (the aggregation's watermark passes their end), at `flush()` (persist,
 * shutdown) and when a snapshot is taken. A bucket that is not in memory (an out-of-order event,
 * or the running bucket after a restart) is read back from its table and continues from there.
 * Reads merge the table's rows with the buckets in memory.
 */
import type { Bucket, BucketStore } from './bucket-store.js';
import type { AggregationTables } from './aggregation-tables.js';
import type { Zone } from '../functions/time/zones.js';
import { nextBucketStart, type Granularity } from './granularity.js';
import type { BucketCodec } from './bucket-codec.js';

export class TableBucketStore implements BucketStore {
  readonly persistent = true;
  /** Per granularity, per bucket start, per group: the buckets in memory. */
  private readonly open = new Map<Granularity, Map<number, Map<string, Bucket>>>();
  /** Buckets changed since they were last written. */
  private readonly dirty = new Set<Bucket>();
  /** Buckets not in their table yet (they count towards `size`). */
  private readonly fresh = new Set<Bucket>();
  /** Per granularity, no stored row starts after this (a new bucket past it needs no lookup). */
  private readonly storedUpTo = new Map<Granularity, number>();
  /** Per granularity, how many rows its table holds (counted once, then kept up to date). */
  private readonly storedCount = new Map<Granularity, number>();

  constructor(
    private readonly tables: AggregationTables,
    private readonly codec: BucketCodec,
    /** The aggregation time zone (undefined: UTC): where buckets end. */
    private readonly zone?: Zone,
  ) {}

  private starts(g: Granularity): Map<number, Map<string, Bucket>> {
    let m = this.open.get(g);
    if (!m) {
      m = new Map();
      this.open.set(g, m);
    }
    return m;
  }

  private hold(g: Granularity, group: string, b: Bucket): void {
    const starts = this.starts(g);
    let groups = starts.get(b.start);
    if (!groups) {
      groups = new Map();
      starts.set(b.start, groups);
    }
    groups.set(group, b);
  }

  /** Whether the table may hold a row starting at `start`. */
  private mayBeStored(g: Granularity, start: number): boolean {
    let upTo = this.storedUpTo.get(g);
    if (upTo === undefined) {
      upTo = this.tables.latest(g) ?? -Infinity;
      this.storedUpTo.set(g, upTo);
    }
    return start <= upTo;
  }

  /** Writes `rows` of `g`, of which `added` are new to the table. */
  private written(g: Granularity, rows: readonly unknown[][], added: number): void {
    if (rows.length === 0) return;
    this.tables.write(g, rows);
    let upTo = this.storedUpTo.get(g) ?? -Infinity;
    for (const r of rows) if ((r[0] as number) > upTo) upTo = r[0] as number;
    this.storedUpTo.set(g, upTo);
    const n = this.storedCount.get(g);
    if (n !== undefined) this.storedCount.set(g, n + added);
  }

  /** Encodes `b` into `rows` when it changed, and forgets that it did; returns 1 when it is new to its table. */
  private take(b: Bucket, rows: unknown[][]): number {
    if (!this.dirty.has(b)) return 0;
    rows.push(this.codec.encode(b));
    this.dirty.delete(b);
    return this.fresh.delete(b) ? 1 : 0;
  }

  get(g: Granularity, start: number, group: string, groupValues: readonly unknown[]): Bucket | undefined {
    let b = this.open.get(g)?.get(start)?.get(group);
    if (b === undefined) {
      if (!this.mayBeStored(g, start)) return undefined;
      const row = this.tables.readOne(g, start, groupValues);
      if (row === undefined) return undefined;
      b = this.codec.decode(row);
      this.hold(g, group, b);
    }
    // The caller folds an event into it.
    this.dirty.add(b);
    return b;
  }

  put(g: Granularity, group: string, bucket: Bucket): void {
    this.hold(g, group, bucket);
    this.dirty.add(bucket);
    this.fresh.add(bucket);
  }

  range(g: Granularity, from: number, to: number): Bucket[] {
    const stored = this.tables.read(g, from, to).map((r) => this.codec.decode(r));
    const starts = this.open.get(g);
    if (!starts || starts.size === 0) return stored;
    const held = new Map<string, Bucket>();
    for (const [start, groups] of starts) {
      if (start < from || start >= to) continue;
      for (const [group, b] of groups) held.set(`${start}\u0002${group}`, b);
    }
    if (held.size === 0) return stored;
    const out: Bucket[] = [];
    for (const b of stored) {
      const k = `${b.start}\u0002${this.codec.groupKey(b.groupValues)}`;
      const mine = held.get(k);
      out.push(mine ?? b);
      if (mine) held.delete(k);
    }
    for (const b of held.values()) out.push(b);
    // Stable: within one start, the table's order, then buckets not written yet.
    return out.sort((a, b) => a.start - b.start);
  }

  purgeBefore(g: Granularity, cutoff: number): number {
    const starts = this.open.get(g);
    if (starts) {
      for (const [start, groups] of starts) {
        if (start >= cutoff) continue;
        for (const b of groups.values()) {
          this.dirty.delete(b);
          this.fresh.delete(b);
        }
        starts.delete(start);
      }
    }
    const dropped = this.tables.deleteBefore(g, cutoff);
    const n = this.storedCount.get(g);
    if (n !== undefined) this.storedCount.set(g, n - dropped);
    return dropped;
  }

  all(g: Granularity): Bucket[] {
    return this.range(g, -Infinity, Infinity);
  }

  size(g: Granularity): number {
    let n = this.storedCount.get(g);
    if (n === undefined) {
      n = this.tables.count(g);
      this.storedCount.set(g, n);
    }
    for (const groups of this.open.get(g)?.values() ?? []) for (const b of groups.values()) if (this.fresh.has(b)) n++;
    return n;
  }

  clear(): void {
    this.storedUpTo.clear();
    this.storedCount.clear();
    this.open.clear();
    this.dirty.clear();
    this.fresh.clear();
  }

  /** Writes the buckets that ended at or before `watermark` (one transaction per granularity) and lets them go from memory. */
  complete(watermark: number): void {
    for (const [g, starts] of this.open) {
      const rows: unknown[][] = [];
      let added = 0;
      for (const [start, groups] of starts) {
        if (nextBucketStart(start, g, this.zone) > watermark) continue;
        for (const b of groups.values()) added += this.take(b, rows);
        starts.delete(start);
      }
      this.written(g, rows, added);
    }
  }

  /** Writes every changed bucket in memory (they stay in memory). */
  writeOpen(): void {
    if (this.dirty.size === 0) return;
    for (const [g, starts] of this.open) {
      const rows: unknown[][] = [];
      let added = 0;
      for (const groups of starts.values()) for (const b of groups.values()) added += this.take(b, rows);
      this.written(g, rows, added);
    }
  }
}
