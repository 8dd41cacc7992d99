/**
 * A running partition: routes each event of a partitioned stream to the instance of its key (created
 * on the key's first event), hands events of unpartitioned streams to every instance, removes idle
 * instances (@purge), and snapshots and restores every instance.
 */
import type { Lifecycle, Stateful } from '../app/app-context.js';
import { CURRENT, type ChunkSink, type EventSink, type StreamEvent } from '../event/stream-event.js';
import type { Scheduler, TimerHandle } from '../time/scheduler.js';
import type { StreamPartitioner } from './partition-key.js';
import type { PartitionInstance } from './partition-instance.js';
import type { PurgeOptions } from './purge-options.js';
import { truncate } from '../runtime/truncate.js';

export interface PartitionSnapshot {
  /** [key, last used, the instance's state], in creation order. */
  readonly instances: [string, number, Record<string, unknown>][];
}

export class PartitionRuntime implements Stateful, Lifecycle {
  private readonly byKey = new Map<string, PartitionInstance>();
  /** Instances in creation order; appended to in place, replaced on removal (so a running loop is safe). */
  private list: PartitionInstance[] = [];
  private started = false;
  private purgeTimer: TimerHandle | undefined;
  /** The instance of the previous event (runs of one key skip the map lookup). */
  private lastKey: string | undefined;
  private lastInstance: PartitionInstance | undefined;

  constructor(
    readonly name: string,
    private readonly create: (key: string) => PartitionInstance,
    private readonly scheduler: Scheduler,
    private readonly purge: PurgeOptions | undefined,
  ) {}

  /** The keys of the live instances, in creation order. */
  keys(): string[] {
    return this.list.map((i) => i.key);
  }

  /** The instance of `key`, created (and started, once the app runs) on first use. */
  instance(key: string): PartitionInstance {
    let inst = key === this.lastKey ? this.lastInstance : this.byKey.get(key);
    if (inst === undefined) {
      inst = this.create(key);
      this.byKey.set(key, inst);
      this.list.push(inst);
      if (this.started) inst.start();
    }
    this.lastKey = key;
    this.lastInstance = inst;
    if (this.purge !== undefined) inst.lastUsed = this.scheduler.now();
    return inst;
  }

  /** The receiver of a partitioned stream: each event goes to its key's instance feed `slot`. */
  partitionedReceiver(slot: number, p: StreamPartitioner): ChunkSink {
    if (p.kind === 'value') {
      const keyOf = p.keyOf;
      return (chunk) => {
        if (chunk.length === 1) {
          const e = chunk[0]!;
          const key = keyOf(e.data, e.timestamp);
          if (key !== undefined) this.instance(key).feeds[slot]!(chunk);
          return;
        }
        this.routeRuns(slot, chunk, (e, out) => {
          const key = keyOf(e.data, e.timestamp);
          if (key !== undefined) out.push(key);
        });
      };
    }
    const ranges = p.ranges;
    return (chunk) =>
      this.routeRuns(slot, chunk, (e, out) => {
        for (let r = 0; r < ranges.length; r++) if (ranges[r]!.test(e.data, e.timestamp)) out.push(ranges[r]!.label);
      });
  }

  /**
   * The per-event lane of a value-partitioned stream: a single event goes to its key's instance feed
   * through the feed's lane, or as a chunk of one where the feed has none. Range partitions have none.
   */
  partitionedLane(slot: number, p: StreamPartitioner): EventSink | undefined {
    if (p.kind !== 'value') return undefined;
    const keyOf = p.keyOf;
    return (timestamp, data) => {
      const key = keyOf(data, timestamp);
      if (key === undefined) return;
      const inst = this.instance(key);
      const lane = inst.lanes[slot];
      if (lane !== undefined) lane(timestamp, data);
      else inst.feeds[slot]!([{ timestamp, data, type: CURRENT }]);
    };
  }

  /** The receiver of a stream not partitioned but read inside the partition: every live instance gets it. */
  broadcastReceiver(slot: number): ChunkSink {
    return (chunk) => {
      const list = this.list;
      const n = list.length;
      for (let i = 0; i < n; i++) list[i]!.feeds[slot]!(chunk);
    };
  }

  /**
   * Sends runs of consecutive events with the same key as one chunk; an event with several keys (a
   * range partition's overlapping ranges) goes once to each, in the ranges' written order.
   */
  private routeRuns(slot: number, chunk: StreamEvent[], keysOf: (e: StreamEvent, out: string[]) => void): void {
    const keys: string[] = [];
    let runKey: string | undefined;
    let run: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      truncate(keys, 0);
      keysOf(e, keys);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        if (key !== runKey) {
          if (runKey !== undefined) this.instance(runKey).feeds[slot]!(run);
          runKey = key;
          run = [];
        }
        run.push(e);
      }
    }
    if (runKey !== undefined) this.instance(runKey).feeds[slot]!(run);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const inst of this.list) inst.start();
    if (this.purge !== undefined) this.schedulePurge(this.scheduler.now() + this.purge.intervalMillis);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    if (this.purgeTimer !== undefined) this.scheduler.cancel(this.purgeTimer);
    this.purgeTimer = undefined;
    for (const inst of this.list) inst.stop();
  }

  private schedulePurge(at: number): void {
    const purge = this.purge!;
    this.purgeTimer = this.scheduler.schedule(at, (firedAt) => {
      this.purgeIdle(firedAt - purge.idleMillis);
      if (this.started) this.schedulePurge(firedAt + purge.intervalMillis);
    });
  }

  /** Removes every instance last used before `before`. */
  purgeIdle(before: number): void {
    const idle = this.list.filter((i) => i.lastUsed < before);
    for (const inst of idle) this.remove(inst);
  }

  private remove(inst: PartitionInstance): void {
    this.byKey.delete(inst.key);
    this.lastKey = undefined;
    this.lastInstance = undefined;
    this.list = this.list.filter((i) => i !== inst);
    inst.stop();
  }

  snapshot(): PartitionSnapshot {
    return { instances: this.list.map((i) => [i.key, i.lastUsed, i.snapshot()]) };
  }

  restore(state: unknown): void {
    const s = state as PartitionSnapshot;
    const keep = new Set(s.instances.map(([k]) => k));
    for (const inst of this.list) if (!keep.has(inst.key)) this.remove(inst);
    for (const [key, lastUsed, st] of s.instances) {
      const inst = this.instance(key);
      inst.lastUsed = lastUsed;
      inst.restore(st);
    }
  }
}
