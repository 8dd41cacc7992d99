/** `unique:time(key, t)`: a sliding window of the latest event of each key that arrived in the last t. */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  expiredCopy,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from '../common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import { evictKey, loadByKey } from './keyed-events.js';
import { checkKeyArg, keyReader, uniqueKeyParameter, type KeyOf } from './unique-key.js';

interface UniqueTimeState {
  events: SavedEvent[];
  lastTimestamp: number | null;
}

/**
 * Holds the latest event of each key for `time` ms of the app clock from its timestamp. An event whose
 * key is held replaces that event, which leaves at once; an event also leaves when its time is up.
 * Leaving events are expired events stamped with the time they leave, before the current event.
 */
class UniqueTimeWindow implements WindowProcessor {
  readonly isBatch = false;
  /** By key, in arrival order (a replaced key moves to the end): the first held event leaves first. */
  private held = new Map<unknown, StreamEvent>();
  private lastTimestamp = -Infinity;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly keyOf: KeyOf,
    private readonly time: number,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, () => this.expire());
  }

  process(chunk: StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    const out: StreamEvent[] = [];
    for (const e of chunk) {
      this.expireInto(out, now);
      if (e.type !== CURRENT) continue;
      const key = this.keyOf(e);
      evictKey(this.held, key, now, out);
      this.held.set(key, expiredCopy(e));
      if (this.lastTimestamp < e.timestamp) {
        this.timers.schedule(e.timestamp + this.time);
        this.lastTimestamp = e.timestamp;
      }
      out.push(e);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  /** Moves the held events whose time is up (oldest first, up to the first that stays) to `out`. */
  private expireInto(out: StreamEvent[], now: number): void {
    for (const [key, e] of this.held) {
      if (e.timestamp + this.time > now) break;
      this.held.delete(key);
      e.timestamp = now;
      out.push(e);
    }
  }

  private expire(): void {
    const out: StreamEvent[] = [];
    this.expireInto(out, this.ctx.scheduler.now());
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return [...this.held.values()];
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): UniqueTimeState {
    return {
      events: saveEvents(this.contents()),
      lastTimestamp: this.lastTimestamp === -Infinity ? null : this.lastTimestamp,
    };
  }

  restore(state: unknown): void {
    const s = asState<UniqueTimeState>(state, 'unique:time');
    this.timers.cancelAll();
    this.held = loadByKey(s.events, this.keyOf);
    for (const e of this.held.values()) this.timers.schedule(e.timestamp + this.time);
    this.lastTimestamp = s.lastTimestamp ?? -Infinity;
  }
}

export const uniqueTimeWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'time',
    description:
      'A sliding time window holding the latest event of each unique key that arrived during the last `window.time`. An event whose key is held replaces that event, which leaves at once (as an expired event); an event also leaves when the clock reaches its timestamp plus `window.time`. A key whose event has left is forgotten, as the extension docs describe (siddhi-execution-unique 5.0.5 keeps it, so its event left long ago would be expired again when the key returns).',
    parameters: [
      uniqueKeyParameter(),
      {
        name: 'window.time',
        type: ['int', 'long', 'time'],
        description: 'How long an event stays in the window.',
        constantOnly: true,
      },
    ],
    signatures: [['unique.key', 'window.time']],
    examples: [
      {
        syntax:
          'define stream CseEventStream (symbol string, price float, volume int);\n\nfrom CseEventStream#window.unique:time(symbol, 1 sec)\nselect symbol, price, volume\ninsert expired events into OutputStream;',
        description: 'Holds the latest event of each symbol for a second; emits the events as they leave.',
      },
    ],
    validate: (types, constants) =>
      checkCount(
        types.length,
        2,
        2,
        'two arguments (<int|long|float|double|bool|string> unique.key, <int|long|time> window.time)',
      ) ??
      checkKeyArg(types, 0) ??
      checkTimeArg(types, constants, 1, 'window.time') ??
      (Number(constants[1]) <= 0 ? 'window.time must be positive' : undefined),
  },
  create(ctx) {
    checkCall(uniqueTimeWindow.spec, ctx);
    return new UniqueTimeWindow(ctx, keyReader(ctx.args), constNumber(ctx.args[1]));
  },
};
