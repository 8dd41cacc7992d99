/**
 * Runs one conformance case through the public library API on the virtual clock.
 */
import { SiddhiManager } from '../../engine/siddhi-manager.js';
import type { SiddhiAppRuntime } from '../../engine/app/siddhi-app-runtime.js';
import { memoryLogger } from '../../engine/runtime/logger.js';
import { inMemoryBroker } from '../../io/transports/in-memory/broker.js';
import '../../io/install.js';
import '../../stores/install.js';
import type { ConformanceCase, Expectation, Step } from './case-format.js';
import { listMessagesEqual, rowsEqual, show } from './compare.js';

export const DEFAULT_CLOCK_START = 1577836800000;

interface Collected {
  in: unknown[][];
  remove: unknown[][];
  events: unknown[][];
  messages: unknown[];
  calls: number;
}

function emptyCollected(): Collected {
  return { in: [], remove: [], events: [], messages: [], calls: 0 };
}

/**
 * Returns undefined when the case passes, else what went wrong. Apps start with `startAsync`, so an
 * app's PostgreSQL, MariaDB or Redis tables load before its first step.
 */
export async function runCase(c: ConformanceCase): Promise<string | undefined> {
  const manager = new SiddhiManager({
    clock: 'virtual',
    startTime: c.clockStart ?? DEFAULT_CLOCK_START,
    logger: memoryLogger(),
  });
  if (c.expectError === 'creation') {
    try {
      const r = manager.createSiddhiAppRuntime(c.app);
      await r.startAsync();
      await r.shutdown();
    } catch {
      return undefined;
    }
    return 'expected app creation to fail, but it succeeded';
  }
  const collected = new Map<string, Collected>();
  const expect = c.expect ?? {};
  for (const key of Object.keys(expect)) collected.set(key, emptyCollected());
  const unsubscribe: (() => void)[] = [];
  for (const [key, col] of collected) {
    if (key.startsWith('topic:')) {
      unsubscribe.push(
        inMemoryBroker.subscribe(key.slice(6), (m) => {
          col.messages.push(m);
          col.calls++;
        }),
      );
    }
  }
  let clock = c.clockStart ?? DEFAULT_CLOCK_START;
  let runtime: SiddhiAppRuntime | undefined;
  try {
    runtime = await start(manager, c.app, clock, collected);
    for (const step of c.steps ?? []) {
      const r = await runStep(step, runtime, manager, c, collected, clock);
      runtime = r.runtime;
      clock = r.clock;
      if (r.error) return r.error;
    }
    return compare(expect, collected);
  } catch (e) {
    return `error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`.split('\n').slice(0, 6).join('\n');
  } finally {
    for (const u of unsubscribe) u();
    await runtime?.shutdown();
  }
}

async function start(
  manager: SiddhiManager,
  app: string,
  clock: number,
  collected: Map<string, Collected>,
): Promise<SiddhiAppRuntime> {
  const runtime = manager.createSiddhiAppRuntime(app, { startTime: clock });
  for (const [key, col] of collected) {
    const [kind, ...rest] = key.split(':');
    const name = rest.join(':');
    if (kind === 'query') {
      runtime.addQueryCallback(name, (_ts, ins, removes) => {
        col.calls++;
        if (ins) for (const e of ins) col.in.push(e.data);
        if (removes) for (const e of removes) col.remove.push(e.data);
      });
    } else if (kind === 'stream') {
      runtime.addStreamCallback(name, (events) => {
        col.calls++;
        for (const e of events) col.events.push(e.data);
      });
    }
  }
  await runtime.startAsync();
  return runtime;
}

