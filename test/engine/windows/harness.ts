/** Drives a window processor directly: a hand-built WindowContext, a virtual clock, recorded output. */
import type { AttributeType, Expression, Span } from '../../../src/lang/ast.js';
import { CURRENT, EXPIRED, RESET, type StreamEvent } from '../../../src/engine/event/stream-event.js';
import { ManualScheduler } from '../../../src/engine/time/manual-scheduler.js';
import type { WindowArg, WindowContext, WindowImpl, WindowProcessor } from '../../../src/engine/windows/window.js';

const pos = { line: 1, column: 1, offset: 0 };
const span: Span = { start: pos, end: pos };

export type ArgSpec = { readonly value: unknown; readonly type: AttributeType } | { readonly attr: string };

/** A constant argument (`type` as the checker would infer it; time constants are long). */
export const k = (value: unknown, type: AttributeType): ArgSpec => ({ value, type });
export const int = (n: number): ArgSpec => k(n, 'int');
export const ms = (n: number): ArgSpec => k(n, 'long');
export const str = (s: string): ArgSpec => k(s, 'string');
export const bool = (b: boolean): ArgSpec => k(b, 'bool');
export const attr = (name: string): ArgSpec => ({ attr: name });

export type Attrs = readonly { readonly name: string; readonly type: AttributeType }[];

/** One emitted event as [kind, data, timestamp]; kind is 'C', 'E' or 'R'. */
export type Row = [string, unknown[], number];

export const KIND: Record<number, string> = { [CURRENT]: 'C', [EXPIRED]: 'E', [RESET]: 'R' };

/** What a window may be told of the step after it (see `WindowContext`). */
export type Follows = Pick<WindowContext, 'expiredBeforeResetUnread' | 'fold' | 'emitPair'>;

export class Harness {
  readonly clock: ManualScheduler;
  readonly chunks: StreamEvent[][] = [];
  readonly window: WindowProcessor;
  readonly ctx: WindowContext;

  constructor(
    impl: WindowImpl,
    args: readonly ArgSpec[],
    attrs: Attrs,
    start = 0,
    clock?: ManualScheduler,
    /** What the window is told of what follows it (see `WindowContext`). */
    follows: Follows = {},
  ) {
    this.clock = clock ?? new ManualScheduler(start);
    const windowArgs: WindowArg[] = args.map((a) => {
      if ('attr' in a) {
        const index = attrs.findIndex((x) => x.name === a.attr);
        if (index < 0) throw new Error(`no attribute ${a.attr}`);
        const expression: Expression = { kind: 'variable', name: a.attr, span };
        return {
          expression,
          type: (attrs[index] as { type: AttributeType }).type,
          isConstant: false,
          constant: undefined,
          evaluate: (e: StreamEvent) => e.data[index],
          attributeIndex: index,
        };
      }
      const expression: Expression = {
        kind: 'constant',
        type: a.type === 'object' ? 'null' : a.type,
        value: a.value as string | number | boolean | null,
        span,
      };
      return { expression, type: a.type, isConstant: true, constant: a.value, evaluate: () => a.value };
    });
    this.ctx = {
      args: windowArgs,
      attributes: attrs,
      scheduler: this.clock,
      emit: (chunk) =>
        this.chunks.push(chunk.map((e) => ({ timestamp: e.timestamp, data: e.data.slice(), type: e.type }))),
      name: 'query1',
      ...follows,
    };
    this.window = impl.create(this.ctx);
    this.window.start?.();
  }

  /** Sends one chunk of events, each stamped with the clock's now unless given. */
  send(...events: (unknown[] | { data: unknown[]; at: number })[]): void {
    const now = this.clock.now();
    this.window.process(
      events.map((e) =>
        Array.isArray(e)
          ? { timestamp: now, data: e, type: CURRENT }
          : { timestamp: e.at, data: e.data, type: CURRENT },
      ),
    );
  }

  /** Each chunk's events as rows, and clears the record. */
  take(): Row[][] {
    const rows = this.chunks.map((c) => c.map((e): Row => [KIND[e.type] ?? '?', e.data, e.timestamp]));
    this.chunks.length = 0;
    return rows;
  }

  /** All emitted rows in order (chunks flattened), and clears the record. */
  flat(): Row[] {
    return this.take().flat();
  }

  /** [kind, data] only, flattened. */
  kinds(): [string, unknown[]][] {
    return this.flat().map(([t, d]) => [t, d]);
  }

  held(): unknown[][] {
    return this.window.contents().map((e) => e.data);
  }

  /** A fresh processor restored from this one's snapshot (through JSON), on the same clock. */
  restored(impl: WindowImpl, args: readonly ArgSpec[], attrs: Attrs, follows: Follows = {}): Harness {
    const state = JSON.parse(JSON.stringify(this.window.snapshot())) as unknown;
    this.window.stop?.();
    const h = new Harness(impl, args, attrs, 0, this.clock, follows);
    h.window.restore(state);
    return h;
  }
}

export const STOCK: Attrs = [
  { name: 'symbol', type: 'string' },
  { name: 'price', type: 'float' },
  { name: 'volume', type: 'int' },
];
