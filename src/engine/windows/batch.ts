/** `batch(n?)`: each incoming chunk (or each n events of it) is a batch. */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkIntArg,
  constNumber,
  currentCopy,
  expiredCopy,
  loadEvents,
  resetEvent,
  saveEvents,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

interface BatchState {
  expired: SavedEvent[];
  hasBatch: boolean;
}

function hasCurrent(chunk: StreamEvent[]): boolean {
  for (let i = 0; i < chunk.length; i++) if ((chunk[i] as StreamEvent).type === CURRENT) return true;
  return false;
}

class BatchWindow implements WindowProcessor {
  readonly isBatch = true;
  /** The events of the last chunk, to expire when the next one arrives. */
  private expired: StreamEvent[] = [];
  /** A batch was emitted: the next one starts with a RESET. */
  private hasBatch = false;

  constructor(
    private readonly ctx: WindowContext,
    private readonly length: number,
  ) {}

  process(chunk: StreamEvent[]): void {
    const now = this.ctx.scheduler.now();
    if (!hasCurrent(chunk)) {
      // As Siddhi: a chunk with no events drops the previous batch without a word.
      if (this.expired.length > 0) this.hasBatch = false;
      this.expired = [];
      return;
    }
    let out: StreamEvent[] = [];
    for (const x of this.expired) {
      x.timestamp = now;
      out.push(x);
    }
    this.expired = [];
    let slice: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      this.expired.push(expiredCopy(e));
      slice.push(currentCopy(e));
      if (slice.length === this.length) {
        this.emitSlice(out, slice, now);
        out = [];
        slice = [];
      }
    }
    if (slice.length > 0) this.emitSlice(out, slice, now);
  }

  private emitSlice(out: StreamEvent[], slice: StreamEvent[], now: number): void {
    if (this.hasBatch) out.push(resetEvent(now));
    this.hasBatch = true;
    for (let j = 0; j < slice.length; j++) out.push(slice[j] as StreamEvent);
    this.ctx.emit(out);
  }

  contents(): StreamEvent[] {
    return this.expired.slice();
  }

  snapshot(): BatchState {
    return { expired: saveEvents(this.expired), hasBatch: this.hasBatch };
  }

  restore(state: unknown): void {
    const s = asState<BatchState>(state, 'batch');
    this.expired = loadEvents(s.expired);
    this.hasBatch = s.hasBatch;
  }
}

export const batchWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'batch',
    description:
      'A batch window over the chunks events arrive in: each chunk (or each `window.length` events of it) is emitted as one batch, and the previous chunk leaves (as expired events) when the next one arrives.',
    parameters: [
      {
        name: 'window.length',
        type: ['int'],
        description: 'The largest batch; a longer chunk is cut into batches of this size.',
        optional: true,
        defaultValue: 'the whole chunk',
        constantOnly: true,
      },
    ],
    signatures: [[], ['window.length']],
    examples: [
      {
        syntax: 'from SensorStream#window.batch()\nselect name, max(value) as maxValue\ninsert into OutputStream;',
        description: 'The maximum of each chunk of sensor readings.',
      },
    ],
    validate: (types, constants) =>
      checkCount(types.length, 0, 1, 'at most one argument (<int> window.length)') ??
      (types.length === 1 ? checkIntArg(types, constants, 0, 'window.length') : undefined) ??
      (types.length === 1 && Number(constants[0]) < 0 ? 'window.length must not be negative' : undefined),
  },
  create(ctx) {
    checkCall(batchWindow.spec, ctx);
    return new BatchWindow(ctx, ctx.args.length === 1 ? constNumber(ctx.args[0]) : 0);
  },
};
