/** `unique:ever(key, ...)`: the latest event of every key ever seen. */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import { asState, checkCall, expiredCopy, saveEvents, type SavedEvent } from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import type { HashOrderState } from '../../runtime/java-hash-order.js';
import { evictKey, loadByKey } from './keyed-events.js';
import { KeyTextOrder, keyTextReader } from './key-text-order.js';
import { checkKeyArgs, keyReader, uniqueKeyParameter, type KeyOf } from './unique-key.js';

interface EverState {
  events: SavedEvent[];
  order?: HashOrderState;
}

/**
 * Holds the latest event per key, for ever. An event whose key is held replaces the held one, which
 * leaves at once (an expired event stamped with the time it leaves) before the newcomer passes. Joins
 * and on-demand queries read the held events in the order of Siddhi's map of them (see key-text-order.ts).
 */
class UniqueEverWindow implements WindowProcessor {
  readonly isBatch = false;
  /** By key; a replaced key moves to the end, so the held events read oldest first. */
  private held = new Map<unknown, StreamEvent>();
  private readonly order: KeyTextOrder;

  constructor(
    private readonly ctx: WindowContext,
    private readonly keyOf: KeyOf,
  ) {
    this.order = new KeyTextOrder(keyTextReader(ctx.args));
  }

  process(chunk: StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    const out: StreamEvent[] = [];
    for (const e of chunk) {
      if (e.type !== CURRENT) continue;
      const key = this.keyOf(e);
      evictKey(this.held, key, now, out);
      this.order.note(e);
      this.held.set(key, expiredCopy(e));
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.order.sort([...this.held.values()]);
  }

  snapshot(): EverState {
    return { events: saveEvents([...this.held.values()]), order: this.order.snapshot() };
  }

  restore(state: unknown): void {
    const s = asState<EverState>(state, 'unique:ever');
    this.held = loadByKey(s.events, this.keyOf);
    this.order.restore(s.order, [...this.held.values()]);
  }
}

export const uniqueEverWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'ever',
    description:
      "Holds the latest event of every unique key seen so far, for ever. When an event arrives with a key already held, the held event leaves at once (as an expired event) and the new one takes its place. Memory grows with the number of distinct keys. Joins and on-demand queries meet the held events in the order Siddhi's hash map of them iterates (by the hash of the key values' text), not in arrival order.",
    parameters: [uniqueKeyParameter(true)],
    signatures: [['unique.key']],
    examples: [
      {
        syntax:
          'define stream LoginEvents (timestamp long, ip string);\n\nfrom LoginEvents#window.unique:ever(ip)\nselect count(ip) as ipCount\ninsert events into UniqueIps;',
        description: 'Counts the distinct IPs seen so far.',
      },
      {
        syntax:
          'define stream DriverChangeStream (trainID string, driver string);\n\nfrom DriverChangeStream#window.unique:ever(trainID)\nselect trainID, driver\ninsert expired events into PreviousDriverChangeStream;',
        description: 'Emits the previous driver of a train each time its driver changes.',
      },
      {
        syntax:
          'define stream StockStream (symbol string, price float);\ndefine stream PriceRequestStream (symbol string);\n\nfrom StockStream#window.unique:ever(symbol) as s join PriceRequestStream as p\non s.symbol == p.symbol\nselect s.symbol as symbol, s.price as price\ninsert events into PriceResponseStream;',
        description: 'Answers each price request with the latest price of its symbol.',
      },
    ],
    validate: checkKeyArgs,
  },
  create(ctx) {
    checkCall(uniqueEverWindow.spec, ctx);
    return new UniqueEverWindow(ctx, keyReader(ctx.args, 0, ctx.args.length));
  },
};
