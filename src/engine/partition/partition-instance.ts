/**
 * One instance of a partition's queries, for one key: its own feeds of the streams the queries read,
 * its own inner streams (`#S`), and the state and lifecycle of everything its queries built.
 */
import type { Lifecycle, Stateful } from '../app/app-context.js';
import type { StreamJunction } from '../runtime/stream-junction.js';

export class PartitionInstance {
  /** The instance's feed of each input stream, by the partition's slot number of that stream. */
  readonly feeds: (StreamJunction | undefined)[] = [];
  /** Inner streams, visible only inside this instance. */
  readonly inner = new Map<string, StreamJunction>();
  /** Stateful elements, keyed as the app keys them but without the instance prefix. */
  readonly stateful = new Map<string, Stateful>();
  readonly lifecycle: Lifecycle[] = [];
  /** The clock when an event last reached this instance (for @purge). */
  lastUsed = 0;
  private running = false;

  constructor(readonly key: string) {}

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
