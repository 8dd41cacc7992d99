/** `time(t)`: a sliding window of the events of the last t milliseconds (of the app clock). */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT, EXPIRED } from '../event/stream-event.js';
import { HeldEvents } from './held-events.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  loadEvents,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import * as common from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';
import { own, ownable } from '../runtime/own-code.js';

export interface TimeState {
  events: SavedEvent[];
  lastTimestamp: number | null;
}

/**
 * Holds each event for `time` ms of the app clock. As the `time` window, it lets each event through
 * when it arrives and emits it again, expired, when it leaves; as the `delay` window (`delayed`), it
 * emits each event only when it leaves, as a current event.
 */
export class TimeWindow implements WindowProcessor {
  readonly isBatch = false;
  private readonly queue: HeldEvents;
  private lastTimestamp = -Infinity;
  private readonly timers: WindowTimers;
  /**
   * Whether what follows takes leaving events one by one (see `LeaveSink`): they then leave with no
   * object or chunk made for them. Never for `delay`, whose leaving events are its output. Decided at
   * the first event that leaves, once the selector exists.
   * A pause (a collection, a blocked sink) makes many events leave at once: as one chunk of objects,
   * a million of them filled the young generation, the next pause was longer, and so on.
   */
  private leaving: boolean | undefined;

  constructor(
    private readonly ctx: WindowContext,
    private readonly time: number,
    private readonly delayed = false,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
    this.queue = new HeldEvents(ctx.attributes, delayed ? CURRENT : EXPIRED);
  }

  process(chunk: StreamEvent[]): void {
    this.processAt(chunk, this.ctx.scheduler.now());
  }

  private processAt(chunk: StreamEvent[], now: number): void {
    if (chunk.length === 1 && !this.delayed) {
      // The common case: one event in; it passes on in the chunk it came in, after the events leaving
      // before it, fed one by one where what follows takes them.
      const leaving = this.queue.leavesBy(this.time, now);
      if (!leaving || this.leaves()) {
        if (leaving) this.leaveBy(now);
        const e = chunk[0]!;
        if (e.type !== CURRENT) return;
        this.hold(e.timestamp, e.data);
        this.ctx.emit(chunk);
        return;
      }
    }
    const out: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      this.queue.expireInto(out, this.time, now);
      if (e.type !== CURRENT) continue;
      this.hold(e.timestamp, e.data);
      if (!this.delayed) out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  processOne(timestamp: number, data: unknown[]): void {
    const now = this.ctx.scheduler.now();
    if (this.delayed || this.queue.leavesBy(this.time, now)) {
      this.processLeaving(timestamp, data, now);
      return;
    }
    this.hold(timestamp, data);
    this.passOne(timestamp, data);
  }

  /** One current event with events leaving before it: fed one by one where what follows takes them. */
  private processLeaving(timestamp: number, data: unknown[], now: number): void {
    if (!this.leaves()) {
      this.processAt([{ timestamp, data, type: CURRENT }], now);
      return;
    }
    this.leaveBy(now);
    this.hold(timestamp, data);
    this.passOne(timestamp, data);
  }

  private passOne(timestamp: number, data: unknown[]): void {
    const one = this.ctx.emitOne;
    if (one !== undefined) one(timestamp, data);
    else this.ctx.emit([{ timestamp, data, type: CURRENT }]);
  }

  private leaves(): boolean {
    return (this.leaving ??= !this.delayed && this.ctx.leave?.active() === true);
  }

  /** Feeds every event that leaves by `now` to what follows (`leaves()`), stamped with `now`. */
  private leaveBy(now: number): void {
    const leave = this.ctx.leave!;
    const queue = this.queue;
    while (queue.leavesBy(this.time, now)) leave.leave(now, queue.shiftData());
  }

  private hold(timestamp: number, data: unknown[]): void {
    this.queue.push(timestamp, data);
    if (this.lastTimestamp < timestamp) {
      this.timers.schedule(timestamp + this.time);
      this.lastTimestamp = timestamp;
    }
  }

  private readonly onTimer = (): void => {
    const now = this.ctx.scheduler.now();
    if (this.leaves()) {
      this.leaveBy(now);
      return;
    }
    const out: StreamEvent[] = [];
    this.queue.expireInto(out, this.time, now);
    if (out.length > 0) this.ctx.emit(out);
  };

  contents(): StreamEvent[] {
    return this.queue.toArray();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): TimeState {
    return {
      events: saveEvents(this.queue.toArray()),
      lastTimestamp: this.lastTimestamp === -Infinity ? null : this.lastTimestamp,
    };
  }

  restore(state: unknown): void {
    const s = asState<TimeState>(state, this.delayed ? 'delay' : 'time');
    this.timers.cancelAll();
    this.queue.clear();
    const events = loadEvents(s.events);
    for (const e of events) this.queue.push(e.timestamp, e.data);
    this.lastTimestamp = s.lastTimestamp ?? -Infinity;
    let last = -Infinity;
    // from the loaded events: reading the queue back would keep it as objects from then on
    for (const e of events) {
      if (e.timestamp > last) this.timers.schedule(e.timestamp + this.time);
      last = Math.max(last, e.timestamp);
    }
  }
}

const ownTimeWindow = ownable(TimeWindow, { ...common, CURRENT, EXPIRED, HeldEvents });

export const timeWindow: WindowImpl = {
  takes: ['leave'],
  spec: {
    kind: 'window',
    namespace: '',
    name: 'time',
    description:
      'A sliding window that holds the events that arrived during the last `window.time`. An event leaves (as an expired event, stamped with the time it leaves) exactly when the clock reaches its timestamp plus `window.time`.',
    parameters: [
      {
        name: 'window.time',
        type: ['int', 'long', 'time'],
        description: 'How long an event stays in the window.',
        constantOnly: true,
      },
    ],
    signatures: [['window.time']],
    examples: [
      {
        syntax:
          'from TempStream#window.time(1 min)\nselect avg(temp) as avgTemp, roomNo\ngroup by roomNo\ninsert all events into AvgTempStream;',
        description: 'Average temperature per room over the last minute.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 1, 1, 'one argument (<int|long|time> window.time)') ??
      checkTimeArg(types, constants, 0, 'window.time'),
  },
  create(ctx) {
    checkCall(timeWindow.spec, ctx);
    return new (own(ctx.own, ownTimeWindow))(ctx, constNumber(ctx.args[0]));
  },
};
