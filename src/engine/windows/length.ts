/** `length(n)`: a sliding window of the last n events. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkIntArg,
  constNumber,
  expiredCopy,
  loadQueue,
  resetEvent,
  saveEvents,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';
import { own, ownable } from '../runtime/own-code.js';

interface LengthState {
  count: number;
  events: SavedEvent[];
}

/** The last `length` events in a fixed ring: no growth, no compaction on the hot path. */
class LengthWindow implements WindowProcessor {
  readonly isBatch = false;
  private ring: StreamEvent[] = [];
  /** Index of the oldest event in `ring`. */
  private oldest = 0;

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
  ) {}

  processOne(timestamp: number, data: unknown[]): void {
    const e: StreamEvent = { timestamp, data, type: CURRENT };
    if (this.ring.length === this.length && this.length > 0) this.slide(e);
    else this.process([e]);
  }

  /** The steady state: one event in, the oldest out (an array literal: growing [] by push costs more). */
  private slide(e: StreamEvent): void {
    const ring = this.ring;
    const old = ring[this.oldest]!;
    old.timestamp = this.ctx.scheduler.now();
    ring[this.oldest] = expiredCopy(e);
    this.oldest = this.oldest + 1 === this.length ? 0 : this.oldest + 1;
    this.ctx.emit([old, e]);
  }

  process(chunk: StreamEvent[]): void {
    const ring = this.ring;
    if (chunk.length === 1 && ring.length === this.length && this.length > 0) {
      const e = chunk[0]!;
      if (e.type === CURRENT) this.slide(e);
      return;
    }
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      if (this.length === 0) {
        // Nothing is kept: the event passes, leaves at once, and the aggregates reset.
        const gone = expiredCopy(e);
        gone.timestamp = now;
        out.push(e, gone, resetEvent(now));
        continue;
      }
      if (ring.length < this.length) {
        ring.push(expiredCopy(e));
      } else {
        const old = ring[this.oldest] as StreamEvent;
        old.timestamp = now;
        out.push(old);
        ring[this.oldest] = expiredCopy(e);
        this.oldest = this.oldest + 1 === this.length ? 0 : this.oldest + 1;
      }
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.ring.slice(this.oldest).concat(this.ring.slice(0, this.oldest));
  }

  snapshot(): LengthState {
    const events = this.contents();
    return { count: events.length, events: saveEvents(events) };
  }

  restore(state: unknown): void {
    this.ring = loadQueue(asState<LengthState>(state, 'length').events).toArray();
    this.oldest = 0;
  }
}

const ownLengthWindow = ownable(LengthWindow, { CURRENT, expiredCopy, loadQueue, resetEvent, saveEvents, asState });

export const lengthWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'length',
    description:
      'A sliding window that holds the last `window.length` events. When a new event arrives and the window is full, the oldest event leaves (as an expired event) before the new one is emitted.',
    parameters: [
      { name: 'window.length', type: ['int'], description: 'How many events the window holds.', constantOnly: true },
    ],
    signatures: [['window.length']],
    examples: [
      {
        syntax:
          'from TempStream#window.length(10)\nselect avg(temp) as avgTemp, roomNo\ngroup by roomNo\ninsert into AvgTempStream;',
        description: 'Average temperature per room over the last 10 events.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 1, 1, 'one argument (<int> window.length)') ??
      checkIntArg(types, constants, 0, 'window.length') ??
      (Number(constants[0]) < 0 ? 'window.length must not be negative' : undefined),
  },
  create(ctx) {
    checkCall(lengthWindow.spec, ctx);
    return new (own(ctx.own, ownLengthWindow))(ctx, constNumber(ctx.args[0]));
  },
};
