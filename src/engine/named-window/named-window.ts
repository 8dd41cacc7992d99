/**
 * The contract of a named window (`define window W (...) length(5) output all events`): queries
 * insert into it, queries read its output as a stream (`from W ...`), joins and on-demand queries
 * probe the events it holds through `Findable`.
 */
import type { OutputEventType } from '../../lang/ast.js';
import type { ChunkSink, StreamEvent } from '../event/stream-event.js';
import type { Findable } from '../table/table.js';

export interface NamedWindow extends Findable {
  readonly kind: 'window';
  /** Which of its events the window emits to readers (`output ... events`; Siddhi's default is all). */
  readonly outputEventType: OutputEventType;
  /** True when the wrapped window emits batches (lengthBatch, timeBatch, ...). */
  readonly isBatch: boolean;
  /** Feeds events (they enter as CURRENT events). */
  insert(chunk: readonly StreamEvent[]): void;
  /** Receives what the window emits (current and/or expired per `outputEventType`, RESETs of batch windows). */
  subscribe(sink: ChunkSink): void;
  /** The events held now, oldest first (joins probe these). */
  contents(): StreamEvent[];
}
