/**
 * `#reorder:akslack(timestamp, correlation.field[, batch.size[, timeout[, max.k[, discard.late.arrival
 * [, error.threshold, confidence.level]]]]])`: K-slack whose K is scaled by alpha, a factor steered
 * every `batch.size` events towards the window coverage the correlation field's values call for
 * (siddhi-execution-reorder 5.0.x's AQ-K-slack).
 *
 * As kslack, but: a grown K is the span times alpha (rounded as Java's Math.round), so K may shrink; a
 * timeout tick releases, below the tick time + timeout, first the ordered events, then the events that
 * waited since the greatest timestamp last grew (each part in timestamp order), all in one chunk; and
 * ticks continue while either buffer holds events. The steering state (alpha, l and the controller's
 * memory) is part of the snapshot.
 */
import type { StreamEvent } from '../../event/stream-event.js';
import type { HoldingProcessorContext, HoldingStreamProcessorImpl } from '../../registry/extension-impl.js';
import { asState } from '../../windows/common.js';
import type { WindowArg } from '../../windows/window.js';
import { KSlackCore, type KSlackCoreState } from './kslack-core.js';
import { normalQuantile } from './normal-quantile.js';
import {
  constantAt,
  discardParameter,
  maxKParameter,
  timeoutParameter,
  timestampParameter,
} from './reorder-parameters.js';
import { coverageThreshold, runtimeCoverage } from './window-coverage.js';

/** The span of event time the runtime coverage looks back over (the extension's fixed 10^10 ms). */
const COVERAGE_WINDOW = 10_000_000_000;
/** The controller's proportional and derivative weights. */
const KP = 0.5;
const KD = 0.8;
/** Java's Long.MAX_VALUE as a double (2^63): what Math.round gives for anything at or above it. */
const LONG_MAX = 2 ** 63;

/** Java's Math.round(double): NaN is 0, halves round up, the long range clamps. */
function javaRound(x: number): number {
  if (Number.isNaN(x)) return 0;
  if (x >= LONG_MAX) return LONG_MAX;
  if (x <= -LONG_MAX) return -LONG_MAX;
  return Math.round(x);
}

interface AKSlackState extends KSlackCoreState {
  readonly counter: number;
  readonly alpha: number;
  readonly l: number;
  readonly previousAlpha: number;
  readonly previousError: number;
  readonly values: number[];
  readonly timestamps: number[];
}

interface AKSlackOptions {
  readonly batchSize: number;
  readonly timeout: number;
  readonly maxK: number;
  readonly discard: boolean;
  readonly errorThreshold: number;
  readonly criticalValue: number;
}

class AlphaKSlack extends KSlackCore {
  /** Events held since alpha was last steered. */
  private counter = 0;
  private alpha = 1;
  /** The lag the runtime coverage is measured at: alpha · K, at most K (0 until first steered). */
  private l = 0;
  private previousAlpha = 0;
  private previousError = 0;
  /** The correlation field of every event since alpha was last steered (dropped late ones included). */
  private values: number[] = [];
  /** The timestamp of every event, in arrival order (those far behind are dropped as coverage is measured). */
  private timestamps: number[] = [];
  private readonly correlationField: WindowArg;

  constructor(
    ctx: HoldingProcessorContext,
    private readonly o: AKSlackOptions,
  ) {
    super(ctx, 'reorder:akslack', o.timeout, o.maxK, o.discard);
    this.correlationField = ctx.args[1]!;
  }

  protected arrive(e: StreamEvent, ts: number, out: StreamEvent[]): void {
    const value = this.correlationField.evaluate(e);
    if (typeof value !== 'number') {
      throw new Error(`reorder:akslack: an event's correlation.field is ${String(value)}, not a number`);
    }
    this.timestamps.push(ts);
    this.values.push(value);
    if (!this.admit(e, ts)) return;
    if (++this.counter > this.o.batchSize) this.steer(ts);
    if (ts > this.greatest) this.advance(ts, out);
  }

  /** Moves alpha towards the coverage the recent values call for (a PD controller), and l with it. */
  private steer(ts: number): void {
    const threshold = coverageThreshold(this.o.criticalValue, this.o.errorThreshold, this.values);
    const achieved = this.l === 0 ? 1 : runtimeCoverage(ts, this.timestamps, this.l, COVERAGE_WINDOW);
    const error = threshold - achieved;
    this.alpha = Math.abs(this.previousAlpha + (KP * error + KD * (error - this.previousError)));
    this.previousError = error;
    this.previousAlpha = this.alpha;
    this.l = javaRound(this.alpha * this.k);
    if (this.l > this.k) this.l = this.k;
    this.counter = 0;
    this.values = [];
  }

  /** A grown K is the span times alpha (so it may shrink), up to max.k. */
  protected grownK(span: number): number {
    return span < this.maxK ? javaRound(span * this.alpha) : this.maxK;
  }

