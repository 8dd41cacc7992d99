/**
 * `unique:lengthBatch(key, n)` and `unique:firstLengthBatch(key, n)`: tumbling windows emitting a batch
 * once n distinct keys have arrived, keeping the latest (or the first) event of each key.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import { asState, checkCall, constNumber, currentCopy, loadEvents, saveEvents, type SavedEvent } from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import { flushBatch } from './batch-flush.js';
import { javaHashOf } from './java-key-hash.js';
import { KeyedEvents, type Keep } from './keyed-events.js';
import { checkKeyAndLength, keyReader, uniqueKeyParameter } from './unique-key.js';

interface UniqueLengthBatchState {
  pending: SavedEvent[];
  expired: SavedEvent[];
}

/**
 * Collects one event per key; when `length` keys are held, emits the previous batch as expired events,
 * a RESET and the held events (in the order of Siddhi's HashMap of them), all stamped with now. Joins and on-demand queries
 * read the batch being collected, as Siddhi's `find` does.
 */
class UniqueLengthBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  private readonly pending: KeyedEvents;
  private expired: StreamEvent[] = [];

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
    private readonly keep: Keep,
    private readonly name: string,
  ) {
    this.pending = new KeyedEvents(keyReader(ctx.args), javaHashOf(ctx.args[0]!.type));
  }

  process(chunk: StreamEvent[]): void {
    const outs: StreamEvent[][] = [];
    for (const e of chunk) {
      if (e.type !== CURRENT) continue;
      this.pending.add(currentCopy(e), this.keep);
      if (this.pending.size === this.length) {
        const out: StreamEvent[] = [];
        this.expired = flushBatch(this.expired, this.pending.drain(), this.ctx.scheduler.now(), out);
        outs.push(out);
      }
    }
    for (const out of outs) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.pending.values();
  }

  snapshot(): UniqueLengthBatchState {
    return { pending: this.pending.save(), expired: saveEvents(this.expired) };
  }

  restore(state: unknown): void {
    const s = asState<UniqueLengthBatchState>(state, this.name);
    this.pending.load(s.pending);
    this.expired = loadEvents(s.expired);
  }
}

function lengthBatchSpec(name: string, keep: Keep): ExtensionSpec {
  return {
    kind: 'window',
    namespace: 'unique',
    name,
    description:
      keep === 'last'
        ? "A tumbling window that collects the latest event of each unique key and emits them together once `window.length` distinct keys have arrived; an event whose key is already in the batch replaces that event (which is never emitted). The previous batch leaves (as expired events) at the same moment. Joins read the batch being collected. A batch comes out in the order Siddhi's hash map of it iterates (by the Java hash of the key), not in arrival order."
        : "A tumbling window that collects the first event of each unique key and emits them together once `window.length` distinct keys have arrived; an event whose key is already in the batch is dropped. The previous batch leaves (as expired events) at the same moment. Joins read the batch being collected. A batch comes out in the order Siddhi's hash map of it iterates (by the Java hash of the key), not in arrival order.",
    parameters: [
      uniqueKeyParameter(),
      {
        name: 'window.length',
        type: ['int'],
        description: 'How many unique events make a batch.',
        constantOnly: true,
      },
    ],
    signatures: [['unique.key', 'window.length']],
    examples: [
      {
        syntax: `define stream CseEventStream (symbol string, price float, volume int);\n\nfrom CseEventStream#window.unique:${name}(symbol, 10)\nselect symbol, price, volume\ninsert all events into OutputStream;`,
        description: `Emits the ${keep === 'last' ? 'latest' : 'first'} event of each of 10 distinct symbols as a batch.`,
      },
    ],
    validate: checkKeyAndLength,
  };
}

function lengthBatchImpl(name: string, keep: Keep): WindowImpl {
  const spec = lengthBatchSpec(name, keep);
  return {
    spec,
    create(ctx) {
      checkCall(spec, ctx);
      return new UniqueLengthBatchWindow(ctx, constNumber(ctx.args[1]), keep, `unique:${name}`);
    },
  };
}

export const uniqueLengthBatchWindow = lengthBatchImpl('lengthBatch', 'last');
export const uniqueFirstLengthBatchWindow = lengthBatchImpl('firstLengthBatch', 'first');
