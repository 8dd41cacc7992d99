/** `delay(t)`: holds each event for t milliseconds, then emits it (as a current event). */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  currentCopy,
  EventQueue,
  loadQueue,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface DelayState {
  events: SavedEvent[];
  lastTimestamp: number | null;
}

class DelayWindow implements WindowProcessor {
  readonly isBatch = false;
  private queue = new EventQueue();
  private lastTimestamp = -Infinity;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly delay: number,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  private release(out: StreamEvent[], now: number): void {
    const q = this.queue;
    for (let head = q.peek(); head !== undefined && head.timestamp + this.delay <= now; head = q.peek()) {
      q.shift();
      head.timestamp = now;
      out.push(head);
    }
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      this.release(out, now);
      if (e.type !== CURRENT) continue;
      this.queue.push(currentCopy(e));
      if (this.lastTimestamp < e.timestamp) {
        this.timers.schedule(e.timestamp + this.delay);
        this.lastTimestamp = e.timestamp;
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  private readonly onTimer = (): void => {
    const out: StreamEvent[] = [];
    this.release(out, this.ctx.scheduler.now());
    if (out.length > 0) this.ctx.emit(out);
  };

  contents(): StreamEvent[] {
    return this.queue.toArray();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): DelayState {
    return {
      events: saveEvents(this.queue.toArray()),
      lastTimestamp: this.lastTimestamp === -Infinity ? null : this.lastTimestamp,
    };
  }

  restore(state: unknown): void {
    const s = asState<DelayState>(state, 'delay');
    this.timers.cancelAll();
    this.queue = loadQueue(s.events);
    this.lastTimestamp = s.lastTimestamp ?? -Infinity;
    let last = -Infinity;
    for (const e of this.queue.toArray()) {
      if (e.timestamp > last) this.timers.schedule(e.timestamp + this.delay);
      last = Math.max(last, e.timestamp);
    }
  }
}

export const delayWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'delay',
    description:
      'Holds each event for `window.delay` and then emits it as a current event, stamped with the time it is released. Useful to join a stream with what another stream sends a little later.',
    parameters: [
      {
        name: 'window.delay',
        type: ['int', 'long', 'time'],
        description: 'How long each event is held.',
        constantOnly: true,
      },
    ],
    signatures: [['window.delay']],
    examples: [
      {
        syntax: 'from PurchaseStream#window.delay(1 min)\nselect *\ninsert into DelayedPurchaseStream;',
        description: 'Emits every purchase one minute after it arrived.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 1, 1, 'one argument (<int|long|time> window.delay)') ??
      checkTimeArg(types, constants, 0, 'window.delay'),
  },
  create(ctx) {
    checkCall(delayWindow.spec, ctx);
    return new DelayWindow(ctx, constNumber(ctx.args[0]));
  },
};
