/**
 * `externalTimeBatch(ts, t, start.time?, timeout?, replace.with.batchtime?)`: a tumbling window whose
 * periods are measured on a timestamp attribute of the events; a batch is emitted when an event
 * of a later period arrives, or (with a timeout) when no event came for that long on the clock.
 */
import type { ParameterSpec } from '../../lang/catalog.js';
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT, EXPIRED } from '../event/stream-event.js';
import {
  asState,
  attributeIndexOf,
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
import type { WindowArg, WindowContext, WindowImpl, WindowProcessor } from './window.js';

/** The parameters `unique:externalTimeBatch` shares (some under other names). */
export const timestampParameter = {
  name: 'timestamp',
  type: ['long'],
  description: 'The attribute holding the event time (epoch milliseconds, increasing).',
} as const satisfies ParameterSpec;

export const eventWindowTimeParameter = {
  name: 'window.time',
  type: ['int', 'long', 'time'],
  description: 'The length of each batch period, in event time.',
  constantOnly: true,
} as const satisfies ParameterSpec;

export const timeoutParameter = {
  name: 'timeout',
  type: ['int', 'long', 'time'],
  description: 'Emit the running batch when no event arrived for this long (clock time).',
  optional: true,
  defaultValue: 'no timeout',
  constantOnly: true,
} as const satisfies ParameterSpec;

export const replaceWithBatchTimeParameter = {
  name: 'replace.with.batchtime',
  type: ['bool'],
  description: "Replace each event's timestamp attribute with the end time of its batch.",
  optional: true,
  defaultValue: 'false',
  constantOnly: true,
} as const satisfies ParameterSpec;

/** The snapshot of `externalTimeBatch`, and of `unique:externalTimeBatch` (its batches by key). */
export interface ExternalTimeBatchState {
  current: SavedEvent[];
  expired: SavedEvent[];
  startTime: number;
  endTime: number;
  lastScheduledTime: number;
  lastCurrentEventTime: number;
  flushed: boolean;
}

class ExternalTimeBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  private current: StreamEvent[] = [];
  private expired: StreamEvent[] = [];
  private endTime = -1;
  private startTime: number;
  private lastScheduledTime = 0;
  private lastCurrentEventTime = 0;
  /** The running batch was already emitted by the timeout. */
  private flushed = false;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly tsIndex: number,
    private readonly time: number,
    private readonly startTimeEnabled: boolean,
    commonStartTime: number,
    private readonly startTimeArg: WindowArg | undefined,
    private readonly timeout: number,
    private readonly replaceTimestamp: boolean,
  ) {
    this.startTime = commonStartTime;
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  private endTimeFor(t: number): number {
    return t + (this.time - ((t - this.startTime) % this.time));
  }

  private scheduleTimeout(): void {
    this.lastScheduledTime = this.ctx.scheduler.now() + this.timeout;
    this.timers.schedule(this.lastScheduledTime);
  }

  process(chunk: StreamEvent[]): void {
    if (chunk.length === 0) return;
    const outs: StreamEvent[][] = [];
    if (this.endTime < 0) {
      const first = chunk[0] as StreamEvent;
      const ts = Number(first.data[this.tsIndex]);
      if (!this.startTimeEnabled) {
        this.startTime = ts;
        this.endTime = ts + this.time;
      } else if (this.startTimeArg === undefined) {
        this.endTime = this.endTimeFor(ts);
      } else {
        this.startTime = Number(this.startTimeArg.evaluate(first));
        this.endTime = this.startTime + this.time;
      }
      if (this.timeout > 0) this.scheduleTimeout();
    }
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      const ts = Number(e.data[this.tsIndex]);
      if (this.lastCurrentEventTime < ts) this.lastCurrentEventTime = ts;
      if (ts < this.endTime) {
        this.append(e);
      } else {
        if (this.flushed) {
          this.appendToOutput(outs, this.lastCurrentEventTime);
          this.flushed = false;
        } else {
          this.emitBatch(outs, this.lastCurrentEventTime);
        }
        this.endTime = this.endTimeFor(this.lastCurrentEventTime);
        this.append(e);
        if (this.timeout > 0) this.scheduleTimeout();
      }
    }
    for (const out of outs) this.ctx.emit(out);
  }

  private readonly onTimer = (firedAt: number): void => {
    if (this.lastScheduledTime > firedAt) return;
    const outs: StreamEvent[][] = [];
    if (!this.flushed) {
      this.emitBatch(outs, this.lastCurrentEventTime);
      this.flushed = true;
    } else if (this.current.length > 0) {
      this.appendToOutput(outs, this.lastCurrentEventTime);
    }
    this.scheduleTimeout();
    for (const out of outs) this.ctx.emit(out);
  };

  private append(e: StreamEvent): void {
    const c = currentCopy(e);
    if (this.replaceTimestamp) c.data[this.tsIndex] = this.endTime;
    this.current.push(c);
  }

  /** Emits the previous batch as expired, a RESET and the running batch, which becomes the previous one. */
  private emitBatch(outs: StreamEvent[][], time: number): void {
    const out: StreamEvent[] = [];
    for (const x of this.expired) {
      x.timestamp = time;
      out.push(x);
    }
    this.expired = [];
    if (this.current.length > 0) {
      out.push(resetEvent(time));
      for (const c of this.current) {
        this.expired.push(expiredCopy(c));
        out.push(c);
      }
    }
    this.current = [];
    if (out.length > 0) outs.push(out);
  }

  /**
   * After a timeout emitted part of a batch and more of it arrived: emits the early part again
   * (expired, RESET, then current again) together with the late part.
   */
  private appendToOutput(outs: StreamEvent[][], time: number): void {
    const out: StreamEvent[] = [];
    if (this.current.length > 0) {
      const resent: StreamEvent[] = [];
      for (const x of this.expired) {
        out.push({ timestamp: time, data: x.data.slice(), type: EXPIRED });
        resent.push(currentCopy(x));
      }
      out.push(resetEvent(time));
      for (const r of resent) out.push(r);
      for (const c of this.current) {
        this.expired.push(expiredCopy(c));
        out.push(c);
      }
    }
    this.current = [];
    if (out.length > 0) outs.push(out);
  }

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): ExternalTimeBatchState {
    return {
      current: saveEvents(this.current),
      expired: saveEvents(this.expired),
      startTime: this.startTime,
      endTime: this.endTime,
      lastScheduledTime: this.lastScheduledTime,
      lastCurrentEventTime: this.lastCurrentEventTime,
      flushed: this.flushed,
    };
  }

  restore(state: unknown): void {
    const s = asState<ExternalTimeBatchState>(state, 'externalTimeBatch');
    this.timers.cancelAll();
    this.current = loadEvents(s.current);
    this.expired = loadEvents(s.expired);
    this.startTime = s.startTime;
    this.endTime = s.endTime;
    this.lastScheduledTime = s.lastScheduledTime;
    this.lastCurrentEventTime = s.lastCurrentEventTime;
    this.flushed = s.flushed;
    if (this.timeout > 0 && this.endTime >= 0) this.timers.schedule(this.lastScheduledTime);
  }
}

