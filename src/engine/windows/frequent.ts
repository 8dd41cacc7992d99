/** `frequent(n, attrs...)`: the Misra-Gries most frequent events: keeps the latest event of up to n keys. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import { asState, checkCall, constNumber, expiredCopy, fail, saveEvents, type SavedEvent } from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface FrequentState {
  entries: [string, number, SavedEvent][];
}

/** The key of an event: its chosen attribute values (all when none chosen) concatenated as Java prints them. */
export function eventKey(e: StreamEvent, indexes: readonly number[]): string {
  let key = '';
  if (indexes.length === 0) {
    for (let i = 0; i < e.data.length; i++) key += String(e.data[i]);
  } else {
    for (let i = 0; i < indexes.length; i++) key += String(e.data[indexes[i] as number]);
  }
  return key;
}

class FrequentWindow implements WindowProcessor {
  readonly isBatch = false;
  private counts = new Map<string, number>();
  private events = new Map<string, StreamEvent>();

  constructor(
    private readonly ctx: WindowContext,
    private readonly mostFrequent: number,
    private readonly keyIndexes: readonly number[],
  ) {}

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      const key = eventKey(e, this.keyIndexes);
      const known = this.events.has(key);
      this.events.set(key, expiredCopy(e));
      if (known) {
        this.counts.set(key, (this.counts.get(key) as number) + 1);
        out.push(e);
      } else if (this.events.size > this.mostFrequent) {
        // Decrement every other key; those reaching zero leave and make room.
        for (const [k, c] of this.counts) {
          if (c - 1 === 0) {
            this.counts.delete(k);
            const gone = this.events.get(k) as StreamEvent;
            this.events.delete(k);
            gone.timestamp = now;
            out.push(gone);
          } else {
            this.counts.set(k, c - 1);
          }
        }
        if (this.events.size > this.mostFrequent) {
          this.events.delete(key);
        } else {
          this.counts.set(key, 1);
          out.push(e);
        }
      } else {
        this.counts.set(key, 1);
        out.push(e);
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return [...this.events.values()];
  }

  snapshot(): FrequentState {
    const entries: [string, number, SavedEvent][] = [];
    for (const [k, c] of this.counts)
      entries.push([k, c, (saveEvents([this.events.get(k) as StreamEvent]) as SavedEvent[])[0] as SavedEvent]);
    return { entries };
  }

  restore(state: unknown): void {
    const s = asState<FrequentState>(state, 'frequent');
    this.counts = new Map();
    this.events = new Map();
    for (const [k, c, [timestamp, data, type]] of s.entries) {
      this.counts.set(k, c);
      this.events.set(k, { timestamp, data: data.slice(), type });
    }
  }
}

export const frequentWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'frequent',
    description:
      'Keeps the latest event of each of the (approximately) `event.count` most frequent keys, by the Misra-Gries counting algorithm. The key is the given attributes, or all attributes when none is given. An event whose key cannot get a place is dropped; keys whose count falls to zero leave as expired events.',
    parameters: [
      { name: 'event.count', type: ['int'], description: 'How many most frequent keys to keep.', constantOnly: true },
      {
        name: 'attribute',
        type: ['string', 'int', 'long', 'float', 'double', 'bool'],
        description: 'Attributes making the key.',
        optional: true,
        repeat: true,
      },
    ],
    signatures: [['event.count'], ['event.count', 'attribute']],
    examples: [
      {
        syntax:
          'from PurchaseStream[price >= 30]#window.frequent(2)\nselect cardNo, price\ninsert all events into PotentialFraud;',
        description: 'Keeps the purchases of the two most frequent (card, price) pairs.',
      },
    ],
    validate: (types, constants) => {
      if (types.length < 1) return 'expects at least one argument (<int> event.count)';
      if (types[0] !== 'int' || constants[0] === undefined) return 'event.count (1st argument) must be an int constant';
      for (let i = 1; i < types.length; i++)
        if (constants[i] !== undefined) return `argument ${i + 1} must be an attribute, not a constant`;
      return undefined;
    },
  },
  create(ctx) {
    checkCall(frequentWindow.spec, ctx);
    const indexes: number[] = [];
    for (let i = 1; i < ctx.args.length; i++) {
      const idx = ctx.args[i]?.attributeIndex;
      if (idx === undefined) fail(ctx, 'frequent', `argument ${i + 1} must be an attribute of the input stream`);
      indexes.push(idx);
    }
    return new FrequentWindow(ctx, constNumber(ctx.args[0]), indexes);
  },
};
