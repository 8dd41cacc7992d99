/**
 * Buckets as rows of an aggregation's tables (`[AGG_TIMESTAMP, AGG_EVENT_TIMESTAMP, ...group-by,
 * ...bases, ...latest]`, see `aggregation-tables.ts`) and back, and the roll-up of finer rows into
 * one bucket (how the running bucket of a granularity is rebuilt after a restart).
 */
import type { Attribute } from '../app/app-context.js';
import type { AggregationTableLayout } from './aggregation-tables.js';
import type { BaseKind } from './base-values.js';
import type { Bucket } from './bucket-store.js';
import type { Granularity } from './granularity.js';

export interface BucketShape {
  readonly aggregation: string;
  readonly granularities: readonly Granularity[];
  readonly groupBy: readonly Attribute[];
  readonly bases: readonly (Attribute & { readonly kind: BaseKind })[];
  readonly latest: readonly Attribute[];
  /** The key of a group (as the aggregation keys its buckets). */
  readonly groupKey: (values: readonly unknown[]) => string;
}

export class BucketCodec {
  readonly layout: AggregationTableLayout;
  private readonly nGroups: number;
  private readonly nBases: number;

  constructor(readonly shape: BucketShape) {
    this.nGroups = shape.groupBy.length;
    this.nBases = shape.bases.length;
    const columns: Attribute[] = [
      { name: 'AGG_TIMESTAMP', type: 'long' },
      { name: 'AGG_EVENT_TIMESTAMP', type: 'long' },
      ...shape.groupBy,
      ...shape.bases.map((b) => ({ name: b.name, type: b.kind === 'set' ? ('string' as const) : b.type })),
      ...shape.latest,
    ];
    const seen = new Set<string>();
    for (const c of columns) {
      const k = c.name.toLowerCase();
      if (seen.has(k)) {
        throw new Error(
          `aggregation '${shape.aggregation}' cannot be stored: two of its table columns are named '${c.name}'; rename the output with 'as'`,
        );
      }
      seen.add(k);
    }
    this.layout = {
      aggregation: shape.aggregation,
      granularities: shape.granularities,
      columns,
      groupColumns: this.nGroups,
    };
  }

  groupKey(values: readonly unknown[]): string {
    return this.shape.groupKey(values);
  }

  encode(b: Bucket): unknown[] {
    const row: unknown[] = [b.start, Number.isFinite(b.lastTs) ? b.lastTs : null, ...b.groupValues];
    for (let i = 0; i < this.nBases; i++) {
      const v = b.bases[i];
      row.push(v instanceof Set ? JSON.stringify([...v]) : (v ?? null));
    }
    for (const v of b.latest) row.push(v ?? null);
    return row;
  }

  decode(row: readonly unknown[]): Bucket {
    const g = this.nGroups;
    const bases = this.shape.bases.map((base, i) => {
      const v = row[2 + g + i];
      if (base.kind !== 'set') return v ?? null;
      return new Set<unknown>(typeof v === 'string' && v !== '' ? (JSON.parse(v) as unknown[]) : []);
    });
    const lastTs = row[1];
    return {
      start: row[0] as number,
      groupValues: row.slice(2, 2 + g),
      bases,
      latest: row.slice(2 + g + this.nBases),
      lastTs: typeof lastTs === 'number' ? lastTs : -Infinity,
    };
  }

  /** Rolls `rows` (of a finer granularity) up into buckets starting at `start`, one per group, in first-seen order. */
  rollUp(rows: readonly (readonly unknown[])[], start: number): Bucket[] {
    const out = new Map<string, Bucket>();
    for (const row of rows) {
      const b = this.decode(row);
      const key = this.groupKey(b.groupValues);
      const acc = out.get(key);
      if (!acc) {
        out.set(key, { ...b, start });
        continue;
      }
      this.shape.bases.forEach((base, i) => {
        acc.bases[i] = merge(base.kind, acc.bases[i], b.bases[i]);
      });
      if (b.lastTs >= acc.lastTs) {
        for (let i = 0; i < b.latest.length; i++) acc.latest[i] = b.latest[i];
        acc.lastTs = b.lastTs;
      }
    }
    return [...out.values()];
  }
}

function merge(kind: BaseKind, a: unknown, b: unknown): unknown {
  if (kind === 'set') {
    for (const v of b as Set<unknown>) (a as Set<unknown>).add(v);
    return a;
  }
  if (typeof a !== 'number') return b ?? null;
  if (typeof b !== 'number') return a;
  switch (kind) {
    case 'sum':
    case 'count':
      return a + b;
    case 'min':
      return b < a ? b : a;
    case 'max':
      return b > a ? b : a;
  }
}
