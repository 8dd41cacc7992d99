/**
 * One instance of a partition's queries, for one key: its own feeds of the streams the queries read,
 * its own inner streams (`#S`), and the state and lifecycle of everything its queries built.
 */
import type { Lifecycle, Stateful } from '../app/app-context.js';
import type { ChunkSink, EventSink, StreamEvent } from '../event/stream-event.js';
import type { StreamJunction } from '../runtime/stream-junction.js';

const nothing: ChunkSink = () => {};

export class PartitionInstance {
  /**
   * The instance's feed of each input stream, by the partition's slot number of that stream: the
   * reading query's entry itself when one query reads it (no junction on the hot path).
   */
  feeds: ChunkSink[] = [];
  /** The per-event lane of each feed, where its one reader has one (a single event skips the chunk). */
  lanes: (EventSink | undefined)[] = [];
  private feedSinks: ChunkSink[][] = [];
  /** Inner streams, visible only inside this instance (none until a query writes one). */
  inner: Map<string, StreamJunction> | undefined = undefined;
  /** Stateful elements, keyed as the app keys them but without the instance prefix. */
  readonly stateful = new Map<string, Stateful>();
  lifecycle: Lifecycle[] = [];
  /** The clock when an event last reached this instance (for @purge). */
  lastUsed = 0;
  private running = false;

  constructor(readonly key: string) {}

  /** Opens feed `slot` (nothing reads it yet). */
  openFeed(slot: number): void {
    this.feeds[slot] ??= nothing;
  }

  /**
   * Adds a reader of feed `slot`. Several readers each get every chunk, in subscription order; one
   * that throws does not stop the others (its error goes to `onError`, as a junction's would). `lane`:
   * the reader's per-event lane, used while it is the feed's only reader.
   */
  subscribeFeed(
    slot: number,
    sink: ChunkSink,
    onError: (error: unknown, chunk: StreamEvent[]) => void,
    lane?: EventSink,
  ): void {
    const sinks = (this.feedSinks[slot] ??= []);
    sinks.push(sink);
    if (sinks.length === 1) {
      this.feeds[slot] = sink;
      this.lanes[slot] = lane;
      return;
    }
    this.lanes[slot] = undefined;
    const all = sinks.slice();
    this.feeds[slot] = (chunk) => {
      for (let i = 0; i < all.length; i++) {
        try {
          all[i]!(chunk);
        } catch (e) {
          onError(e, chunk);
        }
      }
    };
  }

  /**
   * Once built: the arrays filled while building shrink to what they hold. An array grown from empty
   * keeps room for 16 more, 128 bytes, and a partition with many keys holds an instance per key.
   */
  compact(): void {
    this.feeds = this.feeds.slice();
    this.lanes = this.lanes.slice();
    this.feedSinks = this.feedSinks.map((sinks) => sinks.slice());
    this.lifecycle = this.lifecycle.slice();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const l of this.lifecycle) l.start?.();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const l of this.lifecycle) l.stop?.();
  }

  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, s] of this.stateful) out[k] = s.snapshot();
    return out;
  }

  restore(state: Record<string, unknown>): void {
    for (const [k, s] of this.stateful) if (k in state) s.restore(state[k]);
  }
}
