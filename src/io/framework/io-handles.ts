/**
 * The running sources and sinks of each app, so the server and tests can reach them: endpoints, counters,
 * pause/resume. Keyed by app name (the newest app of a name wins, as in a SiddhiManager).
 */
import type { SinkRuntime } from './sink-runtime.js';
import type { SourceRuntime } from './source-runtime.js';

export interface IoHandles {
  readonly app: string;
  readonly sources: SourceRuntime[];
  readonly sinks: SinkRuntime[];
  /** Pauses every source of the app (backpressure); `resume` undoes it. */
  pause(): void;
  resume(): void;
}

const byApp = new Map<string, IoHandles>();

export function newIoHandles(app: string): IoHandles {
  let pauses = 0;
  const h: IoHandles = {
    app,
    sources: [],
    sinks: [],
    pause() {
      if (pauses++ === 0) for (const s of h.sources) s.pause();
    },
    resume() {
      if (pauses === 0) return;
      if (--pauses === 0) for (const s of h.sources) s.resume();
    },
  };
  byApp.set(app, h);
  return h;
}

/** Lists an app's handles again (the app starts after a shutdown). */
export function registerIoHandles(h: IoHandles): void {
  byApp.set(h.app, h);
}

export function releaseIoHandles(h: IoHandles): void {
  if (byApp.get(h.app) === h) byApp.delete(h.app);
}

/** The sources and sinks of a running app, or undefined. */
export function ioHandles(app: string): IoHandles | undefined {
  return byApp.get(app);
}
