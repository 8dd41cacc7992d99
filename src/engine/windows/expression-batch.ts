/**
 * `expressionBatch('condition', include.triggering.event?, stream.current.event?)`: a batch window
 * that grows while a condition holds and emits the batch when an event makes it false.
 */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import { asState, checkCall, currentCopy, expiredCopy, loadEvents, saveEvents, type SavedEvent } from './common.js';
import {
  compileCondition,
  FRAME_CURRENT,
  FRAME_RESET,
  type ConditionFrame,
  type WindowCondition,
} from './expression-condition.js';
import { conditionFromArg, validateConditionArg } from './expression.js';
import type { WindowArg, WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface ExpressionBatchState {
  expression: string | null;
  current: SavedEvent[];
  expired: SavedEvent[];
}

class ExpressionBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  /** The batch being collected (or, streaming, events owed to the next output). */
  private current: StreamEvent[] = [];
  /** The last emitted batch (or, streaming, the batch so far), typed EXPIRED. */
  private expired: StreamEvent[] = [];
  private condition: WindowCondition | undefined;
  private readonly frame: ConditionFrame;

  constructor(
    private readonly ctx: WindowContext,
    private expression: string | undefined,
    private readonly dynamicArg: WindowArg | undefined,
    private readonly includeArg: WindowArg | undefined,
    private readonly streamCurrent: boolean,
  ) {
    if (expression !== undefined) this.condition = compileCondition(expression, ctx.attributes);
    const none: StreamEvent = { timestamp: 0, data: [], type: CURRENT };
    this.frame = { event: none, first: none, last: none, kind: FRAME_CURRENT };
  }

  private include(e: StreamEvent): boolean {
    const a = this.includeArg;
    if (a === undefined) return false;
    return (a.isConstant ? a.constant : a.evaluate(e)) === true;
  }

  /** Evaluates the condition with the frame's aggregates as Siddhi does (CURRENT adds the event). */
  private holds(e: StreamEvent, first: StreamEvent | undefined): boolean {
    const f = this.frame;
    f.event = e;
    f.first = first ?? e;
    f.last = e;
    f.kind = FRAME_CURRENT;
    if ((this.condition as WindowCondition)(f)) return true;
    // The batch closes: aggregates restart from the triggering event.
    f.kind = FRAME_RESET;
    (this.condition as WindowCondition)(f);
    f.kind = FRAME_CURRENT;
    (this.condition as WindowCondition)(f);
    return false;
  }

  process(chunk: StreamEvent[]): void {
    const outs: StreamEvent[][] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const input = chunk[i] as StreamEvent;
      if (input.type !== CURRENT) continue;
      if (this.dynamicArg !== undefined) {
        const text = String(this.dynamicArg.evaluate(input));
        if (text !== this.expression) {
          this.expression = text;
          this.condition = compileCondition(text, this.ctx.attributes);
          this.rejudge(outs, now);
        }
      }
      const e = currentCopy(input);
      if (this.streamCurrent) this.admitStreaming(outs, now, e, true);
      else this.admit(outs, now, e);
    }
    for (const out of outs) this.ctx.emit(out);
  }

  private rejudge(outs: StreamEvent[][], now: number): void {
    if (!this.streamCurrent) {
      const old = this.current;
      this.current = [];
      for (const x of old) this.admit(outs, now, x);
    } else {
      const old = this.expired;
      this.expired = [];
      for (const x of old) this.admitStreaming(outs, now, x, false);
    }
  }

  private admit(outs: StreamEvent[][], now: number, e: StreamEvent): void {
    if (this.holds(e, this.current[0])) {
      this.current.push(e);
      return;
    }
    const out: StreamEvent[] = [];
    for (const x of this.expired) {
      x.timestamp = now;
      out.push(x);
    }
    this.expired = [];
    if (this.current.length > 0) {
      for (const c of this.current) {
        c.timestamp = now;
        this.expired.push(expiredCopy(c));
        out.push(c);
      }
      this.current = [];
      if (this.include(e)) {
        out.push(e);
        const x = expiredCopy(e);
        x.timestamp = now;
        this.expired.push(x);
      } else {
        this.current.push(e);
      }
    } else {
      const x = expiredCopy(e);
      x.timestamp = now;
      out.push(x);
      e.timestamp = now;
      out.push(e);
    }
    outs.push(out);
  }

  private admitStreaming(outs: StreamEvent[][], now: number, e: StreamEvent, output: boolean): void {
    const out: StreamEvent[] = [];
    if (output && this.current.length > 0) {
      for (const c of this.current) out.push(c);
      this.current = [];
    }
    if (this.holds(e, this.expired[0])) {
      this.expired.push(expiredCopy(e));
      if (output) {
        out.push(e);
        outs.push(out);
      }
      return;
    }
    if (this.expired.length > 0) {
      for (const x of this.expired) x.timestamp = now;
      const xe = expiredCopy(e);
      const target = output ? out : this.current;
      if (this.include(e)) {
        out.push(e);
        for (const x of this.expired) target.push(x);
        if (output) xe.timestamp = now;
        target.push(xe);
        this.expired = [];
      } else {
        for (const x of this.expired) target.push(x);
        out.push(e);
        this.expired = [xe];
      }
    } else if (output) {
      const xe = expiredCopy(e);
      xe.timestamp = now;
      out.push(xe);
      e.timestamp = now;
      out.push(e);
    } else {
      this.current.push(e);
    }
    if (output) outs.push(out);
  }

  contents(): StreamEvent[] {
    return this.current.slice();
  }

  snapshot(): ExpressionBatchState {
    return {
      expression: this.expression ?? null,
      current: saveEvents(this.current),
      expired: saveEvents(this.expired),
    };
  }

  /** Restores the queues and rebuilds the aggregates by replaying the running batch into a fresh condition. */
  restore(state: unknown): void {
    const s = asState<ExpressionBatchState>(state, 'expressionBatch');
    this.current = loadEvents(s.current);
    this.expired = loadEvents(s.expired);
    if (s.expression === null) return;
    this.expression = s.expression;
    this.condition = compileCondition(s.expression, this.ctx.attributes);
    const running = this.streamCurrent ? this.expired : this.current;
    const f = this.frame;
    f.kind = FRAME_CURRENT;
    for (const ev of running) {
      f.event = ev;
      f.first = running[0] as StreamEvent;
      f.last = ev;
      this.condition(f);
    }
  }
}