export const externalTimeBatchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'externalTimeBatch',
    description:
      'A tumbling window whose periods of `window.time` are measured on a long timestamp attribute (event time). The running batch is emitted, and the previous one expires, when an event of a later period arrives. Periods start at the first event, or are aligned to `start.time`. With `timeout`, a batch is also emitted when no event arrived for that long on the clock; events of that period arriving later are emitted again with it.',
    parameters: [
      timestampParameter,
      eventWindowTimeParameter,
      {
        name: 'start.time',
        type: ['int', 'long'],
        description:
          'The instant the periods are aligned to: a constant, or a long attribute read from the first event.',
        optional: true,
        defaultValue: 'the timestamp of the first event',
      },
      timeoutParameter,
      replaceWithBatchTimeParameter,
    ],
    signatures: [
      ['timestamp', 'window.time'],
      ['timestamp', 'window.time', 'start.time'],
      ['timestamp', 'window.time', 'start.time', 'timeout'],
      ['timestamp', 'window.time', 'start.time', 'timeout', 'replace.with.batchtime'],
    ],
    examples: [
      {
        syntax:
          'from LoginEvents#window.externalTimeBatch(eventTime, 1 sec)\nselect eventTime, count() as total\ninsert into OutputStream;',
        description: 'Counts the logins of each second of event time.',
      },
      {
        syntax:
          'from LoginEvents#window.externalTimeBatch(eventTime, 1 sec, 0, 3 sec)\nselect count() as total\ninsert into OutputStream;',
        description: 'Seconds aligned to 0; a batch is emitted at the latest 3 seconds after its last event.',
      },
    ],
    validate: (types, constants) => {
      const n = types.length;
      const err =
        checkCount(
          n,
          2,
          5,
          'two to five arguments (<long> timestamp, <int|long|time> window.time, <int|long> start.time, <int|long|time> timeout, <bool> replace.with.batchtime)',
        ) ??
        (types[0] !== 'long' ? `timestamp must be a long attribute, not ${types[0]}` : undefined) ??
        (constants[0] !== undefined ? 'timestamp must be an attribute, not a constant' : undefined) ??
        checkTimeArg(types, constants, 1, 'window.time');
      if (err !== undefined) return err;
      if (Number(constants[1]) <= 0) return 'window.time must be positive';
      if (n >= 3) {
        if (constants[2] !== undefined && !isIntegral(types[2]!))
          return `start.time must be an int or long, not ${types[2]}`;
        if (constants[2] === undefined && types[2] !== 'long')
          return `start.time must be a long attribute or an int/long constant, not ${types[2]}`;
      }
      if (n >= 4) {
        const e4 = checkTimeArg(types, constants, 3, 'timeout');
        if (e4 !== undefined) return e4;
      }
      if (n === 5 && (types[4] !== 'bool' || constants[4] === undefined))
        return 'replace.with.batchtime must be a bool constant';
      return undefined;
    },
  },
  create(ctx) {
    checkCall(externalTimeBatchWindow.spec, ctx);
    const tsIndex = attributeIndexOf(ctx, 0, 'externalTimeBatch', 'timestamp');
    const a2 = ctx.args[2];
    return new ExternalTimeBatchWindow(
      ctx,
      tsIndex,
      constNumber(ctx.args[1]),
      a2 !== undefined,
      a2?.isConstant ? constNumber(a2) : 0,
      a2 !== undefined && !a2.isConstant ? a2 : undefined,
      ctx.args[3] !== undefined ? constNumber(ctx.args[3]) : 0,
      ctx.args[4]?.constant === true,
    );
  },
};
