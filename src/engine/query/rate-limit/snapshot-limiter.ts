/**
 * `output snapshot every <time>`: on each tick, re-emits what the query's output currently holds.
 * The base keeps the tick; an event whose timestamp reaches the due tick first flushes it (as
 * Siddhi's snapshot limiters do with event time), and is then taken in.
 */
import type { ChunkSink, StreamEvent } from '../../event/stream-event.js';
import type { Scheduler } from '../../time/scheduler.js';
import type { RateLimiter } from './rate-limiter.js';
import { Ticker } from './ticker.js';

export abstract class SnapshotLimiter implements RateLimiter {
  private readonly ticker: Ticker;

  constructor(
    scheduler: Scheduler,
    period: number,
    private readonly next: ChunkSink,
  ) {
    this.ticker = new Ticker(scheduler, period, () => {
      const out = this.contents();
      if (out.length > 0) this.next(out);
    });
  }

  /** Takes one output event of the selector into the held contents. */
  protected abstract take(e: StreamEvent): void;
  /** Fresh copies of what a tick emits now. */
  protected abstract contents(): StreamEvent[];
  abstract readonly stateful: { snapshot(): unknown; restore(state: unknown): void };

  readonly process = (chunk: StreamEvent[]): void => {
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (this.ticker.running && e.timestamp >= this.ticker.next) {
        (out ??= []).push(...this.contents());
        this.ticker.skip();
      }
      this.take(e);
    }
    if (out !== undefined && out.length > 0) this.next(out);
  };

  start(): void {
    this.ticker.start();
  }

  stop(): void {
    this.ticker.stop();
  }
}

/** Siddhi's equality of output data (`Arrays.equals`), optionally ignoring some positions. */
export function sameData(a: readonly unknown[], b: readonly unknown[], ignore?: ReadonlySet<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (ignore?.has(i)) continue;
    const x = a[i];
    const y = b[i];
    if (x !== y && !(x !== x && y !== y)) return false;
  }
  return true;
}
