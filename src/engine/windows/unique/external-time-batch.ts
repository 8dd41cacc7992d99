/**
 * `unique:externalTimeBatch(key, ts, t, start.time?, timeout?, replace?)`: a tumbling window whose
 * periods are measured on a timestamp attribute, emitting the latest event of each key of a period when
 * an event of a later period arrives (or, with a timeout, when none came for that long on the clock).
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT, EXPIRED } from '../../event/stream-event.js';
import {
  asState,
  attributeIndexOf,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  currentCopy,
  expiredCopy,
  resetEvent,
  saveEvents,
  WindowTimers,
} from '../common.js';
import {
  eventWindowTimeParameter,
  replaceWithBatchTimeParameter,
  timeoutParameter,
  timestampParameter,
  type ExternalTimeBatchState,
} from '../external-time-batch.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import { KeyedEvents, loadByKey } from './keyed-events.js';
import { checkKeyArg, keyReader, uniqueKeyParameter, type KeyOf } from './unique-key.js';
import { checkStartTime } from './time-batch.js';

interface Options {
  readonly tsIndex: number;
  readonly time: number;
  /** The constant start.time, when given. */
  readonly startTime: number | undefined;
  readonly timeout: number;
  readonly replaceTimestamp: boolean;
}

/**
 * Collects the latest event of each key of the running period. An event at or past the period's end
 * emits the previous batch as expired events, a RESET and the collected events (with their own
 * timestamps; the expired events and the RESET are stamped with the latest event time), then starts the
 * period it falls in. A timeout emits the running batch early; events of that period arriving later are
 * emitted again with it (the early part re-sent as current events, after it expires). Joins read the
 * last batch emitted.
 */
class UniqueExternalTimeBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  private readonly current: KeyedEvents;
  /** The last batch emitted, by key. */
  private expired = new Map<unknown, StreamEvent>();
  private startTime: number;
  private endTime = -1;
  private lastScheduledTime = 0;
  private lastCurrentEventTime = 0;
  /** The running batch was already emitted by the timeout. */
  private flushed = false;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly keyOf: KeyOf,
    private readonly opts: Options,
  ) {
    this.current = new KeyedEvents(keyOf);
    this.startTime = opts.startTime ?? 0;
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  private endTimeFor(t: number): number {
    return t + (this.opts.time - ((t - this.startTime) % this.opts.time));
  }

  private scheduleTimeout(): void {
    this.lastScheduledTime = this.ctx.scheduler.now() + this.opts.timeout;
    this.timers.schedule(this.lastScheduledTime);
  }

  private tsOf(e: StreamEvent): number {
    return Number(e.data[this.opts.tsIndex]);
  }

  process(chunk: StreamEvent[]): void {
    if (chunk.length === 0) return;
    if (this.endTime < 0) {
      const first = this.tsOf(chunk[0]!);
      if (this.opts.startTime !== undefined) {
        this.endTime = this.endTimeFor(first);
      } else {
        this.startTime = first;
        this.endTime = first + this.opts.time;
      }
      if (this.opts.timeout > 0) this.scheduleTimeout();
    }
    const outs: StreamEvent[][] = [];
    for (const e of chunk) {
      if (e.type !== CURRENT) continue;
      const ts = this.tsOf(e);
      if (this.lastCurrentEventTime < ts) this.lastCurrentEventTime = ts;
      if (ts >= this.endTime) {
        if (this.flushed) {
          this.resend(outs);
          this.flushed = false;
        } else {
          this.emitBatch(outs);
        }
        this.endTime = this.endTimeFor(this.lastCurrentEventTime);
        this.append(e);
        if (this.opts.timeout > 0) this.scheduleTimeout();
      } else {
        this.append(e);
      }
    }
    for (const out of outs) this.ctx.emit(out);
  }

  private readonly onTimer = (firedAt: number): void => {
    if (this.lastScheduledTime > firedAt) return;
    const outs: StreamEvent[][] = [];
    if (!this.flushed) {
      this.emitBatch(outs);
      this.flushed = true;
    } else if (this.current.size > 0) {
      this.resend(outs);
    }
    this.scheduleTimeout();
    for (const out of outs) this.ctx.emit(out);
  };

  private append(e: StreamEvent): void {
    const c = currentCopy(e);
    if (this.opts.replaceTimestamp) c.data[this.opts.tsIndex] = this.endTime;
    this.current.add(c, 'last');
  }

  /** The previous batch expires, then a RESET and the running batch, which becomes the previous one. */
  private emitBatch(outs: StreamEvent[][]): void {
    const out: StreamEvent[] = [];
    const time = this.lastCurrentEventTime;
    for (const x of this.expired.values()) {
      x.timestamp = time;
      out.push(x);
    }
    this.expired = new Map();
    if (this.current.size > 0) {
      out.push(resetEvent(time));
      for (const c of this.current.drain()) {
        this.expired.set(this.keyOf(c), expiredCopy(c));
        out.push(c);
      }
    }
    if (out.length > 0) outs.push(out);
  }

  /**
   * After a timeout emitted part of a batch and more of it arrived: the early part expires, and is
   * emitted again as current events, with the late part (a late event replaces its key's early one).
   */
  private resend(outs: StreamEvent[][]): void {
    if (this.current.size === 0) return;
    const time = this.lastCurrentEventTime;
    const out: StreamEvent[] = [];
    const sent = new Map<unknown, StreamEvent>();
    for (const [key, x] of this.expired) {
      out.push({ timestamp: time, data: x.data.slice(), type: EXPIRED });
      sent.set(key, currentCopy(x));
    }
    out.push(resetEvent(time));
    for (const c of this.current.drain()) {
      const key = this.keyOf(c);
      this.expired.set(key, expiredCopy(c));
      sent.set(key, c);
    }
    for (const s of sent.values()) out.push(s);
    outs.push(out);
  }

  contents(): StreamEvent[] {
    return [...this.expired.values()];
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): ExternalTimeBatchState {
    return {
      current: this.current.save(),
      expired: saveEvents(this.contents()),
      startTime: this.startTime,
      endTime: this.endTime,
      lastScheduledTime: this.lastScheduledTime,
      lastCurrentEventTime: this.lastCurrentEventTime,
      flushed: this.flushed,
    };
  }

  restore(state: unknown): void {
    const s = asState<ExternalTimeBatchState>(state, 'unique:externalTimeBatch');
    this.timers.cancelAll();
    this.current.load(s.current);
    this.expired = loadByKey(s.expired, this.keyOf);
    this.startTime = s.startTime;
    this.endTime = s.endTime;
    this.lastScheduledTime = s.lastScheduledTime;
    this.lastCurrentEventTime = s.lastCurrentEventTime;
    this.flushed = s.flushed;
    if (this.opts.timeout > 0 && this.endTime >= 0) this.timers.schedule(this.lastScheduledTime);
  }
}

export const uniqueExternalTimeBatchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: 'unique',
    name: 'externalTimeBatch',
    description:
      'A tumbling window whose periods of `window.time` are measured on a long timestamp attribute (event time). It collects the latest event of each unique key of the running period (an event whose key is already in the batch replaces that event) and emits them when an event of a later period arrives; the previous batch leaves (as expired events) at the same moment. Periods start at the first event, or are aligned to `start.time`. With `time.out`, the batch is also emitted when no event arrived for that long on the clock; events of that period arriving later are emitted again with it. Joins read the last batch emitted.',
    parameters: [
      uniqueKeyParameter(),
      { ...timestampParameter, name: 'time.stamp' },
      eventWindowTimeParameter,
      {
        name: 'start.time',
        type: ['int', 'long'],
        description: 'The instant the periods are aligned to.',
        optional: true,
        defaultValue: 'the timestamp of the first event',
        constantOnly: true,
      },
      {
        ...timeoutParameter,
        name: 'time.out',
        defaultValue: 'no timeout: a batch waits for an event of the next period',
      },
      { ...replaceWithBatchTimeParameter, name: 'replace.time.stamp.with.batch.end.time' },
    ],
    signatures: [
      ['unique.key', 'time.stamp', 'window.time'],
      ['unique.key', 'time.stamp', 'window.time', 'start.time'],
      ['unique.key', 'time.stamp', 'window.time', 'start.time', 'time.out'],
      ['unique.key', 'time.stamp', 'window.time', 'start.time', 'time.out', 'replace.time.stamp.with.batch.end.time'],
    ],
    examples: [
      {
        syntax:
          'define stream LoginEvents (timestamp long, ip string);\n\nfrom LoginEvents#window.unique:externalTimeBatch(ip, timestamp, 1 sec, 0, 2 sec)\nselect timestamp, ip, count() as total\ninsert into UniqueIps;',
        description:
          'Counts the distinct IPs of each second of event time, periods aligned to 0; a batch is emitted at the latest 2 seconds after its last event.',
      },
    ],
    validate: (types, constants) => {
      const n = types.length;
      const err =
        checkCount(
          n,
          3,
          6,
          'three to six arguments (<int|long|float|double|bool|string> unique.key, <long> time.stamp, <int|long|time> window.time, <int|long> start.time, <int|long|time> time.out, <bool> replace.time.stamp.with.batch.end.time)',
        ) ??
        checkKeyArg(types, 0) ??
        (types[1] !== 'long' ? `time.stamp must be a long attribute, not ${types[1]}` : undefined) ??
        (constants[1] !== undefined ? 'time.stamp must be an attribute, not a constant' : undefined) ??
        checkTimeArg(types, constants, 2, 'window.time') ??
        (Number(constants[2]) <= 0 ? 'window.time must be positive' : undefined) ??
        (n >= 4 ? checkStartTime(types, constants, 3) : undefined) ??
        (n >= 5 ? checkTimeArg(types, constants, 4, 'time.out') : undefined);
      if (err !== undefined) return err;
      if (n === 6 && (types[5] !== 'bool' || constants[5] === undefined))
        return 'replace.time.stamp.with.batch.end.time must be a bool constant';
      return undefined;
    },
  },
  create(ctx) {
    checkCall(uniqueExternalTimeBatchWindow.spec, ctx);
    return new UniqueExternalTimeBatchWindow(ctx, keyReader(ctx.args), {
      tsIndex: attributeIndexOf(ctx, 1, 'unique:externalTimeBatch', 'time.stamp'),
      time: constNumber(ctx.args[2]),
      startTime: ctx.args[3] !== undefined ? constNumber(ctx.args[3]) : undefined,
      timeout: ctx.args[4] !== undefined ? constNumber(ctx.args[4]) : 0,
      replaceTimestamp: ctx.args[5]?.constant === true,
    });
  },
};
