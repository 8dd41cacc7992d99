/** `timeBatch(t, start.time?, stream.current.event?)`: a tumbling window emitting what arrived in each period t. */
import type { ParameterSpec } from '../../lang/catalog.js';
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  currentCopy,
  expiredCopy,
  isIntegral,
  loadEvents,
  resetEvent,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

/** The `window.time` parameter of `timeBatch` (and of the `unique:` time batch windows). */
export const windowTimeParameter = {
  name: 'window.time',
  type: ['int', 'long', 'time'],
  description: 'The length of each batch period.',
  constantOnly: true,
} as const satisfies ParameterSpec;

/** The `start.time` parameter of `timeBatch` (and of the `unique:` time batch windows). */
export const startTimeParameter = {
  name: 'start.time',
  type: ['int', 'long'],
  description: 'An epoch-millisecond instant the periods are aligned to.',
  optional: true,
  defaultValue: 'the first event',
  constantOnly: true,
} as const satisfies ParameterSpec;

interface TimeBatchState {
  nextEmitTime: number;
  current: SavedEvent[];
  expired: SavedEvent[];
  pendingReset: boolean;
}

class TimeBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  /** When the running batch ends; -1 until the first event starts the clock. */
  private nextEmitTime = -1;
  private current: StreamEvent[] = [];
  private expired: StreamEvent[] = [];
  private pendingReset = false;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly time: number,
    private readonly startTime: number | undefined,
    private readonly streamCurrent: boolean,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  process(chunk: StreamEvent[]): void {
    this.run(chunk);
  }

  private readonly onTimer = (): void => {
    this.run(undefined);
  };

  private run(chunk: StreamEvent[] | undefined): void {
    const now = this.ctx.scheduler.now();
    if (this.nextEmitTime === -1) {
      // The first event starts the batches: now + t, or aligned to start.time.
      this.nextEmitTime =
        this.startTime === undefined ? now + this.time : now + (this.time - ((now - this.startTime) % this.time));
      this.timers.schedule(this.nextEmitTime);
    }
    let send = false;
    if (now >= this.nextEmitTime) {
      this.nextEmitTime += this.time;
      this.timers.schedule(this.nextEmitTime);
      send = true;
    }
    const out: StreamEvent[] = [];
    if (chunk !== undefined) {
      for (let i = 0; i < chunk.length; i++) {
        const e = chunk[i] as StreamEvent;
        if (e.type !== CURRENT) continue;
        this.pendingReset = true;
        if (this.streamCurrent) {
          out.push(e);
          this.expired.push(expiredCopy(e));
        } else {
          this.current.push(currentCopy(e));
        }
      }
    }
    if (send) {
      const expired = this.expired;
      for (let j = 0; j < expired.length; j++) {
        const x = expired[j] as StreamEvent;
        x.timestamp = now;
        out.push(x);
      }
      this.expired = [];
      if (this.pendingReset) {
        out.push(resetEvent(now));
        this.pendingReset = false;
      }
      if (!this.streamCurrent) {
        const batch = this.current;
        for (let j = 0; j < batch.length; j++) {
          const c = batch[j] as StreamEvent;
          out.push(c);
          this.expired.push(expiredCopy(c));
        }
        this.current = [];
      }
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): TimeBatchState {
    return {
      nextEmitTime: this.nextEmitTime,
      current: saveEvents(this.current),
      expired: saveEvents(this.expired),
      pendingReset: this.pendingReset,
    };
  }

  /**
   * Restores the batches' events, not the running window's period (as Siddhi, where the emit time
   * belongs to the processor and only the scheduler's pending notification is state): the persisted
   * notification fires at its time, or at once when that has passed, and a restarted window that has
   * no period yet starts one then. A restored batch is emitted one period later, with what arrived
   * meanwhile.
   */
  restore(state: unknown): void {
    const s = asState<TimeBatchState>(state, 'timeBatch');
    this.current = loadEvents(s.current);
    this.expired = loadEvents(s.expired);
    this.pendingReset = s.pendingReset;
    if (s.nextEmitTime !== -1) this.timers.schedule(Math.max(this.ctx.scheduler.now(), s.nextEmitTime));
  }
}

export const timeBatchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'timeBatch',
    description:
      'A tumbling window that collects the events of each period of `window.time` and emits them together when the period ends; the previous batch leaves (as expired events) at the same moment. The first period starts with the first event, or is aligned to `start.time`. With `stream.current.event` true, events are emitted as they arrive and only expire in batches.',
    parameters: [
      windowTimeParameter,
      startTimeParameter,
      {
        name: 'stream.current.event',
        type: ['bool'],
        description: 'Emit each current event as it arrives instead of at the end of the period.',
        optional: true,
        defaultValue: 'false',
        constantOnly: true,
      },
    ],
    signatures: [
      ['window.time'],
      ['window.time', 'start.time'],
      ['window.time', 'stream.current.event'],
      ['window.time', 'start.time', 'stream.current.event'],
    ],
    examples: [
      {
        syntax:
          'from InputEventStream#window.timeBatch(20 sec)\nselect symbol, sum(price) as price\ninsert into OutputStream;',
        description: 'Sums the prices of each 20-second period.',
      },
      {
        syntax: 'from InputEventStream#window.timeBatch(1 min, 0)\nselect count() as n\ninsert into OutputStream;',
        description: 'Counts per minute, periods aligned to whole minutes.',
      },
    ],
    validate: (types, constants) => {
      const n = types.length;
      const err =
        checkCount(
          n,
          1,
          3,
          'one to three arguments (<int|long|time> window.time, <int|long> start.time, <bool> stream.current.event)',
        ) ?? checkTimeArg(types, constants, 0, 'window.time');
      if (err !== undefined) return err;
      if (Number(constants[0]) <= 0) return 'window.time must be positive';
      for (let i = 1; i < n; i++) if (constants[i] === undefined) return `argument ${i + 1} must be a constant`;
      if (n === 2 && !isIntegral(types[1]!) && types[1] !== 'bool')
        return `the 2nd argument must be start.time (int or long) or stream.current.event (bool), not ${types[1]}`;
      if (n === 3 && !isIntegral(types[1]!)) return `start.time must be an int or long, not ${types[1]}`;
      if (n === 3 && types[2] !== 'bool') return `stream.current.event must be a bool, not ${types[2]}`;
      return undefined;
    },
  },
  create(ctx) {
    checkCall(timeBatchWindow.spec, ctx);
    const a1 = ctx.args[1];
    const startTime = a1 !== undefined && a1.type !== 'bool' ? constNumber(a1) : undefined;
    const streamCurrent = (a1?.type === 'bool' ? a1.constant : ctx.args[2]?.constant) === true;
    return new TimeBatchWindow(ctx, constNumber(ctx.args[0]), startTime, streamCurrent);
  },
};
