/** `lengthBatch(n, stream.current.event?)`: a tumbling window emitting every n events as a batch. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import { copyData } from '../event/data-copy.js';
import {
  asState,
  checkCall,
  checkCount,
  checkIntArg,
  constNumber,
  currentCopy,
  expiredCopy,
  expiredTwin,
  loadEvents,
  resetEvent,
  saveEvents,
  type SavedEvent,
} from './common.js';
import * as common from './common.js';
import type { BatchFold, WindowContext, WindowImpl, WindowProcessor } from './window.js';
import { own, ownable } from '../runtime/own-code.js';

interface LengthBatchState {
  count: number;
  current: SavedEvent[];
  expired: SavedEvent[];
  pendingReset: boolean;
}

class LengthBatchWindow implements WindowProcessor {
  readonly isBatch = true;
  private count = 0;
  /** The batch being filled (full-batch mode). */
  private current: StreamEvent[] = [];
  /** The last emitted batch (or, when streaming current events, the batch so far), typed EXPIRED. */
  private expired: StreamEvent[] = [];
  /** A RESET is owed: events arrived since the last flush. */
  private pendingReset = false;
  /**
   * Whether to keep the expired events of the batch emitted (see `WindowContext`): they are emitted
   * right before a RESET, which makes them unread when what follows outputs no expired event.
   */
  private readonly keepsExpired: boolean;
  /**
   * Whether what follows folds each batch as it fills (see `BatchFold`): the window then holds no
   * event, only the count. Decided at the first event (or restore), once the selector exists.
   */
  private folding: boolean | undefined;
  /** Events of a restored batch, held before folding (a revision from before folding): folded first. */
  private refold: StreamEvent[] | undefined;

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
    private readonly streamCurrent: boolean,
  ) {
    this.keepsExpired = ctx.expiredBeforeResetUnread !== true;
  }

  processOne(timestamp: number, data: unknown[]): void {
    // Small, so that V8 inlines the fold into the sender (its budget counts the callees' bytecode).
    if (this.folding === true) this.foldIn(timestamp, data);
    else this.processOneUnfolded(timestamp, data);
  }

  private processOneUnfolded(timestamp: number, data: unknown[]): void {
    if (this.folds()) {
      this.foldIn(timestamp, data);
      return;
    }
    if (this.length === 0 || this.streamCurrent) {
      this.process([{ timestamp, data, type: CURRENT }]);
      return;
    }
    if (this.append({ timestamp, data: copyData(data), type: CURRENT })) this.flushBatch(this.ctx.scheduler.now());
  }

  private folds(): boolean {
    return (this.folding ??= !this.streamCurrent && this.length > 0 && this.ctx.fold?.active() === true);
  }

  /** One event into the batch being folded; the batch's last one outputs it. */
  private foldIn(timestamp: number, data: unknown[]): void {
    const fold = this.ctx.fold!;
    if (this.refold !== undefined) this.foldRestored(fold);
    fold.add(timestamp, data);
    if (++this.count === this.length) {
      this.count = 0;
      fold.emit(timestamp, data);
    }
  }

  /** Folds the events of a batch restored from a revision from before folding, after a reset. */
  private foldRestored(fold: BatchFold): void {
    const held = this.refold!;
    this.refold = undefined;
    fold.reset();
    for (const e of held) fold.add(e.timestamp, e.data);
  }

  /** Adds a copy to the batch being filled; true when that fills it. */
  private append(copy: StreamEvent): boolean {
    this.pendingReset = true;
    this.current.push(copy);
    return ++this.count === this.length;
  }

  process(chunk: StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      if (this.folds()) {
        this.foldIn(e.timestamp, e.data);
      } else if (this.length === 0) {
        const gone = expiredCopy(e);
        gone.timestamp = now;
        this.ctx.emit([e, gone, resetEvent(now)]);
      } else if (this.streamCurrent) {
        this.pendingReset = true;
        const out: StreamEvent[] = [];
        if (++this.count === this.length + 1) {
          this.flushExpired(out, now);
          out.push(resetEvent(now));
          this.count = 1;
        }
        out.push(e);
        if (this.keepsExpired) this.expired.push(expiredCopy(e));
        this.ctx.emit(out);
      } else {
        if (this.append(currentCopy(e))) this.flushBatch(now);
      }
    }
  }

  /** The last batch leaves, a RESET, the new batch: in one array of the final size. */
  private flushBatch(now: number): void {
    const last = this.expired;
    const batch = this.current;
    const out = new Array<StreamEvent>(last.length + 1 + batch.length);
    let k = 0;
    for (let j = 0; j < last.length; j++) {
      const x = last[j]!;
      x.timestamp = now;
      out[k++] = x;
    }
    out[k++] = resetEvent(now);
    this.pendingReset = false;
    for (let j = 0; j < batch.length; j++) out[k++] = batch[j]!;
    if (this.keepsExpired) {
      const expired = new Array<StreamEvent>(batch.length);
      for (let j = 0; j < batch.length; j++) expired[j] = expiredTwin(batch[j]!);
      this.expired = expired;
    } else if (last.length > 0) {
      this.expired = [];
    }
    this.current = [];
    this.count = 0;
    this.ctx.emit(out);
  }

  private flushExpired(out: StreamEvent[], now: number): void {
    const expired = this.expired;
    for (let j = 0; j < expired.length; j++) {
      const x = expired[j] as StreamEvent;
      x.timestamp = now;
      out.push(x);
    }
    this.expired = [];
    this.pendingReset = false;
  }

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  snapshot(): LengthBatchState {
    return {
      count: this.count,
      current: saveEvents(this.refold ?? this.current),
      expired: saveEvents(this.expired),
      pendingReset: this.pendingReset,
    };
  }

  restore(state: unknown): void {
    const s = asState<LengthBatchState>(state, 'lengthBatch');
    this.count = s.count;
    if (this.folds()) {
      // What follows restores its own aggregates; held events (from before folding) are folded again.
      this.refold = s.current.length > 0 ? loadEvents(s.current) : undefined;
      return;
    }
    this.current = loadEvents(s.current);
    this.expired = loadEvents(s.expired);
    this.pendingReset = s.pendingReset;
  }
}

