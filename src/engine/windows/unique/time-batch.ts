/**
 * `unique:timeBatch(key, t, start.time?)` and `unique:firstTimeBatch(key, t, start.time?)`: tumbling
 * windows emitting, every period t, the latest (or the first) event of each key that arrived in it.
 * The same processor, given a length, is `unique:timeLengthBatch` (see time-length-batch.ts).
 */
import type { StreamEvent } from '../../event/stream-event.js';
import { CURRENT } from '../../event/stream-event.js';
import type { AttributeType } from '../../../lang/ast.js';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  currentCopy,
  isIntegral,
  loadEvents,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from '../common.js';
import { startTimeParameter, windowTimeParameter } from '../time-batch.js';
import type { WindowContext, WindowImpl, WindowProcessor } from '../window.js';
import { flushBatch } from './batch-flush.js';
import { javaHashOf } from './java-key-hash.js';
import { KeyedEvents, type Keep } from './keyed-events.js';
import { checkKeyArg, keyReader, uniqueKeyParameter } from './unique-key.js';

interface UniqueTimeBatchState {
  nextEmitTime: number;
  pending: SavedEvent[];
  expired: SavedEvent[];
  /** `timeLengthBatch`: the running period's batch was already emitted by length. */
  sentByLength: boolean;
}

export interface UniqueTimeBatchOptions {
  readonly time: number;
  readonly startTime: number | undefined;
  readonly keep: Keep;
  /** `timeLengthBatch`'s length: a batch is also emitted when this many keys are held. */
  readonly length: number;
  readonly name: string;
}

/**
 * Collects one event per key during each period of `time` (the first period starts with the first
 * event, or is aligned to `start.time`); when a period ends, emits the previous batch as expired events,
 * a RESET and the collected events (in the order of Siddhi's HashMap of them), all stamped with now. With a length, a batch
 * is also emitted once that many keys are held, and events are then dropped until the period ends (that
 * end emits nothing), as Siddhi's timeLengthBatch does. Joins read the last batch emitted.
 */
export class UniqueTimeBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  /** When the running period ends; -1 until the first event starts the clock. */
  private nextEmitTime = -1;
  private readonly pending: KeyedEvents;
  private expired: StreamEvent[] = [];
  private sentByLength = false;
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly opts: UniqueTimeBatchOptions,
  ) {
    this.pending = new KeyedEvents(keyReader(ctx.args), javaHashOf(ctx.args[0]!.type));
    this.timers = new WindowTimers(ctx.scheduler, () => this.run(undefined));
  }

  process(chunk: StreamEvent[]): void {
    this.run(chunk);
  }

  private run(chunk: StreamEvent[] | undefined): void {
    const now = this.ctx.scheduler.now();
    const { time, startTime } = this.opts;
    if (this.nextEmitTime === -1) {
      this.nextEmitTime = startTime === undefined ? now + time : now + (time - ((now - startTime) % time));
      this.timers.schedule(this.nextEmitTime);
    }
    let byTime = false;
    if (now >= this.nextEmitTime) {
      this.nextEmitTime += time;
      this.timers.schedule(this.nextEmitTime);
      // The end of a period whose batch went out by length emits nothing. (Siddhi also drops the events
      // of a chunk that gets here before the timer; here they go to the new period.)
      if (this.sentByLength) this.sentByLength = false;
      else byTime = true;
    } else if (this.sentByLength) {
      return;
    }
    let byLength = false;
    if (chunk !== undefined) {
      for (const e of chunk) {
        if (e.type !== CURRENT) continue;
        this.pending.add(currentCopy(e), this.opts.keep);
        if (this.pending.size === this.opts.length) {
          // The rest of the chunk falls in the time after the batch: dropped.
          byLength = true;
          break;
        }
      }
    }
    if (!byTime && !byLength) return;
    const out: StreamEvent[] = [];
    this.expired = flushBatch(this.expired, this.pending.drain(), now, out);
    if (byLength) this.sentByLength = true;
    if (out.length > 0) this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): UniqueTimeBatchState {
    return {
      nextEmitTime: this.nextEmitTime,
      pending: this.pending.save(),
      expired: saveEvents(this.expired),
      sentByLength: this.sentByLength,
    };
  }

  /** Restores the batches and the running period: its end fires at its time, or at once when that has passed. */
  restore(state: unknown): void {
    const s = asState<UniqueTimeBatchState>(state, this.opts.name);
    this.timers.cancelAll();
    this.pending.load(s.pending);
    this.expired = loadEvents(s.expired);
    this.sentByLength = s.sentByLength;
    this.nextEmitTime = s.nextEmitTime;
    if (s.nextEmitTime !== -1) this.timers.schedule(Math.max(this.ctx.scheduler.now(), s.nextEmitTime));
  }
}

