/**
 * A stream's junction: everything sent into the stream is delivered, synchronously and in
 * subscription order, to every subscriber (queries first, as they subscribe at creation, then
 * callbacks and sinks). A subscriber that throws does not stop the others: the error goes to the
 * stream's error handler (its @OnError choice).
 */
import type { AttributeType } from '../../lang/ast.js';
import { CURRENT, type ChunkSink, type EventSink, type StreamEvent } from '../event/stream-event.js';
import { dataCopy, type DataCopy } from '../event/data-copy.js';

export interface StreamSchemaLike {
  readonly id: string;
  readonly attributes: readonly { readonly name: string; readonly type: AttributeType }[];
}

export type JunctionErrorHandler = (error: unknown, chunk: StreamEvent[], junction: StreamJunction) => void;

export class StreamJunction {
  private subscribers: ChunkSink[] = [];
  /** Each subscriber's per-event lane, where it has one (same positions as `subscribers`). */
  private lanes: (EventSink | undefined)[] = [];
  /** Whether each subscriber's lane borrows the data it is given (same positions as `subscribers`). */
  private borrowing: boolean[] = [];
  /**
   * Whether the junction has no subscriber, or one that takes single events through a lane that
   * borrows: it reads the data only while it is called and keeps none of it, so an input handler may
   * hand over the sender's own array. Not with two or more: a callback of the first could change the
   * sender's array (to send it again) before the second reads it.
   */
  private borrowable = true;
  /** Events sent into this junction, for statistics. */
  eventsIn = 0;
  /** A copy of an event's data: `float` values become 32-bit, as Java's Float holds them. */
  readonly copy: DataCopy;

  constructor(
    readonly schema: StreamSchemaLike,
    private onError: JunctionErrorHandler,
  ) {
    const floats: number[] = [];
    schema.attributes.forEach((a, i) => {
      if (a.type === 'float') floats.push(i);
    });
    this.copy = dataCopy(schema.attributes.length, floats);
  }

  /** Whether anything listens: producers may skip building events nobody receives. */
  get hasSubscribers(): boolean {
    return this.subscribers.length > 0;
  }

  get id(): string {
    return this.schema.id;
  }

  /**
   * Adds a subscriber; `lane`, when given, takes single events in place of one-event chunks. `borrows`:
   * the lane reads an event's data only while it is called, keeps none of it, and reads `float` values
   * rounded (see `streamScope`).
   */
  subscribe(sink: ChunkSink, lane?: EventSink, borrows = false): void {
    this.subscribers = [...this.subscribers, sink];
    this.lanes = [...this.lanes, lane];
    this.borrowing = [...this.borrowing, lane !== undefined && borrows];
    this.borrowable = lends(this.borrowing);
  }

  unsubscribe(sink: ChunkSink): void {
    const subs = this.subscribers;
    this.lanes = this.lanes.filter((_, i) => subs[i] !== sink);
    this.borrowing = this.borrowing.filter((_, i) => subs[i] !== sink);
    this.borrowable = lends(this.borrowing);
    this.subscribers = subs.filter((s) => s !== sink);
  }

  setErrorHandler(handler: JunctionErrorHandler): void {
    this.onError = handler;
  }

  send(chunk: StreamEvent[]): void {
    this.eventsIn += chunk.length;
    const subs = this.subscribers;
    for (let i = 0; i < subs.length; i++) {
      try {
        subs[i]!(chunk);
      } catch (e) {
        this.onError(e, chunk, this);
      }
    }
  }

  /**
   * Sends one event from outside the engine (an input handler): `data` is the sender's array, which
   * the sender may change or reuse afterwards. Subscribers get a copy, unless the one subscriber
   * borrows: it reads the sender's array while it is called, and only an error keeps a copy of it.
   */
  sendInput(timestamp: number, data: readonly unknown[]): void {
    // `!== true`: V8 tests a boolean field's truthiness in full (false, '', 0n, NaN...), but compares it with
    // true in one instruction.
    if (this.borrowable !== true) {
      this.sendOne(timestamp, this.copy(data));
      return;
    }
    this.eventsIn++;
    const lane = this.lanes[0];
    if (lane === undefined) return;
    try {
      lane(timestamp, data as unknown[]);
    } catch (e) {
      this.lentFailed(e, timestamp, data);
    }
  }

  /** An error in the lane reading the sender's array: the handler gets a copy, as the sender may reuse it. */
  private lentFailed(error: unknown, timestamp: number, data: readonly unknown[]): void {
    this.onError(error, [{ timestamp, data: this.copy(data), type: CURRENT }], this);
  }

  /**
   * Sends one current event: through each subscriber's lane where it has one, else as a chunk of one
   * (built once, shared by the subscribers without a lane).
   */
  sendOne(timestamp: number, data: unknown[]): void {
    this.eventsIn++;
    const subs = this.subscribers;
    const lanes = this.lanes;
    let chunk: StreamEvent[] | undefined;
    for (let i = 0; i < subs.length; i++) {
      try {
        const lane = lanes[i];
        if (lane !== undefined) lane(timestamp, data);
        else subs[i]!((chunk ??= [{ timestamp, data, type: CURRENT }]));
      } catch (e) {
        this.onError(e, (chunk ??= [{ timestamp, data, type: CURRENT }]), this);
      }
    }
  }
}

/** Whether a junction may lend the sender's array: no subscriber, or one whose lane borrows. */
function lends(borrowing: readonly boolean[]): boolean {
  return borrowing.length === 0 || (borrowing.length === 1 && borrowing[0] === true);
}
