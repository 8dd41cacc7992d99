/**
 * `output all|first|last every <time>`: all and last hold events and emit them on each tick
 * (last: the latest event, or with `group by` the latest of each group); first emits an event as
 * soon as one period has passed since the previous output (per group with `group by`), with no timer.
 */
import { CURRENT, EXPIRED, type ChunkSink, type StreamEvent } from '../../event/stream-event.js';
import type { Scheduler } from '../../time/scheduler.js';
import { entriesOf, hold, release, type HeldEvent } from './held-events.js';
import type { RateLimiter } from './rate-limiter.js';
import { Ticker } from './ticker.js';

function isOutput(e: StreamEvent): boolean {
  return e.type === CURRENT || e.type === EXPIRED;
}

/** Shared by the tick-driven limiters: the ticker and start/stop. */
abstract class TickedLimiter implements RateLimiter {
  private readonly ticker: Ticker;

  constructor(
    scheduler: Scheduler,
    period: number,
    protected readonly next: ChunkSink,
  ) {
    this.ticker = new Ticker(scheduler, period, () => {
      const out = this.drain();
      if (out.length > 0) this.next(out);
    });
  }

  abstract readonly process: ChunkSink;
  /** What a tick emits; clears it. */
  protected abstract drain(): StreamEvent[];

  start(): void {
    this.ticker.start();
  }

  stop(): void {
    this.ticker.stop();
  }
}

/** `output all every <time>`: every event since the previous tick. */
export class AllPerTime extends TickedLimiter {
  private held: StreamEvent[] = [];

  readonly process = (chunk: StreamEvent[]): void => {
    for (const e of chunk) if (isOutput(e)) this.held.push(e);
  };

  protected drain(): StreamEvent[] {
    const out = this.held;
    this.held = [];
    return out;
  }

  readonly stateful = {
    snapshot: (): unknown => ({ held: this.held.map(hold) }),
    restore: (s: unknown): void => {
      this.held = (s as { held: HeldEvent[] }).held.map(release);
    },
  };
}

/** `output last every <time>`: the latest event since the previous tick. */
export class LastPerTime extends TickedLimiter {
  private last: StreamEvent | undefined;

  readonly process = (chunk: StreamEvent[]): void => {
    for (const e of chunk) if (isOutput(e)) this.last = e;
  };

  protected drain(): StreamEvent[] {
    const last = this.last;
    this.last = undefined;
    return last === undefined ? [] : [last];
  }

  readonly stateful = {
    snapshot: (): unknown => ({ last: this.last === undefined ? null : hold(this.last) }),
    restore: (s: unknown): void => {
      const last = (s as { last: HeldEvent | null }).last;
      this.last = last === null ? undefined : release(last);
    },
  };
}

/** `output last every <time>` with `group by`: the latest event of each group, groups in first-seen order. */
export class LastPerTimeGrouped extends TickedLimiter {
  private lastOf = new Map<string, StreamEvent>();

  constructor(
    scheduler: Scheduler,
    period: number,
    next: ChunkSink,
    private readonly keyOf: (e: StreamEvent) => string,
  ) {
    super(scheduler, period, next);
  }

  readonly process = (chunk: StreamEvent[]): void => {
    for (const e of chunk) if (isOutput(e)) this.lastOf.set(this.keyOf(e), e);
  };

  protected drain(): StreamEvent[] {
    const out = [...this.lastOf.values()];
    this.lastOf.clear();
    return out;
  }

  readonly stateful = {
    snapshot: (): unknown => ({ lastOf: entriesOf(this.lastOf, hold) }),
    restore: (s: unknown): void => {
      this.lastOf = new Map((s as { lastOf: [string, HeldEvent][] }).lastOf.map(([k, e]) => [k, release(e)]));
    },
  };
}

/**
 * `output first every <time>`: when a chunk arrives at least one period after the previous output
 * (or first of all), its first event goes out.
 */
export class FirstPerTime implements RateLimiter {
  private outputAt: number | undefined;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly period: number,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    const first = chunk.find(isOutput);
    if (first === undefined) return;
    const now = this.scheduler.now();
    if (this.outputAt !== undefined && this.outputAt + this.period > now) return;
    this.outputAt = now;
    this.next([first]);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ outputAt: this.outputAt ?? null }),
    restore: (s: unknown): void => {
      this.outputAt = (s as { outputAt: number | null }).outputAt ?? undefined;
    },
  };
}

/** `output first every <time>` with `group by`: per group, an event at least one period after the group's previous output. */
export class FirstPerTimeGrouped implements RateLimiter {
  private outputAt = new Map<string, number>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly period: number,
    private readonly keyOf: (e: StreamEvent) => string,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    const now = this.scheduler.now();
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (!isOutput(e)) continue;
      const key = this.keyOf(e);
      const at = this.outputAt.get(key);
      if (at !== undefined && at + this.period > now) continue;
      this.outputAt.set(key, now);
      (out ??= []).push(e);
    }
    if (out !== undefined) this.next(out);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ outputAt: [...this.outputAt] }),
    restore: (s: unknown): void => {
      this.outputAt = new Map((s as { outputAt: [string, number][] }).outputAt);
    },
  };
}
