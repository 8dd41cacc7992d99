/** `sort(n, attr, 'asc'|'desc', ...)`: keeps the n events that sort first; the one that sorts last leaves. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  constNumber,
  expiredCopy,
  fail,
  loadEvents,
  saveEvents,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface SortState {
  events: SavedEvent[];
}

interface SortKey {
  readonly index: number;
  /** 1 ascending, -1 descending. */
  readonly order: number;
}

/** Java `compareTo` order for the values an attribute holds (strings by UTF-16 units); null sorts first. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

class SortWindow implements WindowProcessor {
  readonly isBatch = false;
  /** Held events in sort order; ties keep arrival order. */
  private sorted: StreamEvent[] = [];

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
    private readonly keys: readonly SortKey[],
  ) {}

  private compare(a: StreamEvent, b: StreamEvent): number {
    const keys = this.keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as SortKey;
      const c = compareValues(a.data[k.index], b.data[k.index]);
      if (c !== 0) return c * k.order;
    }
    return 0;
  }

  /** Inserts after every event that does not sort after it (a stable sort's place for the newest). */
  private insert(e: StreamEvent): void {
    const s = this.sorted;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(s[mid] as StreamEvent, e) <= 0) lo = mid + 1;
      else hi = mid;
    }
    s.splice(lo, 0, e);
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      out.push(e);
      this.insert(expiredCopy(e));
      if (this.sorted.length > this.length) {
        const gone = this.sorted.pop() as StreamEvent;
        gone.timestamp = now;
        out.push(gone);
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.sorted.slice();
  }

  snapshot(): SortState {
    return { events: saveEvents(this.sorted) };
  }

  restore(state: unknown): void {
    this.sorted = loadEvents(asState<SortState>(state, 'sort').events);
  }
}

export const sortWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'sort',
    description:
      "Holds at most `window.length` events, ordered by the given attributes. When a new event makes the window overflow, the event that sorts last leaves (as an expired event, emitted after the new current event). Each attribute may be followed by 'asc' (the default) or 'desc'.",
    parameters: [
      { name: 'window.length', type: ['int'], description: 'How many events the window holds.', constantOnly: true },
      {
        name: 'attribute',
        type: ['string', 'int', 'long', 'float', 'double', 'bool'],
        description: 'An attribute to sort on.',
        repeat: true,
      },
      {
        name: 'order',
        type: ['string'],
        description: "'asc' or 'desc' for the attribute before it.",
        optional: true,
        repeat: true,
        constantOnly: true,
      },
    ],
    signatures: [['window.length'], ['window.length', 'attribute'], ['window.length', 'attribute', 'order']],
    examples: [
      {
        syntax: "from StockStream#window.sort(2, volume, 'asc')\nselect *\ninsert all events into OutputStream;",
        description: 'Keeps the two events of lowest volume; a higher-volume event leaves at once.',
      },
    ],
    validate: (types, constants) => {
      if (types.length < 1) return 'expects at least one argument (<int> window.length)';
      if (types[0] !== 'int' || constants[0] === undefined)
        return 'window.length (1st argument) must be an int constant';
      for (let i = 1; i < types.length; i++) {
        if (constants[i] !== undefined) return `argument ${i + 1} must be an attribute to sort on, not a constant`;
        if (i + 1 < types.length && types[i + 1] === 'string' && constants[i + 1] !== undefined) {
          const o = String(constants[i + 1]).toLowerCase();
          if (o !== 'asc' && o !== 'desc')
            return `the order after an attribute must be 'asc' or 'desc', not '${String(constants[i + 1])}'`;
          i++;
        }
      }
      return undefined;
    },
  },
  create(ctx) {
    checkCall(sortWindow.spec, ctx);
    const keys: SortKey[] = [];
    const args = ctx.args;
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      if (a?.attributeIndex === undefined)
        fail(ctx, 'sort', `argument ${i + 1} must be an attribute of the input stream`);
      let order = 1;
      const next = args[i + 1];
      if (next?.isConstant && next.type === 'string') {
        order = String(next.constant).toLowerCase() === 'desc' ? -1 : 1;
        i++;
      }
      keys.push({ index: a.attributeIndex, order });
    }
    return new SortWindow(ctx, constNumber(args[0]), keys);
  },
};
