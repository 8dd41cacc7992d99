/**
 * A stream's junction: everything sent into the stream is delivered, synchronously and in
 * subscription order, to every subscriber (queries first, as they subscribe at creation, then
 * callbacks and sinks). A subscriber that throws does not stop the others: the error goes to the
 * stream's error handler (its @OnError choice).
 */
import type { AttributeType } from '../../lang/ast.js';
import { CURRENT, type ChunkSink, type EventSink, type StreamEvent } from '../event/stream-event.js';

export interface StreamSchemaLike {
  readonly id: string;
  readonly attributes: readonly { readonly name: string; readonly type: AttributeType }[];
}

export type JunctionErrorHandler = (error: unknown, chunk: StreamEvent[], junction: StreamJunction) => void;

export class StreamJunction {
  private subscribers: ChunkSink[] = [];
  /** Each subscriber's per-event lane, where it has one (same positions as `subscribers`). */
  private lanes: (EventSink | undefined)[] = [];
  /** Events sent into this junction, for statistics. */
  eventsIn = 0;

  constructor(
    readonly schema: StreamSchemaLike,
    private onError: JunctionErrorHandler,
  ) {}

  /** Whether anything listens: producers may skip building events nobody receives. */
  get hasSubscribers(): boolean {
    return this.subscribers.length > 0;
  }

  get id(): string {
    return this.schema.id;
  }

  /** Adds a subscriber; `lane`, when given, takes single events in place of one-event chunks. */
  subscribe(sink: ChunkSink, lane?: EventSink): void {
    this.subscribers = [...this.subscribers, sink];
    this.lanes = [...this.lanes, lane];
  }

  unsubscribe(sink: ChunkSink): void {
    const subs = this.subscribers;
    this.lanes = this.lanes.filter((_, i) => subs[i] !== sink);
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
