/**
 * Feeds joined events to the query selector. Siddhi hands the selector one chunk per arriving event
 * (its matches), in batch mode: with aggregates, one output per arriving event (per group with
 * `group by`), and `order by` / `limit` / `offset` apply per arriving event. Without any of those
 * the chunks can be merged, which is what `MergedEmitter` does for speed.
 */
import { RESET, type ChunkSink, type StreamEvent } from '../event/stream-event.js';
import type { JoinEmitter } from './side-joiner.js';

/** Merged: every joined event of the chunk goes to the selector at once (no aggregates, groups or ordering). */
export class MergedEmitter implements JoinEmitter {
  private buf: StreamEvent[] = [];

  constructor(private readonly select: ChunkSink) {}

  add(e: StreamEvent): void {
    this.buf.push(e);
  }

  endGroup(): void {}

  reset(): void {}

  flush(): void {
    const buf = this.buf;
    if (buf.length === 0) return;
    this.buf = [];
    this.select(buf);
  }
}

/**
 * Grouped: each arriving event's matches reach the selector as their own chunk; the selector's
 * outputs are collected (`collect` is the selector's next) and go on together at `flush`.
 */
export class GroupedEmitter implements JoinEmitter {
  private group: StreamEvent[] = [];
  private collected: StreamEvent[] = [];

  constructor(
    private readonly select: ChunkSink,
    private readonly next: ChunkSink,
  ) {}

  /** The selector's output sink. */
  readonly collect: ChunkSink = (chunk) => {
    if (this.collected.length === 0) this.collected = chunk;
    else for (let i = 0; i < chunk.length; i++) this.collected.push(chunk[i]!);
  };

  add(e: StreamEvent): void {
    this.group.push(e);
  }

  endGroup(): void {
    const g = this.group;
    if (g.length === 0) return;
    this.group = [];
    this.select(g);
  }

  reset(timestamp: number, data: unknown[][]): void {
    this.endGroup();
    this.select([{ timestamp, data, type: RESET }]);
  }

  flush(): void {
    this.endGroup();
    const out = this.collected;
    if (out.length === 0) return;
    this.collected = [];
    this.next(out);
  }
}
