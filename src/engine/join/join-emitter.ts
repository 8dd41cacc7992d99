/**
 * Feeds joined events to the query selector. Siddhi hands the selector one chunk per arriving event
 * (its matches), in batch mode: with aggregates, one output per arriving event (per group with
 * `group by`), and `order by` / `limit` / `offset` apply per arriving event (`GroupedEmitter`).
 * Without any of those, each match is projected as it is found (`ProjectingEmitter`): the same
 * output, with no joined event built in between.
 */
import {
  CURRENT,
  OutputEvent,
  RESET,
  type ChunkSink,
  type EventType,
  type StreamEvent,
} from '../event/stream-event.js';
import type { HavingFn, ProjectFn } from '../query/selector.js';
import type { JoinEmitter } from './side-joiner.js';

const NO_AGGREGATES: unknown[] = [];

/** No aggregates, groups or ordering: projects (and tests `having` on) each match directly. */
export class ProjectingEmitter implements JoinEmitter {
  private out: StreamEvent[] = [];
  private readonly pair: unknown[][] = [[], []];

  constructor(
    private readonly project: ProjectFn,
    private readonly having: HavingFn | undefined,
    private readonly currentOn: boolean,
    private readonly expiredOn: boolean,
    private readonly next: ChunkSink,
  ) {}

  match(timestamp: number, left: unknown[], right: unknown[], type: EventType): void {
    if (type === CURRENT ? !this.currentOn : !this.expiredOn) return;
    const pair = this.pair;
    pair[0] = left;
    pair[1] = right;
    const o = this.project(pair, timestamp, NO_AGGREGATES);
    if (this.having !== undefined && !this.having(o, pair, timestamp, NO_AGGREGATES)) return;
    this.out.push(new OutputEvent(timestamp, o, type));
  }

  endGroup(): void {}

  reset(): void {}

  flush(): void {
    const out = this.out;
    if (out.length === 0) return;
    this.out = [];
    this.next(out);
  }
}

/**
 * Each arriving event's matches reach the selector as their own chunk of joined events (`data` is
 * the pair); the selector's outputs are collected (`collect` is its next) and go on at `flush`.
 */
export class GroupedEmitter implements JoinEmitter {
  private group: StreamEvent[] = [];
  private collected: StreamEvent[] = [];

  constructor(
    private readonly select: ChunkSink,
    private readonly next: ChunkSink,
  ) {}

  /** The selector's output sink. */
  readonly collect: ChunkSink = (chunk) => {
    if (this.collected.length === 0) this.collected = chunk;
    else for (let i = 0; i < chunk.length; i++) this.collected.push(chunk[i]!);
  };

  match(timestamp: number, left: unknown[], right: unknown[], type: EventType): void {
    this.group.push({ timestamp, data: [left, right], type });
  }

  endGroup(): void {
    const g = this.group;
    if (g.length === 0) return;
    this.group = [];
    this.select(g);
  }

  reset(timestamp: number, left: unknown[], right: unknown[]): void {
    this.endGroup();
    this.select([{ timestamp, data: [left, right], type: RESET }]);
  }

  flush(): void {
    this.endGroup();
    const out = this.collected;
    if (out.length === 0) return;
    this.collected = [];
    this.next(out);
  }
}
