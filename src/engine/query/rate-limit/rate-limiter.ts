/**
 * Output rate limiting (`output [all|first|last] every N events | <time>`, `output snapshot every <time>`):
 * sits between the selector and the query output.
 */
import type { ChunkSink } from '../../event/stream-event.js';

export interface RateLimiterOptions {
  /** The query groups its output (`group by`): first/last apply per group. */
  readonly groupBy: boolean;
  /** The query has a window (snapshot re-emits the window's content). */
  readonly windowed: boolean;
  /** The selector has aggregators. */
  readonly aggregates: boolean;
}

export interface RateLimiter {
  /** Takes the selector's output chunks. */
  readonly process: ChunkSink;
  start?(): void;
  stop?(): void;
  readonly stateful?: { snapshot(): unknown; restore(state: unknown): void };
}
