/** `timeLength(t, n)`: a sliding window of at most n events of the last t milliseconds. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkIntArg,
  checkTimeArg,
  constNumber,
  EventQueue,
  expiredCopy,
  loadQueue,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface TimeLengthState {
  events: SavedEvent[];
}

class TimeLengthWindow implements WindowProcessor {
  readonly isBatch = false;
  private queue = new EventQueue();
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly time: number,
    private readonly length: number,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      this.queue.expireInto(out, this.time, now);
      if (e.type !== CURRENT) continue;
      if (this.queue.size < this.length) {
        this.queue.push(expiredCopy(e));
      } else if (this.queue.size > 0) {
        const old = this.queue.shift() as StreamEvent;
        old.timestamp = now;
        out.push(old);
        this.queue.push(expiredCopy(e));
      }
      out.push(e);
      this.timers.schedule(e.timestamp + this.time);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  private readonly onTimer = (): void => {
    const out: StreamEvent[] = [];
    this.queue.expireInto(out, this.time, this.ctx.scheduler.now());
    if (out.length > 0) this.ctx.emit(out);
  };

  contents(): StreamEvent[] {
    return this.queue.toArray();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): TimeLengthState {
    return { events: saveEvents(this.queue.toArray()) };
  }

  restore(state: unknown): void {
    this.timers.cancelAll();
    this.queue = loadQueue(asState<TimeLengthState>(state, 'timeLength').events);
    for (const e of this.queue.toArray()) this.timers.schedule(e.timestamp + this.time);
  }
}

export const timeLengthWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'timeLength',
    description:
      'A sliding window that holds the events of the last `window.time`, but never more than `window.length` of them: an event leaves when it is older than `window.time` or when a new event arrives and the window is full.',
    parameters: [
      {
        name: 'window.time',
        type: ['int', 'long', 'time'],
        description: 'How long an event stays at most.',
        constantOnly: true,
      },
      {
        name: 'window.length',
        type: ['int'],
        description: 'How many events the window holds at most.',
        constantOnly: true,
      },
    ],
    signatures: [['window.time', 'window.length']],
    examples: [
      {
        syntax:
          'from UserEvent#window.timeLength(2 sec, 10)\nselect userId, count(userId) as n\ngroup by userId\ninsert into OutputStream;',
        description: 'Counts per user over the last 2 seconds, at most 10 events.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 2, 2, 'two arguments (<int|long|time> window.time, <int> window.length)') ??
      checkTimeArg(types, constants, 0, 'window.time') ??
      checkIntArg(types, constants, 1, 'window.length'),
  },
  create(ctx) {
    checkCall(timeLengthWindow.spec, ctx);
    return new TimeLengthWindow(ctx, constNumber(ctx.args[0]), constNumber(ctx.args[1]));
  },
};
