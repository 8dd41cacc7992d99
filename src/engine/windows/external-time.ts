/** `externalTime(ts, t)`: a sliding time window driven by a timestamp attribute of the events, not the clock. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  attributeIndexOf,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  EventQueue,
  expiredCopy,
  loadQueue,
  saveEvents,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface ExternalTimeState {
  events: SavedEvent[];
}

class ExternalTimeWindow implements WindowProcessor {
  readonly isBatch = false;
  private queue = new EventQueue();

  constructor(
    private readonly ctx: WindowContext,
    private readonly tsIndex: number,
    private readonly time: number,
  ) {}

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    const ts = this.tsIndex;
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      const now = Number(e.data[ts]);
      const q = this.queue;
      for (let head = q.peek(); head !== undefined && Number(head.data[ts]) + this.time <= now; head = q.peek()) {
        q.shift();
        head.timestamp = now;
        out.push(head);
      }
      if (e.type !== CURRENT) continue;
      out.push(e);
      q.push(expiredCopy(e));
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.queue.toArray();
  }

  snapshot(): ExternalTimeState {
    return { events: saveEvents(this.queue.toArray()) };
  }

  restore(state: unknown): void {
    this.queue = loadQueue(asState<ExternalTimeState>(state, 'externalTime').events);
  }
}

export const externalTimeWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'externalTime',
    description:
      'A sliding time window whose time is read from a long attribute of the events (event time) instead of the clock: each arriving event first pushes out the held events whose timestamp attribute is at least `window.time` older than its own.',
    parameters: [
      {
        name: 'timestamp',
        type: ['long'],
        description: 'The attribute holding the event time (epoch milliseconds, increasing).',
      },
      {
        name: 'window.time',
        type: ['int', 'long', 'time'],
        description: 'How long an event stays, in event time.',
        constantOnly: true,
      },
    ],
    signatures: [['timestamp', 'window.time']],
    examples: [
      {
        syntax:
          'from LoginEvents#window.externalTime(eventTime, 20 sec)\nselect eventTime, ip, count() as total\ninsert into OutputStream;',
        description: 'Counts the logins of the last 20 seconds of event time.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 2, 2, 'two arguments (<long> timestamp, <int|long|time> window.time)') ??
      (types[0] !== 'long' ? `timestamp must be a long attribute, not ${types[0]}` : undefined) ??
      (constants[0] !== undefined ? 'timestamp must be an attribute, not a constant' : undefined) ??
      checkTimeArg(types, constants, 1, 'window.time'),
  },
  create(ctx) {
    checkCall(externalTimeWindow.spec, ctx);
    const idx = attributeIndexOf(ctx, 0, 'externalTime', 'timestamp');
    return new ExternalTimeWindow(ctx, idx, constNumber(ctx.args[1]));
  },
};