/** Checks the `start.time` argument at `i`. */
export function checkStartTime(
  types: readonly AttributeType[],
  constants: readonly unknown[],
  i: number,
): string | undefined {
  if (!isIntegral(types[i]!)) return `start.time must be an int or long, not ${types[i]}`;
  if (constants[i] === undefined) return 'start.time must be a constant, not an attribute or expression';
  return undefined;
}

function timeBatchSpec(name: string, keep: Keep): ExtensionSpec {
  return {
    kind: 'window',
    namespace: 'unique',
    name,
    description:
      (keep === 'last'
        ? 'A tumbling window that collects the latest event of each unique key during each period of `window.time` (an event whose key is already in the batch replaces that event, which is never emitted)'
        : 'A tumbling window that collects the first event of each unique key during each period of `window.time` (an event whose key is already in the batch is dropped)') +
      " and emits them together when the period ends, stamped with that time; the previous batch leaves (as expired events) at the same moment. The first period starts with the first event, or is aligned to `start.time`. Joins read the last batch emitted. A batch comes out in the order Siddhi's hash map of it iterates (by the Java hash of the key), not in arrival order.",
    parameters: [uniqueKeyParameter(), windowTimeParameter, startTimeParameter],
    signatures: [
      ['unique.key', 'window.time'],
      ['unique.key', 'window.time', 'start.time'],
    ],
    examples: [
      {
        syntax: `define stream CseEventStream (symbol string, price float, volume int);\n\nfrom CseEventStream#window.unique:${name}(symbol, 1 sec)\nselect symbol, price, volume\ninsert all events into OutputStream;`,
        description: `Every second, emits the ${keep === 'last' ? 'latest' : 'first'} event of each symbol that arrived during it.`,
      },
    ],
    validate: (types, constants) =>
      checkCount(
        types.length,
        2,
        3,
        'two or three arguments (<int|long|float|double|bool|string> unique.key, <int|long|time> window.time, <int|long> start.time)',
      ) ??
      checkKeyArg(types, 0) ??
      checkTimeArg(types, constants, 1, 'window.time') ??
      (Number(constants[1]) <= 0 ? 'window.time must be positive' : undefined) ??
      (types.length === 3 ? checkStartTime(types, constants, 2) : undefined),
  };
}

function timeBatchImpl(name: string, keep: Keep): WindowImpl {
  const spec = timeBatchSpec(name, keep);
  return {
    spec,
    create(ctx) {
      checkCall(spec, ctx);
      return new UniqueTimeBatchWindow(ctx, {
        time: constNumber(ctx.args[1]),
        startTime: ctx.args[2] !== undefined ? constNumber(ctx.args[2]) : undefined,
        keep,
        length: Infinity,
        name: `unique:${name}`,
      });
    },
  };
}

export const uniqueTimeBatchWindow = timeBatchImpl('timeBatch', 'last');
export const uniqueFirstTimeBatchWindow = timeBatchImpl('firstTimeBatch', 'first');
