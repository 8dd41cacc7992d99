/**
 * The standard benchmark scenarios (../shared/bench/scenarios.json) driven through the public API.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';

export interface Scenario {
  readonly name: string;
  readonly app: string;
  readonly stream: string;
  readonly event: unknown[];
  readonly keys: number;
  readonly vary: boolean;
  readonly callback: string | null;
  readonly events: number;
  readonly warmup: number;
  readonly batch?: number;
  readonly alternate?: { attribute: number; values: unknown[]; priceStep?: number };
}

/** The repository root: the nearest folder above this file holding package.json (bench runs from source or compiled). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root');
    dir = up;
  }
  return dir;
}

export function loadScenarios(): Scenario[] {
  const file = join(repoRoot(), '..', 'shared', 'bench', 'scenarios.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { scenarios: Scenario[] }).scenarios;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Event i of a scenario, as scenarios.json's `about` defines it. */
export function eventAt(s: Scenario, i: number): unknown[] {
  const out = s.event.map((v) => {
    if (typeof v === 'string') return s.keys === 1 ? v : `key${i % s.keys}`;
    if (typeof v === 'number') return v + (s.vary ? i % 1000 : 0);
    return v;
  });
  if (s.alternate) {
    const a = s.alternate;
    out[a.attribute] = a.values[i % a.values.length];
    if (a.priceStep !== undefined) out[1] = (s.event[1] as number) + i * a.priceStep;
  }
  return out;
}

/** A cyclic pool of the scenario's events (the sequence repeats every lcm(1000, keys) events). */
export function eventPool(s: Scenario): unknown[][] {
  if (s.alternate?.priceStep !== undefined) return [];
  const size = s.vary || s.keys > 1 ? (1000 * s.keys) / gcd(1000, s.keys) : 1;
  const pool: unknown[][] = [];
  for (let i = 0; i < size; i++) pool.push(eventAt(s, i));
  return pool;
}

/** One timed run: sends warmup then `events` events; returns events/s of the timed part. */
export function runScenarioOnce(
  s: Scenario,
  scale = 1,
): { eventsPerSecond: number; outputs: number; heapMB: number; stopped: Promise<void> } {
  const manager = new SiddhiManager({ logger: memoryLogger() });
  const runtime = manager.createSiddhiAppRuntime(s.app);
  let outputs = 0;
  if (s.callback) {
    const [kind, name] = s.callback.split(':') as [string, string];
    if (kind === 'query') runtime.addQueryCallback(name, (_t, i) => (outputs += i ? i.length : 0));
    else runtime.addStreamCallback(name, (e) => (outputs += e.length));
  }
  runtime.start();
  const handler = runtime.getInputHandler(s.stream);
  const pool = eventPool(s);
  const warmup = Math.round(s.warmup * scale);
  const events = Math.round(s.events * scale);
  const send = (i: number): void => {
    handler.send(pool.length > 0 ? pool[i % pool.length]! : eventAt(s, i));
  };
  for (let i = 0; i < warmup; i++) send(i);
  const t0 = process.hrtime.bigint();
  for (let i = warmup; i < warmup + events; i++) send(i);
  const ns = Number(process.hrtime.bigint() - t0);
  const heapMB = process.memoryUsage().heapUsed / 1e6;
  // Await `stopped` before the next run: until the runtime is shut down its timers hold its windows.
  const stopped = runtime.shutdown();
  return { eventsPerSecond: events / (ns / 1e9), outputs, heapMB, stopped };
}

/**
 * Sends n/10 events (warm-up), then n timed events, cycling through `events`; returns events/s of
 * the timed part.
 */
export function sendRate(handler: { send(data: unknown[]): void }, events: readonly unknown[][], n: number): number {
  for (let i = 0; i < n / 10; i++) handler.send(events[i % events.length]!);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) handler.send(events[i % events.length]!);
  return n / ((performance.now() - t0) / 1000);
}

/**
 * Sends events 0..fill-1 (untimed: a window filling), then events fill..fill+n-1, timed; event i is
 * `eventOf(i)`. Returns events/s of the timed part.
 */
export function fillThenTime(
  handler: { send(data: unknown[]): void },
  fill: number,
  n: number,
  eventOf: (i: number) => unknown[],
): number {
  for (let i = 0; i < fill; i++) handler.send(eventOf(i));
  const t = performance.now();
  for (let i = fill; i < fill + n; i++) handler.send(eventOf(i));
  return n / ((performance.now() - t) / 1000);
}
