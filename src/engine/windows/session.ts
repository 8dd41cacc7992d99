/**
 * `session(gap, key?, allowed.latency?)`: groups events into sessions per key; a session closes
 * when no event of its key arrived for `gap` (event time), and its events then leave together.
 * Current events pass through as they arrive.
 */
import type { StreamEvent } from '../event/stream-event.js';
import { CURRENT } from '../event/stream-event.js';
import {
  asState,
  checkCall,
  checkCount,
  checkTimeArg,
  constNumber,
  expiredCopy,
  fail,
  isIntegral,
  loadEvents,
  saveEvents,
  WindowTimers,
  type SavedEvent,
} from './common.js';
import type { WindowContext, WindowImpl, WindowProcessor } from './window.js';

const DEFAULT_KEY = 'default-key';

interface Session {
  events: StreamEvent[];
  start: number;
  end: number;
  alive: number;
}

interface Container {
  current: Session;
  previous: Session;
}

interface SavedSession {
  events: SavedEvent[];
  start: number;
  end: number;
  alive: number;
}

interface SessionState {
  sessions: [string, SavedSession, SavedSession][];
}

const emptySession = (): Session => ({ events: [], start: 0, end: 0, alive: 0 });

function setTimes(s: Session, start: number, end: number, alive: number): void {
  s.start = start;
  s.end = end;
  s.alive = alive;
}

class SessionWindow implements WindowProcessor {
  readonly isBatch = true;
  private sessions = new Map<string, Container>();
  private expiredOut: StreamEvent[] = [];
  private readonly timers: WindowTimers;

  constructor(
    private readonly ctx: WindowContext,
    private readonly gap: number,
    private readonly keyIndex: number | undefined,
    private readonly latency: number,
  ) {
    this.timers = new WindowTimers(ctx.scheduler, this.onTimer);
  }

  process(chunk: StreamEvent[]): void {
    const out: StreamEvent[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const e = chunk[i] as StreamEvent;
      if (e.type !== CURRENT) continue;
      if (this.add(e)) out.push(e);
    }
    const expired = this.expiredOut;
    if (expired.length > 0) {
      for (let j = 0; j < expired.length; j++) out.push(expired[j] as StreamEvent);
      this.expiredOut = [];
    }
    if (out.length > 0) this.ctx.emit(out);
  }

  /** Files the event into its session; false when it is too late for any session (dropped). */
  private add(e: StreamEvent): boolean {
    const ts = e.timestamp;
    const max = ts + this.gap;
    const alive = max + this.latency;
    const key = this.keyIndex === undefined ? DEFAULT_KEY : String(e.data[this.keyIndex]);
    let c = this.sessions.get(key);
    if (c === undefined) {
      c = { current: emptySession(), previous: emptySession() };
      this.sessions.set(key, c);
    }
    const clone = expiredCopy(e);
    const cur = c.current;
    if (cur.events.length === 0) {
      cur.events.push(clone);
      setTimes(cur, ts, max, alive);
      this.timers.schedule(max);
    } else if (ts >= cur.start) {
      if (ts <= cur.end) {
        setTimes(cur, cur.start, max, alive);
        cur.events.push(clone);
        this.timers.schedule(max);
      } else if (this.latency > 0) {
        this.moveCurrentToPrevious(c);
        c.current = { events: [clone], start: ts, end: max, alive };
        this.timers.schedule(max);
      }
    } else {
      return this.addLate(c, ts, clone);
    }
    return true;
  }

  private moveCurrentToPrevious(c: Container): void {
    const cur = c.current;
    if (c.previous.events.length > 0) this.pushExpired(c.previous.events);
    c.previous = { events: cur.events, start: cur.start, end: cur.end, alive: cur.alive };
    this.timers.schedule(cur.alive);
  }

  private addLate(c: Container, ts: number, clone: StreamEvent): boolean {
    const cur = c.current;
    const prev = c.previous;
    if (ts >= cur.start - this.gap) {
      cur.events.unshift(clone);
      cur.start = ts;
      if (this.latency > 0) this.merge(c);
      return true;
    }
    if (this.latency <= 0 || prev.events.length === 0 || ts < prev.start - this.gap) return false;
    prev.events.push(clone);
    if (ts <= prev.end - this.gap && ts < prev.start) {
      prev.start = ts;
    } else {
      prev.end = ts + this.gap;
      prev.alive = ts + this.gap + this.latency;
      this.merge(c);
    }
    return true;
  }

  /** Joins the previous session into the current one when they now overlap within the gap. */
  private merge(c: Container): void {
    const prev = c.previous;
    const cur = c.current;
    if (prev.events.length > 0 && prev.end >= cur.start - this.gap) {
      cur.events = prev.events.concat(cur.events);
      cur.start = prev.start;
      c.previous = emptySession();
    }
  }

  private pushExpired(events: StreamEvent[]): void {
    for (let i = 0; i < events.length; i++) this.expiredOut.push(events[i] as StreamEvent);
  }

  private readonly onTimer = (firedAt: number): void => {
    this.timeoutCurrent(firedAt);
    if (this.latency > 0) this.timeoutPrevious(firedAt);
    if (this.expiredOut.length > 0) {
      const out = this.expiredOut;
      this.expiredOut = [];
      this.ctx.emit(out);
    }
  };

