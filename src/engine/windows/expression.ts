/** `expression('condition')`: a sliding window holding events while a condition over them holds. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  EventQueue,
  expiredCopy,
  fail,
  loadEvents,
  saveEvents,
  type SavedEvent,
} from './common.js';
import {
  compileCondition,
  ConditionError,
  FRAME_CURRENT,
  FRAME_EXPIRED,
  type ConditionFrame,
  type WindowCondition,
} from './expression-condition.js';
import type { WindowArg, WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface ExpressionState {
  expression: string | null;
  events: SavedEvent[];
}

type Attributes = WindowContext['attributes'];

class ExpressionWindow implements WindowProcessor {
  readonly isBatch = false;
  /** Oldest first, in a FIFO: `Array.shift` copies a large array (past ~30,000 events) each call. */
  private held = new EventQueue();
  private condition: WindowCondition | undefined;
  private readonly frame: ConditionFrame;

  constructor(
    private readonly ctx: WindowContext,
    private expression: string | undefined,
    private readonly dynamicArg: WindowArg | undefined,
  ) {
    if (expression !== undefined) this.condition = compileCondition(expression, ctx.attributes);
    const none: StreamEvent = { timestamp: 0, data: [], type: CURRENT };
    this.frame = { event: none, first: none, last: none, kind: FRAME_CURRENT };
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      if (this.dynamicArg !== undefined) {
        const text = String(this.dynamicArg.evaluate(e));
        if (text !== this.expression) {
          this.expression = text;
          this.condition = compileCondition(text, this.ctx.attributes);
          // A new condition (with fresh aggregates) re-judges every held event, oldest first.
          const old = this.held.toArray();
          this.held.clear();
          for (const x of old) this.admit(out, now, x);
        }
      }
      this.admit(out, now, expiredCopy(e));
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  /** Adds `ev`; if the condition fails, expires from the oldest until it holds again. */
  private admit(out: StreamEvent[], now: number, ev: StreamEvent): void {
    const cond = this.condition as WindowCondition;
    const held = this.held;
    const f = this.frame;
    held.push(ev);
    f.event = ev;
    f.first = held.peek() as StreamEvent;
    f.last = ev;
    f.kind = FRAME_CURRENT;
    if (cond(f)) return;
    while (held.size > 0) {
      const x = held.shift() as StreamEvent;
      out.push(x);
      x.timestamp = now;
      f.event = x;
      f.first = held.peek() ?? x;
      f.last = ev;
      f.kind = FRAME_EXPIRED;
      if (cond(f)) break;
    }
  }

  contents(): StreamEvent[] {
    return this.held.toArray();
  }

  snapshot(): ExpressionState {
    return { expression: this.expression ?? null, events: saveEvents(this.held.toArray()) };
  }

  /** Restores the held events and rebuilds the aggregates by replaying them into a fresh condition. */
  restore(state: unknown): void {
    const s = asState<ExpressionState>(state, 'expression');
    this.held.clear();
    if (s.expression !== null) {
      this.expression = s.expression;
      this.condition = compileCondition(s.expression, this.ctx.attributes);
      const f = this.frame;
      f.kind = FRAME_CURRENT;
      for (const ev of loadEvents(s.events)) {
        this.held.push(ev);
        f.event = ev;
        f.first = this.held.peek() as StreamEvent;
        f.last = ev;
        this.condition(f);
      }
    }
  }
}

/** Checks a constant condition string; used by both expression windows. */
export function validateConditionArg(
  types: readonly string[],
  constants: readonly unknown[],
  attributes?: Attributes,
): string | undefined {
  if (types[0] !== 'string')
    return `the expression must be a string (a constant or a string attribute), not ${types[0]}`;
  if (constants[0] === undefined) return undefined;
  try {
    compileCondition(String(constants[0]), attributes ?? []);
  } catch (err) {
    if (!(err instanceof ConditionError)) throw err;
    // Without the stream's attributes only the shape can be checked: unknown names are judged at creation.
    if (attributes === undefined && /unknown attribute/.test(err.message)) return undefined;
    return err.message;
  }
  return undefined;
}

export function conditionFromArg(
  ctx: WindowContext,
  window: string,
): { text: string | undefined; dynamic: WindowArg | undefined } {
  const a = ctx.args[0] as WindowArg;
  if (a.isConstant) {
    const msg = validateConditionArg([a.type], [a.constant], ctx.attributes);
    if (msg !== undefined) fail(ctx, window, msg);
    return { text: String(a.constant), dynamic: undefined };
  }
  return { text: undefined, dynamic: a };
}

export const expressionWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'expression',
    description:
      "A sliding window that holds events while a condition over them holds. When a new event makes the condition false, events leave from the oldest until it holds again. The condition may use the event's attributes, `first.attr` and `last.attr` (oldest and newest held), `eventTimestamp(first)`, `eventTimestamp(last)`, and the aggregates count(), sum(), avg(), min(), max() over the held events. When the expression comes from an attribute and changes, all held events are judged again. As in Siddhi, `and` and `or` skip their right side once the left one decides, and an aggregate in a skipped side does not see that event: put aggregates first (`max(price) - min(price) < 10 and count() <= 100`, not the other way round).",
    parameters: [{ name: 'expression', type: ['string'], description: 'The condition the held events satisfy.' }],
    signatures: [['expression']],
    examples: [
      {
        syntax:
          "from StockStream#window.expression('count() <= 20')\nselect symbol, sum(price) as price\ninsert into OutputStream;",
        description: 'Holds the last 20 events.',
      },
      {
        syntax:
          "from StockStream#window.expression('sum(price) < 100 and eventTimestamp(last) - eventTimestamp(first) < 3000')\nselect symbol, sum(price) as price\ninsert into OutputStream;",
        description: 'Holds the newest events whose prices sum below 100 and that span less than 3 seconds.',
      },
    ],
    validate: (types, constants) =>
      types.length !== 1
        ? `expects one argument (<string> expression), but got ${types.length}`
        : validateConditionArg(types, constants),
  },
  create(ctx) {
    checkCall(expressionWindow.spec, ctx);
    const { text, dynamic } = conditionFromArg(ctx, 'expression');
    return new ExpressionWindow(ctx, text, dynamic);
  },
};
