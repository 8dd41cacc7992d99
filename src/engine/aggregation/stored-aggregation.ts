/**
 * `@store(type = '...', ...)` on `define aggregation`: opens the aggregation's tables through the
 * factory the store registered, puts a `TableBucketStore` under the aggregation, and ties the
 * tables to the app's lifecycle: connect before start, rebuild the running buckets, write what is
 * being filled on flush (persist, shutdown), close at release.
 *
 * Rebuilding after a restart (Siddhi's IncrementalExecutorsInitialiser): from the finest
 * granularity up, every bucket of a granularity from its latest stored bucket on (all of them when
 * its table is empty) is rolled up again from the next finer table's rows: buckets the app never
 * wrote are added, and a stored row is replaced when the finer rows hold later events (the app
 * stopped before writing it). The finest running bucket is as the last flush left it.
 */
import type { AggregationDefinition, Annotation } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { AppContext } from '../app/app-context.js';
import type { Zone } from '../functions/time/zones.js';
import { annotationValue } from '../app/build-app.js';
import { groupKey, type AggregationPlan } from './aggregation.js';
import { aggregationTableFactories, type AggregationTables } from './aggregation-tables.js';
import { BucketCodec } from './bucket-codec.js';
import { bucketStart, nextBucketStart } from './granularity.js';
import { TableBucketStore } from './table-bucket-store.js';

/** The store of a `@store` aggregation, or undefined when it has none (buckets in memory). */
export function storedBuckets(
  ctx: AppContext,
  def: AggregationDefinition,
  plan: AggregationPlan,
): TableBucketStore | undefined {
  const stores = def.annotations.filter((a) => a.name.toLowerCase() === 'store');
  if (stores.length === 0) return undefined;
  if (stores.length > 1) throw new CompileError(`aggregation '${def.id}' has more than one @store`, stores[1]!.span);
  const store: Annotation = stores[0]!;
  const type = annotationValue(store, 'type');
  const factory = type === undefined ? undefined : aggregationTableFactories.get(type.toLowerCase());
  if (!factory) {
    throw new CompileError(
      type === undefined
        ? `aggregation '${def.id}': @store needs a type, e.g. @store(type = 'rdbms', jdbc.url = 'jdbc:sqlite:aggregations.db')`
        : `aggregation '${def.id}': no store of type '${type}' keeps aggregations; known: ${[...aggregationTableFactories.keys()].join(', ') || 'none'}`,
      store.span,
    );
  }
  let codec: BucketCodec;
  try {
    codec = new BucketCodec({
      aggregation: def.id,
      granularities: plan.granularities,
      groupBy: plan.groupByAttributes,
      bases: plan.bases.map((b) => ({ name: b.name, type: b.type, kind: b.kind })),
      latest: plan.latestAttributes,
      groupKey,
    });
  } catch (e) {
    throw new CompileError(e instanceof Error ? e.message : String(e), def.span);
  }
  const tables = factory(codec.layout, store, ctx);
  const buckets = new TableBucketStore(tables, codec, plan.zone);
  let rebuilt = false;
  const rebuild = (): void => {
    if (rebuilt) return;
    rebuildRunning(tables, codec, plan.zone);
    rebuilt = true;
  };
  ctx.lifecycle.push({
    prepare: async () => {
      await tables.prepare();
      rebuild();
    },
    start: () => {
      if (!tables.loaded) {
        throw new Error(
          `aggregation '${def.id}' (${tables.description}) has not connected yet: start the app with 'await runtime.startAsync()'`,
        );
      }
      rebuild();
    },
    flush: async () => {
      buckets.writeOpen();
      await tables.flush();
    },
    release: () => tables.release(),
  });
  return buckets;
}

/**
 * Rolls up again, for each granularity from the finest up, every bucket that the next finer table
 * holds rows for from the granularity's own latest stored bucket on (from the first row when its
 * table is empty), as Siddhi's IncrementalExecutorsInitialiser replays the finer rows after the
 * last stored bucket: buckets that completed in the finer table but never reached this one are
 * written, and a stored bucket is replaced when the finer rows hold later events. Buckets start in
 * the aggregation time zone `zone` (undefined: UTC).
 */
export function rebuildRunning(tables: AggregationTables, codec: BucketCodec, zone?: Zone): void {
  const gs = codec.layout.granularities;
  for (let i = 1; i < gs.length; i++) {
    const finer = gs[i - 1]!;
    const g = gs[i]!;
    const last = tables.latest(finer);
    if (last === undefined) continue;
    const stored = tables.latest(g);
    const from = stored === undefined ? Number.MIN_SAFE_INTEGER : bucketStart(stored, g, zone);
    const byBucket = new Map<number, unknown[][]>();
    for (const row of tables.read(finer, from, nextBucketStart(last, g, zone))) {
      const start = bucketStart(row[0] as number, g, zone);
      const rows = byBucket.get(start);
      if (rows) rows.push(row);
      else byBucket.set(start, [row]);
    }
    const rebuiltRows: unknown[][] = [];
    for (const [start, rows] of byBucket) {
      for (const b of codec.rollUp(rows, start)) {
        const had = tables.readOne(g, start, b.groupValues);
        const hadTs = had ? had[1] : undefined;
        if (had === undefined || typeof hadTs !== 'number' || hadTs < b.lastTs) rebuiltRows.push(codec.encode(b));
      }
    }
    if (rebuiltRows.length > 0) tables.write(g, rebuiltRows);
  }
}
