/** `unique:length(key, n)`: a sliding window of the latest events of at most n distinct keys. */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import { asState, checkCall, constNumber, expiredCopy, saveEvents, type SavedEvent } from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import { loadByKey } from './keyed-events.js';
import { checkKeyAndLength, keyReader, uniqueKeyParameter, type KeyOf } from './unique-key.js';

interface UniqueLengthState {
  events: SavedEvent[];
}

/**
 * Holds one event per key, for at most `length` keys. An event whose key is held replaces that event,
 * which leaves at once; an event of a new key in a full window pushes the oldest held event out. The
 * event leaving (an expired event stamped with now) comes right before the one that made it leave.
 */
class UniqueLengthWindow implements WindowProcessor {
  readonly isBatch = false;
  /** By key, oldest first: a replaced key moves to the end (the newcomer is the newest event). */
  private held = new Map<unknown, StreamEvent>();

  constructor(
    private readonly ctx: WindowContext,
    private readonly keyOf: KeyOf,
    private readonly length: number,
  ) {}

  process(chunk: StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    const out: StreamEvent[] = [];
    const held = this.held;
    for (const e of chunk) {
      if (e.type !== CURRENT) continue;
      const key = this.keyOf(e);
      let gone = held.get(key);
      if (gone !== undefined) {
        held.delete(key);
      } else if (held.size === this.length) {
        const oldest = held.entries().next().value!;
        held.delete(oldest[0]);
        gone = oldest[1];
      }
      if (gone !== undefined) {
        gone.timestamp = now;
        out.push(gone);
      }
      held.set(key, expiredCopy(e));
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return [...this.held.values()];
  }

  snapshot(): UniqueLengthState {
    return { events: saveEvents(this.contents()) };
  }

  restore(state: unknown): void {
    this.held = loadByKey(asState<UniqueLengthState>(state, 'unique:length').events, this.keyOf);
  }
}

export const uniqueLengthWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'length',
    description:
      'A sliding window holding the latest event of each unique key, for at most `window.length` keys. An event whose key is held replaces that event, which leaves at once (as an expired event); an event of a new key in a full window pushes the oldest held event out. The event leaving is emitted right before the one that made it leave. A key whose event has left is forgotten, as the extension docs describe (siddhi-execution-unique 5.0.5 keeps it, so its event left long ago would be expired again when the key returns).',
    parameters: [
      uniqueKeyParameter(),
      {
        name: 'window.length',
        type: ['int'],
        description: 'How many unique events the window holds.',
        constantOnly: true,
      },
    ],
    signatures: [['unique.key', 'window.length']],
    examples: [
      {
        syntax:
          'define stream CseEventStream (symbol string, price float, volume int);\n\nfrom CseEventStream#window.unique:length(symbol, 10)\nselect symbol, price, volume\ninsert all events into OutputStream;',
        description: 'Holds the latest event of each of the last 10 symbols.',
      },
    ],
    validate: checkKeyAndLength,
  },
  create(ctx) {
    checkCall(uniqueLengthWindow.spec, ctx);
    return new UniqueLengthWindow(ctx, keyReader(ctx.args), constNumber(ctx.args[1]));
  },
};