export const expressionBatchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'expressionBatch',
    description:
      "A batch window that collects events while a condition over them holds and emits the batch when an event makes it false; that event starts the next batch, or closes this one when `include.triggering.event` is true. The previous batch leaves as expired events when a batch is emitted. The condition may use the event's attributes, `first.attr`, `last.attr`, `eventTimestamp(first)`, `eventTimestamp(last)`, and count(), sum(), avg(), min(), max() over the batch. With `stream.current.event` true, events are emitted as they arrive and expire in batches. As in Siddhi, `and` and `or` skip their right side once the left one decides, and an aggregate in a skipped side does not see that event: put aggregates first (`max(price) - min(price) < 10 and count() <= 100`, not the other way round).",
    parameters: [
      { name: 'expression', type: ['string'], description: 'The condition the events of a batch satisfy.' },
      {
        name: 'include.triggering.event',
        type: ['bool'],
        description: 'Put the event that made the condition false into the batch it closes.',
        optional: true,
        defaultValue: 'false',
      },
      {
        name: 'stream.current.event',
        type: ['bool'],
        description: 'Emit each event as it arrives instead of with its batch.',
        optional: true,
        defaultValue: 'false',
        constantOnly: true,
      },
    ],
    signatures: [
      ['expression'],
      ['expression', 'include.triggering.event'],
      ['expression', 'include.triggering.event', 'stream.current.event'],
    ],
    examples: [
      {
        syntax:
          "from StockStream#window.expressionBatch('count() <= 20')\nselect symbol, sum(price) as price\ninsert into OutputStream;",
        description: 'Batches of 20 events.',
      },
      {
        syntax:
          "from StockStream#window.expressionBatch('eventTimestamp(last) - eventTimestamp(first) < 3000', true)\nselect symbol, sum(price) as price\ninsert into OutputStream;",
        description: 'Batches spanning less than 3 seconds, each including the event that closed it.',
      },
    ],
    validate: (types, constants) => {
      if (types.length < 1 || types.length > 3)
        return `expects one to three arguments (<string> expression, <bool> include.triggering.event, <bool> stream.current.event), but got ${types.length}`;
      if (types.length > 1 && types[1] !== 'bool') return `include.triggering.event must be a bool, not ${types[1]}`;
      if (types.length > 2 && types[2] !== 'bool') return `stream.current.event must be a bool, not ${types[2]}`;
      return validateConditionArg(types, constants);
    },
  },
  create(ctx) {
    checkCall(expressionBatchWindow.spec, ctx);
    const { text, dynamic } = conditionFromArg(ctx, 'expressionBatch');
    const a2 = ctx.args[2];
    return new ExpressionBatchWindow(
      ctx,
      text,
      dynamic,
      ctx.args[1],
      a2 !== undefined && a2.isConstant && a2.constant === true,
    );
  },
};
