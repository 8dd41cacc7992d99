/** `unique:first(key, ...)`: the first event of every key; later events of a held key are dropped. */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import { asState, checkCall, expiredCopy, type SavedEvent } from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import { KeyedEvents } from './keyed-events.js';
import { checkKeyArgs, keyReader, uniqueKeyParameter } from './unique-key.js';

interface FirstState {
  events: SavedEvent[];
}

/** Lets through the first event of each key and keeps it for ever; nothing ever expires. */
class UniqueFirstWindow implements WindowProcessor {
  readonly isBatch = false;
  private readonly held: KeyedEvents;

  constructor(private readonly ctx: WindowContext) {
    this.held = new KeyedEvents(keyReader(ctx.args, 0, ctx.args.length));
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    for (const e of chunk) {
      if (e.type === CURRENT && this.held.add(expiredCopy(e), 'first')) out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.held.values();
  }

  snapshot(): FirstState {
    return { events: this.held.save() };
  }

  restore(state: unknown): void {
    this.held.load(asState<FirstState>(state, 'unique:first').events);
  }
}

export const uniqueFirstWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'first',
    description:
      'Holds the first event of every unique key, for ever. An event whose key is already held is dropped: it is neither emitted nor kept. No event ever expires.',
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
