/** `lossyFrequent(support, error?, attrs...)`: the Lossy Counting frequent-items window. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import { asState, checkCall, constNumber, expiredCopy, fail, saveEvents, type SavedEvent } from './common.js';
import { eventKey } from './frequent.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface LossyCount {
  count: number;
  bucketId: number;
}

interface LossyFrequentState {
  totalCount: number;
  currentBucketId: number;
  entries: [string, number, number, SavedEvent][];
}

class LossyFrequentWindow implements WindowProcessor {
  readonly isBatch = false;
  private counts = new Map<string, LossyCount>();
  private events = new Map<string, StreamEvent>();
  private totalCount = 0;
  private currentBucketId = 1;
  private readonly windowWidth: number;

  constructor(
    private readonly ctx: WindowContext,
    private readonly support: number,
    private readonly error: number,
    private readonly keyIndexes: readonly number[],
  ) {
    this.windowWidth = Math.ceil(1 / error);
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      this.totalCount++;
      if (this.totalCount !== 1) this.currentBucketId = Math.ceil(this.totalCount / this.windowWidth);
      const key = eventKey(e, this.keyIndexes);
      const known = this.events.has(key);
      this.events.set(key, expiredCopy(e));
      const lc = this.counts.get(key);
      if (known && lc !== undefined) lc.count++;
      else this.counts.set(key, { count: 1, bucketId: Math.trunc(this.currentBucketId) - 1 });
      const c = this.counts.get(key) as LossyCount;
      if (c.count >= (this.support - this.error) * this.totalCount) out.push(e);
      if (this.totalCount % this.windowWidth === 0) {
        for (const [k, v] of this.counts) {
          if (v.count + v.bucketId <= this.currentBucketId) {
            this.counts.delete(k);
            const gone = this.events.get(k) as StreamEvent;
            this.events.delete(k);
            gone.timestamp = now;
            out.push(gone);
          }
        }
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return [...this.events.values()];
  }

  snapshot(): LossyFrequentState {
    const entries: [string, number, number, SavedEvent][] = [];
    for (const [k, v] of this.counts) {
      entries.push([k, v.count, v.bucketId, saveEvents([this.events.get(k) as StreamEvent])[0] as SavedEvent]);
    }
    return { totalCount: this.totalCount, currentBucketId: this.currentBucketId, entries };
  }

  restore(state: unknown): void {
    const s = asState<LossyFrequentState>(state, 'lossyFrequent');
    this.totalCount = s.totalCount;
    this.currentBucketId = s.currentBucketId;
    this.counts = new Map();
    this.events = new Map();
    for (const [k, count, bucketId, [timestamp, data, type]] of s.entries) {
      this.counts.set(k, { count, bucketId });
      this.events.set(k, { timestamp, data: data.slice(), type });
    }
  }
}

const isNumeric = (t: string | undefined): boolean => t === 'int' || t === 'long' || t === 'float' || t === 'double';

export const lossyFrequentWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'lossyFrequent',
    description:
      'Lets through the events whose key occurred in at least `support.threshold` of all events so far (within `error.bound`), by the Lossy Counting algorithm. The key is the given attributes, or all attributes. Keys whose estimated frequency falls too low are pruned at each bucket boundary and leave as expired events.',
    parameters: [
      {
        name: 'support.threshold',
        type: ['double'],
        description: 'The minimum frequency (0 to 1) for an event to pass.',
        constantOnly: true,
      },
      {
        name: 'error.bound',
        type: ['double'],
        description: 'The error tolerated in the counts (0 to 1).',
        optional: true,
        defaultValue: 'support.threshold / 10',
        constantOnly: true,
      },
      {
        name: 'attribute',
        type: ['string', 'int', 'long', 'float', 'double', 'bool'],
        description: 'Attributes making the key.',
        optional: true,
        repeat: true,
      },
    ],
    signatures: [
      ['support.threshold'],
      ['support.threshold', 'error.bound'],
      ['support.threshold', 'error.bound', 'attribute'],
    ],
    examples: [
      {
        syntax:
          'from PurchaseStream#window.lossyFrequent(0.1, 0.01)\nselect cardNo, price\ninsert all events into PotentialFraud;',
        description:
          'Lets through the purchases whose (card, price) pair makes at least 10% of all purchases, with a 1% error.',
      },
    ],
    validate: (types, constants) => {
      if (types.length < 1) return 'expects at least one argument (<double> support.threshold)';
      if (!isNumeric(types[0]) || constants[0] === undefined) return 'support.threshold must be a numeric constant';
      if (types.length > 1 && (!isNumeric(types[1]) || constants[1] === undefined))
        return 'error.bound must be a numeric constant';
      for (let i = 2; i < types.length; i++)
        if (constants[i] !== undefined) return `argument ${i + 1} must be an attribute, not a constant`;
      return undefined;
    },
  },
  create(ctx) {
    checkCall(lossyFrequentWindow.spec, ctx);
    const support = constNumber(ctx.args[0]);
    const error = ctx.args.length > 1 ? constNumber(ctx.args[1]) : support / 10;
    const indexes: number[] = [];
    for (let i = 2; i < ctx.args.length; i++) {
      const idx = ctx.args[i]?.attributeIndex;
      if (idx === undefined) fail(ctx, 'lossyFrequent', `argument ${i + 1} must be an attribute of the input stream`);
      indexes.push(idx);
    }
    return new LossyFrequentWindow(ctx, support, error, indexes);
  },
};
