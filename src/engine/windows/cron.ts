/** `cron('expr')`: a batch window emitting what arrived at each instant a Quartz cron expression names. */
import { Cron } from 'croner';
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  currentCopy,
  expiredCopy,
  loadEvents,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface CronState {
  current: SavedEvent[];
  expired: SavedEvent[];
}

/**
 * Parses a Quartz cron expression (seconds first, `?`, `L`, `W`, `#`, Sunday = 1); throws on a bad one.
 * Quartz lets only one of day-of-month and day-of-week be restricted (the other is `?`), so both must match.
 */
export function parseQuartzCron(expression: string): Cron {
  return new Cron(expression, {
    paused: true,
    timezone: 'UTC',
    mode: '6-or-7-parts',
    alternativeWeekdays: true,
    domAndDow: true,
    sloppyRanges: true,
  });
}

class CronWindow implements WindowProcessor {
  readonly isBatch = true;
  private current: StreamEvent[] = [];
  private expired: StreamEvent[] = [];
  private readonly timers: WindowTimers;
  private started = false;

  constructor(
    private readonly ctx: WindowContext,
    private readonly cron: Cron,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  private scheduleNext(after: number): void {
    const next = this.cron.nextRun(new Date(after));
    if (next !== null) this.timers.schedule(next.getTime());
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.scheduleNext(this.ctx.scheduler.now());
  }

  stop(): void {
    this.started = false;
    this.timers.cancelAll();
  }

  process(chunk: StreamEvent[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type === CURRENT) this.current.push(currentCopy(e));
    }
  }

  private readonly onTimer = (firedAt: number): void => {
    this.scheduleNext(firedAt);
    if (this.current.length === 0) return;
    const now = this.ctx.scheduler.now();
    const out: StreamEvent[] = [];
    for (const x of this.expired) {
      x.timestamp = now;
      out.push(x);
    }
    this.expired = [];
    for (const c of this.current) {
      this.expired.push(expiredCopy(c));
      out.push(c);
    }
    this.current = [];
    this.ctx.emit(out);
  };

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  snapshot(): CronState {
    return { current: saveEvents(this.current), expired: saveEvents(this.expired) };
  }

  restore(state: unknown): void {
    const s = asState<CronState>(state, 'cron');
    this.current = loadEvents(s.current);
    this.expired = loadEvents(s.expired);
  }
}

export const cronWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'cron',
    description:
      'A batch window that emits the events that arrived since the last firing at each instant the Quartz cron expression names (seconds first: `*/5 * * * * ?` is every 5 seconds, in UTC); the previous batch leaves as expired events at the same moment. Nothing is emitted at a firing with no new events.',
    parameters: [
      { name: 'cron.expression', type: ['string'], description: 'A Quartz cron expression.', constantOnly: true },
    ],
    signatures: [['cron.expression']],
    examples: [
      {
        syntax:
          "from PurchaseStream#window.cron('*/5 * * * * ?')\nselect symbol, sum(price) as totalPrice\ninsert into OutputStream;",
        description: 'Sums the prices of the purchases of each 5-second period.',
      },
    ],
    validate: (types, constants) => {
      if (types.length !== 1) return `expects one argument (<string> cron.expression), but got ${types.length}`;
      if (types[0] !== 'string' || constants[0] === undefined) return 'cron.expression must be a string constant';
      try {
        parseQuartzCron(String(constants[0]));
      } catch (err) {
        return `invalid cron expression '${String(constants[0])}': ${err instanceof Error ? err.message : String(err)}`;
      }
      return undefined;
    },
  },
  create(ctx) {
    checkCall(cronWindow.spec, ctx);
    return new CronWindow(ctx, parseQuartzCron(String(ctx.args[0]?.constant)));
  },
};
