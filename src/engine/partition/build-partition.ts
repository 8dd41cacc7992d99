/**
 * Builds a partition: its key executors, one instance of its queries per key (built with the same
 * builders as the app's queries, against an environment where partitioned streams are the instance's
 * feed and `#S` the instance's own inner streams), and the routing from the app's streams.
 *
 * At creation a prototype instance is built once and thrown away: it checks the queries, orders them
 * (a query reading `#S` after the one writing it), creates the output streams the partition writes,
 * and learns which streams the queries read.
 */
import type { Annotation, Partition, Query } from '../../lang/ast.js';
import { CompileError } from '../../plan/expression/compile.js';
import type { AppContext, Attribute } from '../app/app-context.js';
import type { AppExtensionContext } from '../app/app-extensions.js';
import { buildElement, sameSchema } from '../app/build-app.js';
import { queryName, type QueryEnvironment } from '../app/build-query.js';
import type { ChunkSink, EventSink, StreamEvent } from '../event/stream-event.js';
import { insertIntoStream, QueryOutput } from '../query/query-output.js';
import { StreamJunction } from '../runtime/stream-junction.js';
import { namedWindowOf } from '../table/app-stores.js';
import { inputStreams } from './input-streams.js';
import { compilePartitioner, type StreamPartitioner } from './partition-key.js';
import { PartitionInstance } from './partition-instance.js';
import { PartitionRuntime } from './partition-runtime.js';
import { purgeOptions } from './purge-options.js';

interface PartitionPlan {
  readonly name: string;
  readonly parent: QueryEnvironment;
  /** The partition's queries, each with a stable name, in build order once the prototype ran. */
  queries: readonly Query[];
  /** Slot number of each stream (id, `!id` for fault streams) the queries read from the app. */
  readonly slots: Map<string, number>;
  /** The one query output per query name that users' callbacks attach to. */
  readonly outputs: Map<string, QueryOutput>;
}

const partitionCounts = new WeakMap<AppContext, number>();

function partitionName(ctx: AppContext, p: Partition): string {
  const n = (partitionCounts.get(ctx) ?? 0) + 1;
  partitionCounts.set(ctx, n);
  const info = p.annotations.find((a) => a.name.toLowerCase() === 'info');
  const named = info?.elements.find((e) => e.key?.toLowerCase() === 'name' || e.key === undefined)?.value;
  return named ?? `partition_${n}`;
}

/** The query with an `@info(name=...)` first, so every instance names it (and its state) alike. */
function named(ctx: AppContext, q: Query): Query {
  const name = queryName(q, ctx);
  const info: Annotation = {
    kind: 'annotation',
    name: 'info',
    elements: [{ key: 'name', value: name, span: q.span }],
    annotations: [],
    span: q.span,
  };
  return { ...q, annotations: [info, ...q.annotations] };
}

export function buildPartition(ext: AppExtensionContext, p: Partition, parent: QueryEnvironment): PartitionRuntime {
  const ctx = ext.ctx;
  const name = partitionName(ctx, p);
  const purge = purgeOptions(p.annotations);
  const partitioners = new Map<string, StreamPartitioner>();
  for (const type of p.partitionTypes) {
    const source = appSource(ctx, type.streamId);
    if (!source) {
      throw new CompileError(
        `cannot partition stream '${type.streamId}': it is not defined; define it with 'define stream ${type.streamId} (...)' or 'define window ${type.streamId} (...)'`,
        type.span,
      );
    }
    if (partitioners.has(type.streamId)) {
      throw new CompileError(`stream '${type.streamId}' is partitioned twice in the same partition`, type.span);
    }
    partitioners.set(type.streamId, compilePartitioner(type, source.attributes, ctx.resolver));
  }

  const plan: PartitionPlan = {
    name,
    parent,
    queries: p.queries.map((q) => named(ctx, q)),
    slots: new Map(),
    outputs: new Map(),
  };
  buildInstance(ext, plan, '', true);

  const runtime = new PartitionRuntime(name, (key) => buildInstance(ext, plan, key, false), ctx.scheduler, purge);
  for (const [id, slot] of plan.slots) {
    const source = appSource(ctx, id)!;
    if (source.kind === 'stream') ctx.streamsRead.add(id);
    const partitioner = partitioners.get(id);
    if (partitioner)
      source.subscribe(runtime.partitionedReceiver(slot, partitioner), runtime.partitionedLane(slot, partitioner));
    else source.subscribe(runtime.broadcastReceiver(slot));
  }
  ctx.stateful.set(`partition/${name}`, runtime);
  ctx.lifecycle.push(runtime);
  return runtime;
}

/** What a partition reads from the app: a stream's junction, or what a named window emits. */
function appSource(
  ctx: AppContext,
  id: string,
):
  | { kind: 'stream' | 'window'; attributes: readonly Attribute[]; subscribe(sink: ChunkSink, lane?: EventSink): void }
  | undefined {
  const j = ctx.junctions.get(id);
  if (j) return { kind: 'stream', attributes: j.schema.attributes, subscribe: (sink, lane) => j.subscribe(sink, lane) };
  const w = namedWindowOf(ctx, id);
  if (w) return { kind: 'window', attributes: w.attributes, subscribe: (sink) => w.subscribe(sink) };
  return undefined;
}

