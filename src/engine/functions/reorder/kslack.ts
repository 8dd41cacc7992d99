/**
 * `#reorder:kslack(timestamp[, timeout][, max.k][, discard.late.arrival])`: puts an out-of-order stream
 * back in timestamp order with the K-slack algorithm, as siddhi-execution-reorder 5.0.x does.
 *
 * Events arriving with a timestamp not above the greatest seen wait in arrival order. An event with a
 * new greatest timestamp first grows K to the span between it and the smallest timestamp waiting (up to
 * max.k), moves every waiting event into the timestamp-ordered buffer, then releases, smallest timestamp
 * first, each timestamp at most the greatest minus K. The events released by one input chunk leave as
 * one chunk. With a timeout, timer ticks release what the ordered buffer holds (see FlushTimer); nothing
 * is released at shutdown.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import type {
  HoldingProcessor,
  HoldingProcessorContext,
  HoldingStreamProcessorImpl,
} from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { ArrivalBuffer, type SavedArrivals } from './arrival-buffer.js';
import { FlushTimer, type FlushTimerState } from './flush-timer.js';
import {
  constantAt,
  discardParameter,
  heldCopy,
  isHeld,
  maxKParameter,
  timeoutParameter,
  timestampReader,
  timestampParameter,
} from './reorder-parameters.js';
import { OrderedEvents, type SavedOrdered } from './ordered-events.js';

interface KSlackState {
  readonly arrivals: SavedArrivals;
  readonly ordered: SavedOrdered;
  readonly greatest: number;
  readonly lastReleased: number;
  readonly k: number;
  readonly timer: FlushTimerState;
}

class KSlack implements HoldingProcessor {
  /** Events since the greatest timestamp last grew. */
  private arrivals = new ArrivalBuffer();
  /** Events waiting for the greatest timestamp to pass them by K, by timestamp. */
  private ordered = new OrderedEvents();
  /** The greatest timestamp seen (starts at 0, as in Siddhi: timestamps up to 0 never release). */
  private greatest = 0;
  /** The timestamp last released in order (-1 before any); later ones below it are late. */
  private lastReleased = -1;
  private k = 0;
  private readonly timer: FlushTimer;
  private readonly timestampOf: (e: StreamEvent) => number;

  constructor(
    private readonly ctx: HoldingProcessorContext,
    timeout: number,
    private readonly maxK: number,
    private readonly discard: boolean,
  ) {
    this.timestampOf = timestampReader(ctx.args[0]!, 'reorder:kslack');
    this.timer = new FlushTimer(ctx.scheduler, timeout, (at) => this.tick(at));
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (!isHeld(e)) {
        out.push(e);
        continue;
      }
      const ts = this.timestampOf(e);
      if (this.discard && ts < this.lastReleased) continue;
      this.timer.arrived();
      this.arrivals.add(ts, heldCopy(e));
      if (ts > this.greatest) this.advance(ts, out);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  /** A new greatest timestamp: grow K, order what waited, release what K lets go. */
  private advance(ts: number, out: StreamEvent[]): void {
    this.greatest = ts;
    const span = ts - this.arrivals.smallest();
    if (span > this.k) this.k = span < this.maxK ? span : this.maxK;
    this.arrivals.drainInto(this.ordered);
    const ordered = this.ordered;
    while (ordered.size > 0 && ordered.firstKey()! + this.k <= ts) this.lastReleased = ordered.takeFirstInto(out);
  }

  /** A timeout tick: releases the ordered events whose timestamp is below the tick time + timeout. */
  private tick(at: number): void {
    const ordered = this.ordered;
    if (ordered.size > 0) {
      const out: StreamEvent[] = [];
      const limit = this.timer.timeout + at;
      while (ordered.size > 0 && ordered.firstKey()! < limit) ordered.takeFirstInto(out);
      if (out.length > 0) this.ctx.emit(out);
    }
    this.timer.ticked(ordered.size > 0);
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  snapshot(): KSlackState {
    return {
      arrivals: this.arrivals.save(),
      ordered: this.ordered.save(),
      greatest: this.greatest,
      lastReleased: this.lastReleased,
      k: this.k,
      timer: this.timer.snapshot(),
    };
  }

  restore(state: unknown): void {
    const s = asState<KSlackState>(state, 'reorder:kslack');
    this.arrivals = ArrivalBuffer.load(s.arrivals);
    this.ordered = OrderedEvents.load(s.ordered);
    this.greatest = s.greatest;
    this.lastReleased = s.lastReleased;
    this.k = s.k;
    this.timer.restore(s.timer);
  }
}

export const reorderKSlack: HoldingStreamProcessorImpl = {
  holdsEvents: true,
  spec: {
    kind: 'streamProcessor',
    namespace: 'reorder',
    name: 'kslack',
    description:
      'Puts an out-of-order stream back in `timestamp` order with the K-slack algorithm (siddhi-execution-reorder). ' +
      'An event whose timestamp is not above the greatest seen waits. An event with a new greatest timestamp grows K ' +
      'to the span between it and the smallest timestamp that waited since the greatest last grew (up to `max.k`; K never shrinks), ' +
      'then releases, smallest timestamp first, every held event whose timestamp is at most the greatest minus K. ' +
      'The events one input chunk releases leave as one chunk, with their own timestamps and types. ' +
      'With a `timeout`, ticks release what the ordered buffer holds, as described under `timeout` (events that waited ' +
      'without a new greatest timestamp after them are not in it yet). Nothing held is released at shutdown.',
    parameters: [
      timestampParameter,
      {
        ...timeoutParameter,
        description:
          'Milliseconds: the first tick comes `timeout` after the app starts, then one every second while events are held in order; ' +
          'each releases the ordered events whose timestamp is below the tick time + timeout. The ticks stop when the ordered buffer ' +
          'empties and restart, on the next whole second of their schedule, with the next event. -1: no timeout.',
      },
      maxKParameter,
      discardParameter,
    ],
    signatures: [
      ['timestamp'],
      ['timestamp', 'timeout'],
      ['timestamp', 'discard.late.arrival'],
      ['timestamp', 'timeout', 'max.k'],
      ['timestamp', 'timeout', 'discard.late.arrival'],
      ['timestamp', 'timeout', 'max.k', 'discard.late.arrival'],
    ],
    appendedAttributes: [],
    examples: [
      {
        syntax:
          'define stream StockStream (eventTime long, symbol string, volume long);\n\n' +
          'from StockStream#reorder:kslack(eventTime, 5000L)\nselect eventTime, symbol, volume\ninsert into OutputStream;',
        description:
          'Reorders the events by `eventTime`; from 5 seconds after the start, a tick every second releases the events held in order.',
      },
      {
        syntax: 'from StockStream#reorder:kslack(eventTime, true)\nselect *\ninsert into OrderedStream;',
        description:
          'Reorders by `eventTime` without a timeout, dropping events that arrive after later ones were released.',
      },
    ],
  },
  create(ctx) {
    const args = ctx.args;
    let timeout = -1;
    let maxK = Infinity;
    let discard = false;
    if (args.length >= 2 && args[1]!.type === 'bool') discard = constantAt(args, 1) === true;
    else if (args.length >= 2) timeout = Number(constantAt(args, 1));
    if (args.length >= 3 && args[2]!.type === 'bool') discard = constantAt(args, 2) === true;
    else if (args.length >= 3) maxK = Number(constantAt(args, 2));
    if (args.length >= 4) discard = constantAt(args, 3) === true;
    return new KSlack(ctx, timeout, maxK, discard);
  },
};