  /** Releases, below the tick time + timeout, the ordered events, then those still waiting, in one chunk. */
  protected tick(at: number): void {
    const out: StreamEvent[] = [];
    const limit = this.timer.timeout + at;
    this.releaseOrderedBelow(limit, out);
    this.arrivals.takeBelowInto(limit, out);
    if (out.length > 0) this.ctx.emit(out);
    this.timer.ticked(this.ordered.size > 0 || this.arrivals.length > 0);
  }

  snapshot(): AKSlackState {
    return {
      ...this.saveCore(),
      counter: this.counter,
      alpha: this.alpha,
      l: this.l,
      previousAlpha: this.previousAlpha,
      previousError: this.previousError,
      values: this.values.slice(),
      timestamps: this.timestamps.slice(),
    };
  }

  restore(state: unknown): void {
    const s = asState<AKSlackState>(state, 'reorder:akslack');
    this.loadCore(s);
    this.counter = s.counter;
    this.alpha = s.alpha;
    this.l = s.l;
    this.previousAlpha = s.previousAlpha;
    this.previousError = s.previousError;
    this.values = s.values.slice();
    this.timestamps = s.timestamps.slice();
  }
}

export const reorderAKSlack: HoldingStreamProcessorImpl = {
  holdsEvents: true,
  spec: {
    kind: 'streamProcessor',
    namespace: 'reorder',
    name: 'akslack',
    description:
      'Puts an out-of-order stream back in `timestamp` order with Alpha K-slack (AQ-K-slack, siddhi-execution-reorder): K-slack ' +
      '(see `reorder:kslack`) whose K, when it grows, is the span times alpha. Every `batch.size` events alpha is steered ' +
      '(a proportional-derivative controller) by the gap between the window coverage the `correlation.field` values of the batch ' +
      'call for (from their mean and variance, `error.threshold` and `confidence.level`) and the coverage achieved at the lag alpha · K; ' +
      'K may then shrink. Until the first steering alpha is 1 (plain K-slack). The events one input chunk releases leave as one chunk; ' +
      'a `timeout` tick releases, below the tick time + timeout, the ordered events and then those still waiting, in one chunk. ' +
      'Nothing held is released at shutdown.',
    parameters: [
      timestampParameter,
      {
        name: 'correlation.field',
        type: ['int', 'long', 'float', 'double'],
        description: 'The attribute the reordering is tuned for (the one later aggregated): its values steer alpha.',
      },
      {
        name: 'batch.size',
        type: ['long'],
        description: 'How many events feed each steering of alpha (at least 15 is advised).',
        optional: true,
        defaultValue: '10000',
        constantOnly: true,
      },
      timeoutParameter,
      { ...maxKParameter, description: `${maxKParameter.description} -1: unbounded.` },
      discardParameter,
      {
        name: 'error.threshold',
        type: ['double'],
        description: 'The relative error of the aggregate tolerated.',
        optional: true,
        defaultValue: '0.03',
        constantOnly: true,
      },
      {
        name: 'confidence.level',
        type: ['double'],
        description: 'The confidence that the error stays within `error.threshold`.',
        optional: true,
        defaultValue: '0.95',
        constantOnly: true,
      },
    ],
    signatures: [
      ['timestamp', 'correlation.field'],
      ['timestamp', 'correlation.field', 'batch.size'],
      ['timestamp', 'correlation.field', 'batch.size', 'timeout'],
      ['timestamp', 'correlation.field', 'batch.size', 'timeout', 'max.k'],
      ['timestamp', 'correlation.field', 'batch.size', 'timeout', 'max.k', 'discard.late.arrival'],
      [
        'timestamp',
        'correlation.field',
        'batch.size',
        'timeout',
        'max.k',
        'discard.late.arrival',
        'error.threshold',
        'confidence.level',
      ],
    ],
    appendedAttributes: [],
    examples: [
      {
        syntax:
          'define stream StockStream (eventTime long, symbol string, volume long);\n\n' +
          'from StockStream#reorder:akslack(eventTime, volume, 20L)#window.time(5 min)\n' +
          'select eventTime, symbol, sum(volume) as total\ninsert into OutputStream;',
        description: 'Reorders by `eventTime`, tuning K for the sum of `volume`, steering alpha every 20 events.',
      },
    ],
  },
  create(ctx) {
    const args = ctx.args;
    const num = (i: number, absent: number): number => (args.length > i ? Number(constantAt(args, i)) : absent);
    const maxK = num(4, -1);
    const confidenceLevel = num(7, 0.95);
    return new AlphaKSlack(ctx, {
      batchSize: num(2, 10_000),
      timeout: num(3, -1),
      maxK: maxK === -1 ? Infinity : maxK,
      discard: args.length > 5 && constantAt(args, 5) === true,
      errorThreshold: num(6, 0.03),
      criticalValue: Math.abs(normalQuantile((1 - confidenceLevel) / 2)),
    });
  },
};