async function runStep(
  step: Step,
  runtime: SiddhiAppRuntime,
  manager: SiddhiManager,
  c: ConformanceCase,
  collected: Map<string, Collected>,
  clock: number,
): Promise<{ runtime: SiddhiAppRuntime; clock: number; error?: string }> {
  if ('send' in step) {
    const handler = runtime.getInputHandler(step.send);
    if (step.events) {
      handler.send(step.events.map((e) => (e.at !== undefined ? { timestamp: e.at, data: e.data } : { data: e.data })));
    } else if (step.at !== undefined) {
      handler.send(step.at, step.data ?? []);
    } else {
      handler.send(step.data ?? []);
    }
    return { runtime, clock: runtime.manualClock?.now() ?? clock };
  }
  if ('sleep' in step) {
    runtime.advanceTime(step.sleep);
    return { runtime, clock: runtime.manualClock?.now() ?? clock + step.sleep };
  }
  if ('query' in step) {
    let rows: unknown[][];
    try {
      rows = runtime.query(step.query);
    } catch (e) {
      if (step.expectError) return { runtime, clock };
      return { runtime, clock, error: `on-demand query '${step.query}' failed: ${(e as Error).message}` };
    }
    if (step.expectError) return { runtime, clock, error: `on-demand query '${step.query}' should have been rejected` };
    if (step.expectCount !== undefined && rows.length !== step.expectCount) {
      return {
        runtime,
        clock,
        error: `on-demand query '${step.query}': expected ${step.expectCount} rows, got ${rows.length}: ${show(rows)}`,
      };
    }
    if (step.expect && !rowsEqual(step.expect, rows, step.unordered === true)) {
      return {
        runtime,
        clock,
        error: `on-demand query '${step.query}':\n  expected ${show(step.expect)}\n  actual   ${show(rows)}`,
      };
    }
    return { runtime, clock };
  }
  if ('publish' in step) {
    inMemoryBroker.publish(step.publish, step.payload);
    return { runtime, clock };
  }
  if ('persist' in step) {
    runtime.persist();
    return { runtime, clock };
  }
  // restart
  const now = runtime.manualClock?.now() ?? clock;
  await runtime.shutdown();
  const next = await start(manager, c.app, now, collected);
  next.restoreLastRevision();
  return { runtime: next, clock: now };
}

function compare(expect: Record<string, Expectation>, collected: Map<string, Collected>): string | undefined {
  const problems: string[] = [];
  for (const [key, exp] of Object.entries(expect)) {
    const got = collected.get(key)!;
    const unordered = exp.unordered === true;
    if (exp.none && got.calls > 0)
      problems.push(`${key}: expected no output, got ${show(got.in.concat(got.events, got.messages as unknown[][]))}`);
    if (exp.in && !rowsEqual(exp.in, got.in, unordered))
      problems.push(`${key} in:\n  expected ${show(exp.in)}\n  actual   ${show(got.in)}`);
    if (exp.remove && !rowsEqual(exp.remove, got.remove, unordered)) {
      problems.push(`${key} remove:\n  expected ${show(exp.remove)}\n  actual   ${show(got.remove)}`);
    }
    if (exp.events && !rowsEqual(exp.events, got.events, unordered)) {
      problems.push(`${key} events:\n  expected ${show(exp.events)}\n  actual   ${show(got.events)}`);
    }
    if (exp.messages && !listMessagesEqual(exp.messages, got.messages, unordered)) {
      problems.push(`${key} messages:\n  expected ${show(exp.messages)}\n  actual   ${show(got.messages)}`);
    }
    if (exp.inCount !== undefined && exp.inCount !== got.in.length)
      problems.push(`${key}: expected ${exp.inCount} in events, got ${got.in.length}: ${show(got.in)}`);
    if (exp.removeCount !== undefined && exp.removeCount !== got.remove.length) {
      problems.push(`${key}: expected ${exp.removeCount} remove events, got ${got.remove.length}: ${show(got.remove)}`);
    }
    if (exp.count !== undefined) {
      const n = key.startsWith('topic:')
        ? got.messages.length
        : key.startsWith('stream:')
          ? got.events.length
          : got.in.length + got.remove.length;
      if (n !== exp.count) problems.push(`${key}: expected ${exp.count} events, got ${n}`);
    }
  }
  return problems.length > 0 ? problems.join('\n') : undefined;
}
