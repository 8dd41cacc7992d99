import type { OutputRate } from '../../../lang/ast.js';
import type { ChunkSink } from '../../event/stream-event.js';
import type { Scheduler } from '../../time/scheduler.js';
import type { RateLimiter, RateLimiterOptions } from './rate-limiter.js';

/** The rate limiter for a query's `output ...` clause; pass-through when there is none. */
export function createRateLimiter(
  rate: OutputRate | undefined,
  _scheduler: Scheduler,
  next: ChunkSink,
  _opts: RateLimiterOptions,
): RateLimiter {
  if (rate === undefined) return { process: next };
  throw new Error(`output rate limiting '${rate.kind}' is not implemented yet`);
}
