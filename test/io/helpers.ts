/** Shared helpers of the transport tests: apps on the wall clock, waiting for real events with a deadline. */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import assert from 'node:assert/strict';
import type { PersistenceStore } from '../../src/engine/persistence/persistence-store.js';
import type { DataSources } from '../../src/lang/datasources.js';
import { SiddhiManager, ioHandles, memoryLogger, type LogLine, type SiddhiAppRuntime } from '../../src/index.js';

export interface TestApp {
  readonly runtime: SiddhiAppRuntime;
  readonly lines: LogLine[];
  readonly events: unknown[][];
  /** Stream callbacks' events by stream id. */
  readonly streams: Map<string, unknown[][]>;
  stop(): Promise<void>;
}

/**
 * Creates and starts an app on the wall clock (or, with `virtual`, on a virtual clock that only
 * `runtime.advanceTime` moves), collecting every stream named in `collect`.
 */
export async function startApp(
  text: string,
  collect: readonly string[] = [],
  opts: { waitConnected?: boolean; virtual?: boolean; datasources?: DataSources } = {},
): Promise<TestApp> {
  const lines: LogLine[] = [];
  const manager = new SiddhiManager({
    logger: memoryLogger(lines),
    ...(opts.virtual ? { clock: 'virtual' as const, startTime: Date.now() } : {}),
    ...(opts.datasources ? { datasources: opts.datasources } : {}),
  });
  const runtime = manager.createSiddhiAppRuntime(text);
  const streams = new Map<string, unknown[][]>();
  for (const s of collect) {
    const list: unknown[][] = [];
    streams.set(s, list);
    runtime.addStreamCallback(s, (events) => {
      for (const e of events) list.push(e.data);
    });
  }
  runtime.start();
  const h = ioHandles(runtime.name);
  if (h && opts.waitConnected !== false)
    for (const s of h.sources) await withTimeout(s.whenConnected(), 5000, 'source connect');
  return {
    runtime,
    lines,
    events: streams.get(collect[0] ?? '') ?? [],
    streams,
    stop: () => manager.shutdown(),
  };
}

/**
 * Starts an app that persists to `store` (restoring its last revision first when `restore`), collects the
 * events of `stream`, and waits until its sources are connected.
 */
export async function startPersistent(
  text: string,
  stream: string,
  store: PersistenceStore,
  restore: boolean,
): Promise<{ manager: SiddhiManager; runtime: SiddhiAppRuntime; events: unknown[][] }> {
  const manager = new SiddhiManager({ logger: memoryLogger(), persistenceStore: store });
  const runtime = manager.createSiddhiAppRuntime(text);
  if (restore) assert.ok(runtime.restoreLastRevision(), 'a revision to restore');
  const events: unknown[][] = [];
  runtime.addStreamCallback(stream, (es) => {
    for (const e of es) events.push(e.data);
  });
  runtime.start();
  for (const src of ioHandles(runtime.name)!.sources) await src.whenConnected();
  return { manager, runtime, events };
}

export function endpointOf(app: TestApp, index = 0): string {
  const e = ioHandles(app.runtime.name)?.sources[index]?.endpoint;
  if (!e) throw new Error('source has no endpoint');
  return e;
}

export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `cond()` holds, checking after every turn of the event loop; rejects after `ms`. */
export async function waitFor(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** A port that was free a moment ago (for tests that must restart a peer on the same port). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** An HTTP server on 127.0.0.1:`port` that answers 'ok' and collects every request body in `got`. */
export function listen(port: number, got: string[]): Promise<Server> {
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push(body);
      res.end('ok');
    });
  });
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r(server)));
}
