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
import type { HoldingProcessorContext, HoldingStreamProcessorImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import { KSlackCore, type KSlackCoreState } from './kslack-core.js';
import {
  constantAt,
  discardParameter,
  maxKParameter,
  timeoutParameter,
  timestampParameter,
} from './reorder-parameters.js';

class KSlack extends KSlackCore {
  constructor(ctx: HoldingProcessorContext, timeout: number, maxK: number, discard: boolean) {
    super(ctx, 'reorder:kslack', timeout, maxK, discard);
  }

  protected arrive(e: StreamEvent, ts: number, out: StreamEvent[]): void {
    if (this.admit(e, ts) && ts > this.greatest) this.advance(ts, out);
  }

  protected grownK(span: number): number {
    return span < this.maxK ? span : this.maxK;
  }

  /** A timeout tick: releases the ordered events whose timestamp is below the tick time + timeout. */
  protected tick(at: number): void {
    if (this.ordered.size > 0) {
      const out: StreamEvent[] = [];
      this.releaseOrderedBelow(this.timer.timeout + at, out);
      if (out.length > 0) this.ctx.emit(out);
    }
    this.timer.ticked(this.ordered.size > 0);
  }

  snapshot(): KSlackCoreState {
    return this.saveCore();
  }

  restore(state: unknown): void {
    this.loadCore(asState<KSlackCoreState>(state, 'reorder:kslack'));
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
