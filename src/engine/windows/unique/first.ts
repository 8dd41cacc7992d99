/** `unique:first(key, ...)`: the first event of every key; later events of a held key are dropped. */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import { asState, checkCall, expiredCopy, type SavedEvent } from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import type { HashOrderState } from '../../runtime/java-hash-order.js';
import { KeyedEvents } from './keyed-events.js';
import { KeyTextOrder, keyTextReader } from './key-text-order.js';
import { checkKeyArgs, keyReader, uniqueKeyParameter } from './unique-key.js';

interface FirstState {
  events: SavedEvent[];
  order?: HashOrderState;
}

/**
 * Lets through the first event of each key and keeps it for ever; nothing ever expires. Joins and
 * on-demand queries read the held events in the order of Siddhi's map of them (see key-text-order.ts).
 */
class UniqueFirstWindow implements WindowProcessor {
  readonly isBatch = false;
  private readonly held: KeyedEvents;
  private readonly order: KeyTextOrder;

  constructor(private readonly ctx: WindowContext) {
    this.held = new KeyedEvents(keyReader(ctx.args, 0, ctx.args.length));
    this.order = new KeyTextOrder(keyTextReader(ctx.args));
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    for (const e of chunk) {
      if (e.type === CURRENT && this.held.add(expiredCopy(e), 'first')) {
        this.order.note(e);
        out.push(e);
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.order.sort(this.held.values());
  }

  snapshot(): FirstState {
    return { events: this.held.save(), order: this.order.snapshot() };
  }

  restore(state: unknown): void {
    const s = asState<FirstState>(state, 'unique:first');
    this.held.load(s.events);
    this.order.restore(s.order, this.held.values());
  }
}

export const uniqueFirstWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'first',
    description:
      "Holds the first event of every unique key, for ever. An event whose key is already held is dropped: it is neither emitted nor kept. No event ever expires. Joins and on-demand queries meet the held events in the order Siddhi's hash map of them iterates (by the hash of the key values' text), not in arrival order.",
    parameters: [uniqueKeyParameter(true)],
    signatures: [['unique.key']],
    examples: [
      {
        syntax:
          'define stream LoginEvents (timeStamp long, ip string);\n\nfrom LoginEvents#window.unique:first(ip)\ninsert into UniqueIps;',
        description: 'Emits the first login of each IP only.',
      },
    ],
    validate: checkKeyArgs,
  },
  create(ctx) {
    checkCall(uniqueFirstWindow.spec, ctx);
    return new UniqueFirstWindow(ctx);
  },
};
