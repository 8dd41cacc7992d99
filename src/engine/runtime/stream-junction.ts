/**
 * A stream's junction: everything sent into the stream is delivered, synchronously and in
 * subscription order, to every subscriber (queries first, as they subscribe at creation, then
 * callbacks and sinks). A subscriber that throws does not stop the others: the error goes to the
 * stream's error handler (its @OnError choice).
 */
import type { AttributeType } from '../../lang/ast.js';
import type { ChunkSink, StreamEvent } from '../event/stream-event.js';

export interface StreamSchemaLike {
  readonly id: string;
  readonly attributes: readonly { readonly name: string; readonly type: AttributeType }[];
}

export type JunctionErrorHandler = (error: unknown, chunk: StreamEvent[], junction: StreamJunction) => void;

export class StreamJunction {
  private subscribers: ChunkSink[] = [];
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

  subscribe(sink: ChunkSink): void {
    this.subscribers = [...this.subscribers, sink];
  }

  unsubscribe(sink: ChunkSink): void {
    this.subscribers = this.subscribers.filter((s) => s !== sink);
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
}
