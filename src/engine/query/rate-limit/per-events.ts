/**
 * `output all|first|last every N events`: counts the selector's output events (current and
 * expired) and emits all of every N, the first of every N, or the last of every N; with
 * `group by`, first and last count per group (last: every N events, the last of each group).
 */
import { CURRENT, EXPIRED, type ChunkSink, type StreamEvent } from '../../event/stream-event.js';
import { entriesOf, hold, release, type HeldEvent } from './held-events.js';
import type { RateLimiter } from './rate-limiter.js';

function isOutput(e: StreamEvent): boolean {
  return e.type === CURRENT || e.type === EXPIRED;
}

/** `output all every N events`: emits the N events together once the N-th arrives. */
export class AllPerEvents implements RateLimiter {
  private held: StreamEvent[] = [];

  constructor(
    private readonly count: number,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (!isOutput(e)) continue;
      this.held.push(e);
      if (this.held.length >= this.count) {
        (out ??= []).push(...this.held);
        this.held = [];
      }
    }
    if (out !== undefined) this.next(out);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ held: this.held.map(hold) }),
    restore: (s: unknown): void => {
      this.held = (s as { held: HeldEvent[] }).held.map(release);
    },
  };
}

/**
 * `output first|last every N events`: the first (or the N-th) of every N events. `output first every 1
 * events` outputs every event; Siddhi 5.1 outputs only the very first one (its counter is reset in a branch
 * that N = 1 never reaches), which no app can mean: a difference kept on purpose (README, Conformance).
 */
export class OnePerEvents implements RateLimiter {
  private counter = 0;

  constructor(
    private readonly count: number,
    private readonly first: boolean,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (!isOutput(e)) continue;
      const n = ++this.counter;
      if (n >= this.count) this.counter = 0;
      if (this.first ? n === 1 : n >= this.count) (out ??= []).push(e);
    }
    if (out !== undefined) this.next(out);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ counter: this.counter }),
    restore: (s: unknown): void => {
      this.counter = (s as { counter: number }).counter;
    },
  };
}

/** `output first every N events` with `group by`: per group, the first of every N of that group's events (N = 1: all, see above). */
export class FirstPerEventsGrouped implements RateLimiter {
  private counters = new Map<string, number>();

  constructor(
    private readonly count: number,
    private readonly keyOf: (e: StreamEvent) => string,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (!isOutput(e)) continue;
      const key = this.keyOf(e);
      const seen = (this.counters.get(key) ?? 0) + 1;
      if (seen === 1) (out ??= []).push(e);
      if (seen >= this.count) this.counters.delete(key);
      else this.counters.set(key, seen);
    }
    if (out !== undefined) this.next(out);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ counters: [...this.counters] }),
    restore: (s: unknown): void => {
      this.counters = new Map((s as { counters: [string, number][] }).counters);
    },
  };
}

/**
 * `output last every N events` with `group by`: counts all events; every N, emits the last event
 * of each group seen since the previous output, in the order the groups first appeared.
 */
export class LastPerEventsGrouped implements RateLimiter {
  private counter = 0;
  private lastOf = new Map<string, StreamEvent>();

  constructor(
    private readonly count: number,
    private readonly keyOf: (e: StreamEvent) => string,
    private readonly next: ChunkSink,
  ) {}

  readonly process = (chunk: StreamEvent[]): void => {
    let out: StreamEvent[] | undefined;
    for (const e of chunk) {
      if (!isOutput(e)) continue;
      this.lastOf.set(this.keyOf(e), e);
      if (++this.counter >= this.count) {
        this.counter = 0;
        (out ??= []).push(...this.lastOf.values());
        this.lastOf.clear();
      }
    }
    if (out !== undefined) this.next(out);
  };

  readonly stateful = {
    snapshot: (): unknown => ({ counter: this.counter, lastOf: entriesOf(this.lastOf, hold) }),
    restore: (s: unknown): void => {
      const st = s as { counter: number; lastOf: [string, HeldEvent][] };
      this.counter = st.counter;
      this.lastOf = new Map(st.lastOf.map(([k, e]) => [k, release(e)]));
    },
  };
}
