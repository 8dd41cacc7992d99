/**
 * The running state machine of one pattern or sequence query: routes arriving events to the states
 * of their stream (last state first, so an event never fills two consecutive states), expires
 * matches older than `within`, resets sequences to keep them strict, wakes absent states on the
 * clock, and emits each completed match on its own.
 */
import { CURRENT, type StreamEvent } from '../event/stream-event.js';
import type { Stateful } from '../app/app-context.js';
import type { Scheduler, TimerHandle } from '../time/scheduler.js';
import { AbsentLogicalPre } from './absent-logical-state.js';
import { AbsentStreamPre } from './absent-state.js';
import { initNode, resetNode, setSelector, setupOrder, updateNode, type BuiltStates } from './build-states.js';
import { CountPre } from './count-state.js';
import type { PatternContext, TimedState } from './pattern-context.js';
import type { StateEvent } from './state-event.js';
import type { StreamPre } from './stream-state.js';
import { truncate } from '../runtime/truncate.js';

interface PreSnapshot {
  pending: StateEvent[];
  fresh: StateEvent[];
  initialized: boolean;
  extra: Record<string, number | boolean>;
}

export interface PatternSnapshot {
  pres: PreSnapshot[];
  timers: [number, number][];
}

const EXTRA_FIELDS = ['lastScheduledTime', 'lastArrivalTime', 'active', 'successCondition', 'startReset'] as const;

export class PatternRuntime implements Stateful {
  private states!: BuiltStates;
  /** Per stream: its states in processing order, and in update order. */
  private readonly byStream = new Map<string, { process: StreamPre[]; update: StreamPre[] }>();
  private readonly timers = new Map<TimedState, Map<number, TimerHandle>>();
  private readonly out: StateEvent[] = [];
  private readonly outEvents: StreamEvent[] = [];
  private flushing = false;
  readonly pc: PatternContext;

  constructor(
    readonly sequence: boolean,
    private readonly scheduler: Scheduler,
    /** Projects one match through the selector (synchronously). */
    private readonly select: (e: StreamEvent) => void,
    /** Delivers one output event downstream. */
    private readonly deliver: (e: StreamEvent) => void,
  ) {
    this.pc = {
      size: 0,
      sequence,
      emit: (se) => this.select({ timestamp: se.timestamp, data: se.slots, type: CURRENT }),
      notifyAt: (p, at) => this.notifyAt(p, at),
      now: () => scheduler.now(),
    };
  }

  /** Called by the selector's sink: outputs wait until the arriving event is fully processed. */
  readonly collect = (chunk: StreamEvent[]): void => {
    for (let i = 0; i < chunk.length; i++) this.outEvents.push(chunk[i]!);
  };

  attach(states: BuiltStates, withinMillis: number | undefined): void {
    this.states = states;
    this.pc.size = states.leaves.length;
    if (withinMillis !== undefined) {
      const startIds = states.pres.filter((p) => p.isStart).map((p) => p.stateId);
      for (const p of states.pres) {
        p.withinMillis = withinMillis;
        p.startIds = startIds;
      }
    }
    setSelector(states.root);
    const order = setupOrder(states.root);
    const streamOf = new Map(states.leaves.map((l) => [l.pre, l.stream.streamId]));
    for (const p of order) {
      const id = streamOf.get(p)!;
      let e = this.byStream.get(id);
      if (!e) this.byStream.set(id, (e = { process: [], update: [] }));
      e.update.push(p);
      e.process.unshift(p);
    }
    initNode(states.root);
  }

  /** Absent states waiting from the start begin their clocks. */
  start(): void {
    for (const p of this.states.startup) {
      if (p instanceof AbsentStreamPre || p instanceof AbsentLogicalPre) p.started();
    }
    this.emitMatches();
  }

  stop(): void {
    for (const m of this.timers.values()) for (const h of m.values()) this.scheduler.cancel(h);
    this.timers.clear();
  }

  streams(): string[] {
    return [...this.byStream.keys()];
  }

  /** The sink of one input stream. */
  sink(streamId: string): (chunk: StreamEvent[]) => void {
    const entry = this.byStream.get(streamId)!;
    const procs = entry.process;
    const updates = entry.update;
    const pres = this.states.pres;
    const root = this.states.root;
    const seq = this.sequence;
    const out = this.out;
    const withinOn = pres.some((p) => p.withinMillis >= 0);
    return (chunk) => {
      for (let c = 0; c < chunk.length; c++) {
        const ev = chunk[c]!;
        if (ev.type !== CURRENT) continue;
        if (withinOn) for (let i = 0; i < pres.length; i++) pres[i]!.expireEvents(ev.timestamp);
        if (seq) {
          resetNode(root);
          updateNode(root);
        } else {
          for (let i = 0; i < updates.length; i++) updates[i]!.updateState();
        }
        for (let i = 0; i < procs.length; i++) {
          procs[i]!.processAndReturn(ev, out);
          if (out.length > 0) {
            for (let k = 0; k < out.length; k++) this.pc.emit(out[k]!);
            truncate(out, 0);
          }
        }
      }
      this.emitMatches();
    };
  }

  private emitMatches(): void {
    if (this.flushing) return;
    this.flushing = true;
    try {
      const q = this.outEvents;
      for (let i = 0; i < q.length; i++) this.deliver(q[i]!);
      truncate(q, 0);
    } finally {
      this.flushing = false;
    }
  }

  private notifyAt(p: TimedState, at: number): void {
    let m = this.timers.get(p);
    if (!m) this.timers.set(p, (m = new Map()));
    if (m.has(at)) return;
    const handle = this.scheduler.schedule(at, () => {
      m.delete(at);
      p.onTimer(at);
      this.emitMatches();
    });
    m.set(at, handle);
  }

  /** Partial matches held (pending and newly arrived, over all states): for memory checks. */
  partialMatchCount(): number {
    let n = 0;
    for (const p of this.states.pres) n += p.pending.length + p.fresh.length;
    return n;
  }

  snapshot(): PatternSnapshot {
    const pres = this.states.pres;
    const timers: [number, number][] = [];
    for (const [p, m] of this.timers) {
      const i = pres.indexOf(p as unknown as StreamPre);
      for (const at of m.keys()) timers.push([i, at]);
    }
    const snap: PatternSnapshot = {
      pres: pres.map((p) => {
        const extra: Record<string, number | boolean> = {};
        const rec = p as unknown as Record<string, unknown>;
        for (const f of EXTRA_FIELDS) {
          const v = rec[f];
          if (typeof v === 'number' || typeof v === 'boolean') extra[f] = v;
        }
        return { pending: p.pending, fresh: p.fresh, initialized: p.initialized, extra };
      }),
      timers,
    };
    return structuredClone(snap);
  }

  restore(state: unknown): void {
    const snap = structuredClone(state as PatternSnapshot);
    const pres = this.states.pres;
    snap.pres.forEach((s, i) => {
      const p = pres[i];
      if (p === undefined) return;
      p.pending = s.pending;
      p.fresh = s.fresh;
      p.initialized = s.initialized;
      const rec = p as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(s.extra)) rec[k] = v;
      if (p instanceof CountPre) p.successCondition = s.extra.successCondition === true;
    });
    this.stop();
    for (const [i, at] of snap.timers) {
      const p = pres[i];
      if (p instanceof AbsentStreamPre || p instanceof AbsentLogicalPre) this.notifyAt(p, at);
    }
  }
}
