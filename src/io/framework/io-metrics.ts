/** Per-source and per-sink counters, readable for metrics (`/metrics`) and tests. */
export interface IoCounters {
  readonly app: string;
  readonly stream: string;
  readonly kind: 'source' | 'sink';
  readonly type: string;
  /** Messages received (source) or published (sink). */
  messages: number;
  /** Events that entered the stream (source) or were handed to the sink (sink). */
  events: number;
  /** Malformed messages and transport errors (source); failed publishes (sink). */
  errors: number;
  /** Connection attempts that failed. */
  connectFailures: number;
  connected: boolean;
  /** Messages held while the source is paused, or queued by a sink for a destination that is away. */
  buffered: () => number;
}

const all = new Set<IoCounters>();

export function newCounters(app: string, stream: string, kind: 'source' | 'sink', type: string): IoCounters {
  const c: IoCounters = {
    app,
    stream,
    kind,
    type,
    messages: 0,
    events: 0,
    errors: 0,
    connectFailures: 0,
    connected: false,
    buffered: () => 0,
  };
  all.add(c);
  return c;
}

/** Lists counters again (a source or sink that starts after a shutdown). */
export function keepCounters(c: IoCounters): void {
  all.add(c);
}

export function dropCounters(c: IoCounters): void {
  all.delete(c);
}

/** Every live source's and sink's counters (optionally of one app). */
export function ioCounters(app?: string): readonly IoCounters[] {
  return [...all].filter((c) => app === undefined || c.app === app);
}
