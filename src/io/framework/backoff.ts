/**
 * Exponential backoff for reconnecting transports, on real timers (the outside world runs on wall time
 * even when the app's clock is virtual). Siddhi retries every few seconds growing to a minute; the
 * intervals here are set per annotation with `retry.interval` and `retry.interval.max` (milliseconds).
 */
import type { OptionReader } from './transport.js';

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60000, factor: 2 };

export function backoffFrom(options: OptionReader): BackoffPolicy {
  const initialMs = Math.max(1, options.number('retry.interval', DEFAULT_BACKOFF.initialMs));
  const maxMs = Math.max(initialMs, options.number('retry.interval.max', DEFAULT_BACKOFF.maxMs));
  return { initialMs, maxMs, factor: DEFAULT_BACKOFF.factor };
}

/**
 * Runs `attempt` until it succeeds, waiting `initial`, `initial*2`, ... (capped) between failures.
 * `onFailure` sees each failure and the wait before the next try. `cancel()` stops further attempts.
 */
export class Retrier {
  private timer: NodeJS.Timeout | undefined;
  private cancelled = false;
  private delay: number;

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly attempt: () => void | Promise<void>,
    private readonly onSuccess: () => void,
    private readonly onFailure: (error: unknown, retryInMs: number) => void,
  ) {
    this.delay = policy.initialMs;
  }

  /** Tries now, then keeps retrying. */
  start(): void {
    void this.run();
  }

  get active(): boolean {
    return this.timer !== undefined && !this.cancelled;
  }

  cancel(): void {
    this.cancelled = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.cancelled) return;
    this.timer = undefined;
    try {
      await this.attempt();
    } catch (e) {
      if (this.cancelled) return;
      const wait = this.delay;
      this.delay = Math.min(this.policy.maxMs, this.delay * this.policy.factor);
      this.onFailure(e, wait);
      this.timer = setTimeout(() => void this.run(), wait);
      return;
    }
    if (!this.cancelled) this.onSuccess();
  }
}
