/**
 * A named window: one window processor shared by every query that inserts into it or reads it.
 * What the processor emits goes to the readers, filtered by `output current|expired|all events`:
 * only `all` passes the RESETs of batch windows (with `current`, readers' aggregates never reset,
 * as in Siddhi).
 */
import type { Expression, OutputEventType } from '../../lang/ast.js';
import type { Attribute } from '../app/app-context.js';
import { CURRENT, EXPIRED, type ChunkSink, type StreamEvent } from '../event/stream-event.js';
import type { WindowProcessor } from '../windows/window.js';
import { compileRowCondition, type RowCondition } from '../table/row-condition.js';
import type { CompiledCondition, ConditionContext } from '../table/table.js';
import type { NamedWindow } from './named-window.js';

interface WindowCondition extends CompiledCondition {
  readonly row: RowCondition;
}

export class WindowStore implements NamedWindow {
  readonly kind = 'window';
  private sinks: ChunkSink[] = [];
  private processor: WindowProcessor | undefined;

  constructor(
    readonly id: string,
    readonly attributes: readonly Attribute[],
    readonly outputEventType: OutputEventType,
  ) {}

  /** Attaches the processor (created with `emit` as its output). */
  attach(p: WindowProcessor): void {
    this.processor = p;
  }

  get isBatch(): boolean {
    return this.processor?.isBatch ?? false;
  }

  /** The processor's output: filtered per `outputEventType`, then delivered to every reader. */
  readonly emit: ChunkSink = (chunk) => {
    const t = this.outputEventType;
    const out = t === 'all' ? chunk : chunk.filter((e) => e.type === (t === 'current' ? CURRENT : EXPIRED));
    if (out.length === 0) return;
    for (const s of this.sinks) s(out);
  };

  insert(chunk: readonly StreamEvent[]): void {
    const events: StreamEvent[] = [];
    for (const e of chunk) events.push({ timestamp: e.timestamp, data: e.data, type: CURRENT });
    if (events.length > 0) this.processor?.process(events);
  }

  subscribe(sink: ChunkSink): void {
    this.sinks = [...this.sinks, sink];
  }

  contents(): StreamEvent[] {
    return this.processor?.contents() ?? [];
  }

  compileCondition(on: Expression | undefined, cc: ConditionContext): CompiledCondition {
    const row = compileRowCondition(this.attributes, on, cc, { primaryKey: [], indexes: [] });
    const c: WindowCondition = { findable: this.id, plan: row.plan, row };
    return c;
  }

  find(cond: CompiledCondition, input: unknown, ts: number): unknown[][] {
    const test = this.own(cond).row.test;
    const out: unknown[][] = [];
    for (const e of this.contents()) if (!test || test(e.data, input, ts)) out.push(e.data);
    return out;
  }

  contains(cond: CompiledCondition, input: unknown, ts: number): boolean {
    const test = this.own(cond).row.test;
    for (const e of this.contents()) if (!test || test(e.data, input, ts)) return true;
    return false;
  }

  all(): unknown[][] {
    return this.contents().map((e) => e.data);
  }

  private own(cond: CompiledCondition): WindowCondition {
    if (cond.findable !== this.id || !('row' in cond)) {
      throw new Error(`condition compiled for '${cond.findable}' used on window '${this.id}'`);
    }
    return cond as WindowCondition;
  }
}
