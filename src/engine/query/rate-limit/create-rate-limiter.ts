import type { OutputRate } from '../../../lang/ast.js';
import { CompileError } from '../../../plan/expression/compile.js';
import type { ChunkSink } from '../../event/stream-event.js';
import type { Scheduler } from '../../time/scheduler.js';
import { aggregatePositions, groupKeyFunction, outputSize } from './output-shape.js';
import { AllPerEvents, FirstPerEventsGrouped, OnePerEvents, LastPerEventsGrouped } from './per-events.js';
import { AllPerTime, FirstPerTime, FirstPerTimeGrouped, LastPerTime, LastPerTimeGrouped } from './per-time.js';
import type { RateLimiter, RateLimiterOptions } from './rate-limiter.js';
import {
  AggregationGroupWindowSnapshot,
  AggregationWindowSnapshot,
  AllAggregationGroupWindowSnapshot,
  GroupSnapshot,
  LastEventSnapshot,
  WindowSnapshot,
} from './snapshot-limiters.js';

/** The rate limiter for a query's `output ...` clause; pass-through when there is none. */
export function createRateLimiter(
  rate: OutputRate | undefined,
  scheduler: Scheduler,
  next: ChunkSink,
  opts: RateLimiterOptions,
): RateLimiter {
  if (rate === undefined) return { process: next };
  switch (rate.kind) {
    case 'events': {
      const n = Math.max(1, rate.count);
      if (rate.type === 'all') return new AllPerEvents(n, next);
      if (rate.type === 'first') {
        return opts.groupBy
          ? new FirstPerEventsGrouped(n, groupKeyFunction(opts), next)
          : new OnePerEvents(n, true, next);
      }
      return opts.groupBy
        ? new LastPerEventsGrouped(n, groupKeyFunction(opts), next)
        : new OnePerEvents(n, false, next);
    }
    case 'time': {
      const t = rate.millis;
      if (rate.type === 'all') return new AllPerTime(scheduler, t, next);
      if (rate.type === 'first') {
        return opts.groupBy
          ? new FirstPerTimeGrouped(scheduler, t, groupKeyFunction(opts), next)
          : new FirstPerTime(scheduler, t, next);
      }
      return opts.groupBy
        ? new LastPerTimeGrouped(scheduler, t, next, groupKeyFunction(opts))
        : new LastPerTime(scheduler, t, next);
    }
    case 'snapshot':
      if (opts.outputEventType !== undefined && opts.outputEventType !== 'all') {
        throw new CompileError(
          `a query with 'output snapshot' must insert 'all events', not '${opts.outputEventType} events'`,
          rate.span,
        );
      }
      return createSnapshotLimiter(rate.millis, scheduler, next, opts);
  }
}

/**
 * Siddhi's choice: without a window, the last event (per group with `group by`); with a window,
 * by the selected aggregates: none → the window's events; some → the window's events with the
 * latest aggregate values (one per group with `group by`); all → the last aggregate (per group).
 */
function createSnapshotLimiter(
  period: number,
  scheduler: Scheduler,
  next: ChunkSink,
  opts: RateLimiterOptions,
): RateLimiter {
  if (!opts.windowed) {
    return opts.groupBy
      ? new GroupSnapshot(scheduler, period, next, groupKeyFunction(opts))
      : new LastEventSnapshot(scheduler, period, next, false);
  }
  const positions = aggregatePositions(opts);
  const size = outputSize(opts);
  if (positions.length > 0 && positions.length === size) {
    return opts.groupBy
      ? new AllAggregationGroupWindowSnapshot(scheduler, period, next, groupKeyFunction(opts))
      : new LastEventSnapshot(scheduler, period, next, true);
  }
  if (positions.length > 0) {
    return opts.groupBy
      ? new AggregationGroupWindowSnapshot(scheduler, period, next, positions, groupKeyFunction(opts))
      : new AggregationWindowSnapshot(scheduler, period, next, positions);
  }
  return new WindowSnapshot(scheduler, period, next);
}