const ownLengthBatchWindow = ownable(LengthBatchWindow, { ...common, CURRENT, copyData });

export const lengthBatchWindow: WindowImpl = {
  takes: ['fold'],
  spec: {
    kind: 'window',
    namespace: '',
    name: 'lengthBatch',
    description:
      'A tumbling window that collects `window.length` events and emits them together as one batch; the previous batch leaves (as expired events) when the next one is emitted. With `stream.current.event` true, each event is emitted as it arrives and the batch boundary only expires the previous batch.',
    parameters: [
      { name: 'window.length', type: ['int'], description: 'How many events make a batch.', constantOnly: true },
      {
        name: 'stream.current.event',
        type: ['bool'],
        description: 'Emit each current event as it arrives instead of at the end of the batch.',
        optional: true,
        defaultValue: 'false',
        constantOnly: true,
      },
    ],
    signatures: [['window.length'], ['window.length', 'stream.current.event']],
    examples: [
      {
        syntax:
          'from InputEventStream#window.lengthBatch(10)\nselect symbol, sum(price) as price\ninsert into OutputStream;',
        description: 'Sums the price of every 10 events, emitting once per batch.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 1, 2, 'one or two arguments (<int> window.length, <bool> stream.current.event)') ??
      checkIntArg(types, constants, 0, 'window.length') ??
      (Number(constants[0]) < 0 ? 'window.length must not be negative' : undefined) ??
      (types.length === 2 && (types[1] !== 'bool' || constants[1] === undefined)
        ? 'stream.current.event must be a bool constant'
        : undefined),
  },
  create(ctx) {
    checkCall(lengthBatchWindow.spec, ctx);
    const W = own(ctx.own, ownLengthBatchWindow);
    return new W(ctx, constNumber(ctx.args[0]), ctx.args[1]?.constant === true);
  },
};