  private timeoutCurrent(t: number): void {
    const open = [...this.sessions.values()].filter((c) => c.current.events.length > 0);
    open.sort((a, b) => a.current.end - b.current.end);
    for (const c of open) {
      const cur = c.current;
      if (t < cur.end) break;
      if (this.latency > 0) {
        const prev = c.previous;
        for (const e of cur.events) prev.events.push(e);
        setTimes(prev, cur.start, cur.end, cur.alive);
        this.timers.schedule(cur.alive);
      } else {
        this.pushExpired(cur.events);
      }
      c.current = emptySession();
    }
  }

  private timeoutPrevious(t: number): void {
    const closing = [...this.sessions.values()].filter((c) => c.previous.events.length > 0);
    closing.sort((a, b) => a.previous.end - b.previous.end);
    for (const c of closing) {
      if (t < c.previous.alive) break;
      this.pushExpired(c.previous.events);
      c.previous = emptySession();
    }
  }

  contents(): StreamEvent[] {
    const all: StreamEvent[] = [];
    for (const c of this.sessions.values()) {
      for (const e of c.previous.events) all.push(e);
      for (const e of c.current.events) all.push(e);
    }
    return all;
  }

  stop(): void {
    this.timers.cancelAll();
  }

  snapshot(): SessionState {
    const save = (s: Session): SavedSession => ({
      events: saveEvents(s.events),
      start: s.start,
      end: s.end,
      alive: s.alive,
    });
    return { sessions: [...this.sessions].map(([k, c]) => [k, save(c.current), save(c.previous)]) };
  }

  restore(state: unknown): void {
    const s = asState<SessionState>(state, 'session');
    const load = (x: SavedSession): Session => ({
      events: loadEvents(x.events),
      start: x.start,
      end: x.end,
      alive: x.alive,
    });
    this.timers.cancelAll();
    this.sessions = new Map();
    for (const [k, cur, prev] of s.sessions) {
      const c = { current: load(cur), previous: load(prev) };
      this.sessions.set(k, c);
      if (c.current.events.length > 0) this.timers.schedule(c.current.end);
      if (c.previous.events.length > 0) this.timers.schedule(c.previous.alive);
    }
  }
}

export const sessionWindow: WindowImpl = {
  spec: {
    kind: 'window',
    namespace: '',
    name: 'session',
    description:
      'Groups events into sessions, per value of the `session.key` attribute when given. A session stays open while events of its key keep arriving within `session.gap` of each other (by event timestamp); when the gap passes, its events leave together as expired events. With `allowed.latency`, a closed session waits that long for late events before it leaves. Current events pass through as they arrive.',
    parameters: [
      {
        name: 'session.gap',
        type: ['int', 'long', 'time'],
        description: 'How long a session waits for its next event.',
        constantOnly: true,
      },
      {
        name: 'session.key',
        type: ['string'],
        description: 'A string attribute: one session per value.',
        optional: true,
        defaultValue: 'one session for all events',
      },
      {
        name: 'allowed.latency',
        type: ['int', 'long', 'time'],
        description: 'How long a closed session still accepts late events (not more than session.gap).',
        optional: true,
        defaultValue: '0',
        constantOnly: true,
      },
    ],
    signatures: [
      ['session.gap'],
      ['session.gap', 'session.key'],
      ['session.gap', 'allowed.latency'],
      ['session.gap', 'session.key', 'allowed.latency'],
    ],
    examples: [
      {
        syntax:
          'from PurchaseStream#window.session(5 sec, user)\nselect user, sum(quantity) as totalQuantity\ngroup by user\ninsert into OutputStream;',
        description: 'Per-user sessions that close after 5 seconds without a purchase.',
      },
    ],
    validate: (types, constants) => {
      const n = types.length;
      const err =
        checkCount(
          n,
          1,
          3,
          'one to three arguments (<int|long|time> session.gap, <string> session.key, <int|long|time> allowed.latency)',
        ) ?? checkTimeArg(types, constants, 0, 'session.gap');
      if (err !== undefined) return err;
      const keyCheck = (i: number): string | undefined =>
        constants[i] !== undefined
          ? 'session.key must be a string attribute, not a constant'
          : types[i] !== 'string'
            ? `session.key must be a string attribute, not ${types[i]}`
            : undefined;
      const latencyCheck = (i: number): string | undefined =>
        checkTimeArg(types, constants, i, 'allowed.latency') ??
        (Number(constants[i]) > Number(constants[0])
          ? 'allowed.latency must not be greater than session.gap'
          : undefined);
      if (n === 3) return keyCheck(1) ?? latencyCheck(2);
      if (n === 2) {
        if (constants[1] === undefined) return keyCheck(1);
        if (!isIntegral(types[1]!))
          return `the 2nd argument must be session.key (a string attribute) or allowed.latency (int, long or time), not a ${types[1]} constant`;
        return latencyCheck(1);
      }
      return undefined;
    },
  },
  create(ctx) {
    checkCall(sessionWindow.spec, ctx);
    const a1 = ctx.args[1];
    const hasKey = a1 !== undefined && !a1.isConstant;
    if (hasKey && a1.attributeIndex === undefined)
      fail(ctx, 'session', 'session.key must be an attribute of the input stream');
    const latencyArg = ctx.args.length === 3 ? ctx.args[2] : a1 !== undefined && a1.isConstant ? a1 : undefined;
    return new SessionWindow(
      ctx,
      constNumber(ctx.args[0]),
      hasKey ? a1.attributeIndex : undefined,
      latencyArg ? constNumber(latencyArg) : 0,
    );
  },
};
