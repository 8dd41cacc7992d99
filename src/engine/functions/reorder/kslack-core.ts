/**
 * What `#reorder:kslack` and `#reorder:akslack` share: the two buffers (events since the greatest timestamp
 * last grew, in arrival order; events waiting for the greatest to pass them by K, by timestamp), the greatest
 * timestamp, the last released, K, the timeout timer, and the release of an event with a new greatest timestamp.
 * How K grows and what a tick releases are each processor's own.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import type { HoldingProcessor, HoldingProcessorContext } from '../../registry/extension-impl.js';
import { ArrivalBuffer, type SavedArrivals } from './arrival-buffer.js';
import { FlushTimer, type FlushTimerState } from './flush-timer.js';
import { OrderedEvents, type SavedOrdered } from './ordered-events.js';
import { heldCopy, isHeld, timestampReader } from './reorder-parameters.js';

/** The part of a K-slack snapshot both processors write. */
export interface KSlackCoreState {
  readonly arrivals: SavedArrivals;
  readonly ordered: SavedOrdered;
  readonly greatest: number;
  readonly lastReleased: number;
  readonly k: number;
  readonly timer: FlushTimerState;
}

export abstract class KSlackCore implements HoldingProcessor {
  /** Events since the greatest timestamp last grew. */
  protected arrivals = new ArrivalBuffer();
  /** Events waiting for the greatest timestamp to pass them by K, by timestamp. */
  protected ordered = new OrderedEvents();
  /** The greatest timestamp seen (starts at 0, as in Siddhi: timestamps up to 0 never release). */
  protected greatest = 0;
  /** The timestamp last released in order (-1 before any); later ones below it are late. */
  protected lastReleased = -1;
  protected k = 0;
  protected readonly timer: FlushTimer;
  protected readonly timestampOf: (e: StreamEvent) => number;

  constructor(
    protected readonly ctx: HoldingProcessorContext,
    processor: string,
    timeout: number,
    protected readonly maxK: number,
    protected readonly discard: boolean,
  ) {
    this.timestampOf = timestampReader(ctx.args[0]!, processor);
    this.timer = new FlushTimer(ctx.scheduler, timeout, (at) => this.tick(at));
  }

  /** Passes the events that are not held (timer and reset events) and hands each held one to `arrive`. */
  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i]!;
      if (!isHeld(e)) {
        out.push(e);
        continue;
      }
      this.arrive(e, this.timestampOf(e), out);
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  /** A held event with timestamp `ts` arrived; what it releases goes to `out` (one chunk per input chunk). */
  protected abstract arrive(e: StreamEvent, ts: number, out: StreamEvent[]): void;

  /** The K a span above the current K grows it to (the span is below, at or above max.k). */
  protected abstract grownK(span: number): number;

  /** A timeout tick at `at`. */
  protected abstract tick(at: number): void;

  /** Holds a copy of an event with timestamp `ts`, unless it is late and late ones are discarded; false then. */
  protected admit(e: StreamEvent, ts: number): boolean {
    if (this.discard && ts < this.lastReleased) return false;
    this.timer.arrived();
    this.arrivals.add(ts, heldCopy(e));
    return true;
  }

  /** A new greatest timestamp: grow K, order what waited, release into `out` what K lets go. */
  protected advance(ts: number, out: StreamEvent[]): void {
    this.greatest = ts;
    const span = ts - this.arrivals.smallest();
    if (span > this.k) this.k = this.grownK(span);
    this.arrivals.drainInto(this.ordered);
    const ordered = this.ordered;
    while (ordered.size > 0 && ordered.firstKey()! + this.k <= ts) this.lastReleased = ordered.takeFirstInto(out);
  }

  /** Releases into `out`, in timestamp order, the ordered events whose timestamp is below `limit`. */
  protected releaseOrderedBelow(limit: number, out: StreamEvent[]): void {
    const ordered = this.ordered;
    while (ordered.size > 0 && ordered.firstKey()! < limit) ordered.takeFirstInto(out);
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }

  abstract snapshot(): KSlackCoreState;

  abstract restore(state: unknown): void;

  protected saveCore(): KSlackCoreState {
    return {
      arrivals: this.arrivals.save(),
      ordered: this.ordered.save(),
      greatest: this.greatest,
      lastReleased: this.lastReleased,
      k: this.k,
      timer: this.timer.snapshot(),
    };
  }

  protected loadCore(s: KSlackCoreState): void {
    this.arrivals = ArrivalBuffer.load(s.arrivals);
    this.ordered = OrderedEvents.load(s.ordered);
    this.greatest = s.greatest;
    this.lastReleased = s.lastReleased;
    this.k = s.k;
    this.timer.restore(s.timer);
  }
}