/** The environment the queries of one instance are built against. */
function instanceEnvironment(
  ctx: AppContext,
  plan: PartitionPlan,
  inst: PartitionInstance,
  prefix: string,
  proto: boolean,
): QueryEnvironment {
  const parent = plan.parent;
  const slotOf = (id: string): number => {
    let slot = plan.slots.get(id);
    if (slot === undefined) {
      if (!proto) throw new Error(`internal: partition '${plan.name}' reads '${id}' only in some instances`);
      slot = plan.slots.size;
      plan.slots.set(id, slot);
    }
    inst.openFeed(slot);
    return slot;
  };
  return {
    keyPrefix: prefix,
    inputJunction(input) {
      if (input.isInnerStream) {
        const j = inst.inner?.get(input.streamId);
        if (!j) {
          throw new CompileError(
            `inner stream '#${input.streamId}' is not defined; a query of this partition must insert into it`,
            input.span,
          );
        }
        return { subscribe: (s, lane) => j.subscribe(s, lane), attributes: j.schema.attributes };
      }
      const id = input.isFaultStream ? `!${input.streamId}` : input.streamId;
      const app = ctx.junctions.get(id);
      if (!app) return parent.inputJunction(input);
      const feed = slotOf(id);
      const onError = (e: unknown, chunk: StreamEvent[]): void => ctx.handleError(e, chunk, app);
      return {
        subscribe: (s, lane) => inst.subscribeFeed(feed, s, onError, lane),
        attributes: app.schema.attributes,
      };
    },
    windowInput(input) {
      // A named window read inside a partition reaches the instances through the partition's feed
      // (routed by key when the partition names the window, else to every instance).
      const w = namedWindowOf(ctx, input.streamId);
      if (!w) return undefined;
      const feed = slotOf(input.streamId);
      const onError = (e: unknown, chunk: StreamEvent[]): void =>
        ctx.logger.error(`error processing events of window '${w.id}': ${e instanceof Error ? e.message : String(e)}`, {
          window: w.id,
          events: chunk.map((ev) => ev.data),
        });
      return { subscribe: (s) => inst.subscribeFeed(feed, s, onError), attributes: w.attributes, isBatch: w.isBatch };
    },
    outputAction(query, output) {
      const out = query.output;
      if (out.kind === 'insert' && out.isInnerStream) {
        let j = inst.inner?.get(out.target);
        if (!j) {
          j = new StreamJunction({ id: `#${out.target}`, attributes: output }, (e, c, jj) => ctx.handleError(e, c, jj));
          (inst.inner ??= new Map()).set(out.target, j);
        } else if (!sameSchema(j.schema.attributes, output)) {
          throw new CompileError(
            `inner stream '#${out.target}' is already written with other attributes (${j.schema.attributes
              .map((a) => `${a.name} ${a.type}`)
              .join(', ')})`,
            out.span,
          );
        }
        return insertIntoStream(j);
      }
      const action = parent.outputAction(query, output);
      // The prototype never runs; its outputs must go nowhere even if something reaches it.
      return proto && action ? () => {} : action;
    },
  };
}

/** The inner streams a query reads that no query has written yet (in this instance). */
function waitsForInner(q: Query, inst: PartitionInstance): boolean {
  return inputStreams(q.input).some((s) => s.isInnerStream && inst.inner?.has(s.streamId) !== true);
}

function buildInstance(ext: AppExtensionContext, plan: PartitionPlan, key: string, proto: boolean): PartitionInstance {
  const ctx = ext.ctx;
  const inst = new PartitionInstance(key);
  const prefix = proto ? `${plan.name}#prototype/` : `${plan.name}/${key}/`;
  const env = instanceEnvironment(ctx, plan, inst, prefix, proto);
  const lifecycleFrom = ctx.lifecycle.length;
  try {
    if (!proto) {
      for (const q of plan.queries) buildElement(ctx, q, env, ext);
    } else {
      const order: Query[] = [];
      let pending = plan.queries;
      while (pending.length > 0) {
        const deferred = pending.filter((q) => waitsForInner(q, inst));
        const ready = deferred.length === pending.length ? pending : pending.filter((q) => !deferred.includes(q));
        for (const q of ready) {
          buildElement(ctx, q, env, ext);
          order.push(q);
        }
        pending = deferred.length === pending.length ? [] : deferred;
      }
      plan.queries = order;
    }
  } finally {
    collect(ctx, plan, inst, prefix, lifecycleFrom, proto);
  }
  for (let slot = 0; slot < plan.slots.size; slot++) inst.openFeed(slot);
  inst.compact();
  return inst;
}

/** Moves what the instance's queries registered in the app context into the instance. */
function collect(
  ctx: AppContext,
  plan: PartitionPlan,
  inst: PartitionInstance,
  prefix: string,
  lifecycleFrom: number,
  proto: boolean,
): void {
  inst.lifecycle = ctx.lifecycle.splice(lifecycleFrom);
  for (const [k, s] of ctx.stateful) {
    if (!k.startsWith(prefix)) continue;
    inst.stateful.set(k.slice(prefix.length), s);
    ctx.stateful.delete(k);
  }
  for (const [k, out] of ctx.queryOutputs) {
    if (!k.startsWith(prefix)) continue;
    ctx.queryOutputs.delete(k);
    const name = k.slice(prefix.length);
    if (proto) {
      const shared = new QueryOutput(undefined);
      plan.outputs.set(name, shared);
      ctx.queryOutputs.set(name, shared);
      continue;
    }
    const shared = plan.outputs.get(name);
    // Every instance's output reaches the callbacks users attached to the query's one shared output.
    if (shared) Object.defineProperty(out, 'callbacks', { value: shared.callbacks });
  }
}
