/** `length(n)`: a sliding window of the last n events. */
import type { PairTag, StreamEvent } from '../event/stream-event.js';
import { CURRENT, EXPIRED } from '../event/stream-event.js';
import { LengthRing } from './length-ring.js';
import {
  asState,
  checkCall,
  checkCount,
  checkIntArg,
  constNumber,
  expiredCopy,
  loadEvents,
  resetEvent,
  saveEvents,
  type SavedEvent,
} from './common.js';
import * as common from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';
import { own, ownable } from '../runtime/own-code.js';

interface LengthState {
  count: number;
  events: SavedEvent[];
}

/**
 * The last `length` events, held in a ring of slots (LengthRing): a window keeps no event object or
 * data array alive, so what it holds does not age into the old generation for the garbage collector to
 * copy and trace (a copy per event did, and cost a 1,000-key partition of length(10) windows a third of
 * its time).
 */
class LengthWindow implements WindowProcessor {
  readonly isBatch = false;
  private readonly ring: LengthRing;
  /**
   * The slot of the next event, counting from 0 to length - 1 and round: in a full window the oldest
   * event is in that slot, as the event coming in takes its place.
   */
  private at = 0;
  /** How many events the window holds. */
  private count = 0;
  /**
   * Per slot, the tag `emitPair` returned for the event there (see PairTag), made at the first tag;
   * undefined for an event that came in another way.
   */
  private tags: (PairTag | undefined)[] | undefined;

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
  ) {
    this.ring = new LengthRing(ctx.attributes);
  }

  processOne(timestamp: number, data: unknown[]): void {
    if (this.count === this.length && this.length > 0) this.slide(timestamp, data);
    else this.process([{ timestamp, data, type: CURRENT }]);
  }

  /** The steady state: one event in, the oldest out. */
  private slide(timestamp: number, data: unknown[]): void {
    const now = this.ctx.scheduler.now();
    const pair = this.ctx.emitPair;
    const at = this.next();
    if (pair !== undefined) {
      const old = this.ring.data(at);
      this.ring.write(at, timestamp, data);
      const tags = this.tags;
      if (tags === undefined) {
        const tag = pair(now, old, timestamp, data, undefined);
        if (tag !== undefined) (this.tags = new Array<PairTag | undefined>(this.length).fill(undefined))[at] = tag;
      } else {
        const gone = tags[at];
        // Cleared first: if the next step throws, the event there has no tag rather than its predecessor's.
        tags[at] = undefined;
        tags[at] = pair(now, old, timestamp, data, gone);
      }
      return;
    }
    const old = this.ring.leave(at, now);
    this.ring.write(at, timestamp, data);
    this.ctx.emit([old, { timestamp, data, type: CURRENT }]);
  }

  /** The slot of the event coming in (past the events held, round); the next one's is after it. */
  private next(): number {
    const at = this.at;
    this.at = at + 1 === this.length ? 0 : at + 1;
    return at;
  }

  /** Keeps an event that came in without `emitPair` (the window is not full): it has no tag. */
  private hold(timestamp: number, data: unknown[]): void {
    const at = this.next();
    this.ring.write(at, timestamp, data);
    if (++this.count === this.length) this.ring.fit();
    if (this.tags !== undefined) this.tags[at] = undefined;
  }

  process(chunk: StreamEvent[]): void {
    if (chunk.length === 1 && this.count === this.length && this.length > 0) {
      const e = chunk[0]!;
      if (e.type === CURRENT) this.slide(e.timestamp, e.data);
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
      if (this.count === this.length) {
        out.push(this.ring.leave(this.at, now));
        this.count--;
      }
      this.hold(e.timestamp, e.data);
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.held(true);
  }

  /** The events held, oldest first; `mirror`: the ring keeps them as objects for the next reads. */
  private held(mirror: boolean): StreamEvent[] {
    const first = this.count === this.length ? this.at : 0;
    return this.ring.events(first, this.count, this.length, mirror);
  }

  snapshot(): LengthState {
    // Read without the objects mirror: a snapshot does not make every later event keep an object.
    const events = this.held(false);
    return { count: events.length, events: saveEvents(events) };
  }

  restore(state: unknown): void {
    // The events restored fill the slots from the first; no tag is restored.
    this.ring.clear();
    this.at = 0;
    this.count = 0;
    this.tags = undefined;
    for (const e of loadEvents(asState<LengthState>(state, 'length').events)) this.hold(e.timestamp, e.data);
  }
}

const ownLengthWindow = ownable(LengthWindow, { ...common, CURRENT, EXPIRED, LengthRing });

export const lengthWindow: WindowImpl = {
  takes: ['pair'],
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
