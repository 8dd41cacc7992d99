/**
 * Output rate limiting (`output [all|first|last] every N events | <time>`, `output snapshot every <time>`):
 * sits between the selector and the query output.
 */
import type { FunctionCall, OutputEventType, Selector } from '../../../lang/ast.js';
import type { ChunkSink, StreamEvent } from '../../event/stream-event.js';

export interface RateLimiterOptions {
  /** The query groups its output (`group by`): first/last apply per group. */
  readonly groupBy: boolean;
  /** The query has a window (snapshot re-emits the window's content). */
  readonly windowed: boolean;
  /** The selector has aggregators. */
  readonly aggregates: boolean;
  /**
   * The query's selector: with `isAggregator`, tells which output positions are aggregator calls
   * (Siddhi picks the snapshot limiter from them) and where the `group by` attributes sit in the output.
   */
  readonly selector?: Selector;
  /** Whether a call in the select clause is an aggregator (looked up in the extension registry). */
  readonly isAggregator?: (call: FunctionCall) => boolean;
  /** The output attribute names, in order (needed for `select *` to place the `group by` attributes). */
  readonly outputNames?: readonly string[];
  /** Overrides the output positions computed from `selector`: those whose expression is an aggregator call. */
  readonly aggregatePositions?: readonly number[];
  /** The query's `insert [current|expired|all] events` (default current): snapshot limiting needs `all`. */
  readonly outputEventType?: OutputEventType;
  /** Overrides how the group of an output event is found (default: `GroupedEvent.groupKey`, else selected group-by attributes). */
  readonly groupKeyOf?: (e: StreamEvent) => string;
}

/**
 * An output event of a grouping selector may carry the key of its group (computed from the input,
 * as Siddhi's GroupedComplexEvent does): limiters use it when present, since the `group by`
 * attributes need not be selected.
 */
export interface GroupedEvent extends StreamEvent {
  readonly groupKey?: string;
}

export interface RateLimiter {
  /** Takes the selector's output chunks. */
  readonly process: ChunkSink;
  start?(): void;
  stop?(): void;
  readonly stateful?: { snapshot(): unknown; restore(state: unknown): void };
}
