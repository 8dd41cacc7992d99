/**
 * Streamer benchmark: 200k events (batches of 500, 4 in flight) into a filter app on a local server
 * (127.0.0.1, auth off, persistence off), three ways:
 *   - `tributary stream` end to end: a CSV file read, batched and posted by the CLI code
 *   - the ingest endpoint with the same batches pre-built (typed JSON values), idempotent path
 *   - the same batches posted to an http source (@map json), as bench/http-ingest.ts does
 * Prints events/s for each; every run checks that the filter saw every event once.
 * Run: node --import tsx bench/stream-ingest.ts [--quick]
 */
import { rmSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { streamCommand } from '../src/cli/commands/stream.js';
import { IngestClient } from '../src/cli/streamer/ingest-client.js';
import { SiddhiManager, ioHandles, memoryLogger } from '../src/index.js';
import { DEFAULT_CONFIG } from '../src/server/config/server-config.js';
import { startServer } from '../src/server/server.js';

const quick = process.argv.includes('--quick');
const EVENTS = quick ? 20_000 : 200_000;
const BATCH = 500;
const CONCURRENCY = 4;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const APP = (name: string, source = ''): string => `@app:name('${name}')
${source}
define stream Trades (symbol string, price double, volume long);
from Trades[price > 50.0] select symbol, price, volume insert into Expensive;`;
const symbols = ['WSO2', 'IBM', 'ORCL', 'MSFT', 'GOOG'];
const row = (i: number): [string, number, number] => [symbols[i % 5]!, (i % 100) + 0.5, i];
const passing = Array.from({ length: EVENTS }, (_, i) => i).filter((i) => (i % 100) + 0.5 > 50).length;

const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-stream-'));
const server = await startServer(
  {
    ...DEFAULT_CONFIG,
    port: 0,
    dataDir: dir,
    appsDir: join(dir, 'apps'),
    logLevel: 'warn',
    persistence: { type: 'none', intervalSeconds: 0, revisionsToKeep: 1 },
    auth: { enabled: false, users: [], tokens: [] },
    statistics: false,
  },
  { logDestination: new Writable({ write: (_c, _e, done) => done() }), env: {} },
);

async function deploy(name: string): Promise<() => number> {
  const r = await fetch(`${server.url}/siddhi-apps`, { method: 'POST', body: APP(name) });
  if (r.status !== 201) throw new Error(`deploy failed: ${r.status} ${await r.text()}`);
  let out = 0;
  server.context.deployer.get(name)!.runtime.addStreamCallback('Expensive', (events) => (out += events.length));
  return () => out;
}

function check(what: string, out: number): void {
  if (out !== passing) throw new Error(`${what}: the filter passed ${out} events, expected ${passing}`);
}

// 1. The CLI end to end, from a CSV file.
const csv = join(dir, 'trades.csv');
writeFileSync(csv, Array.from({ length: EVENTS }, (_, i) => row(i).join(',')).join('\n') + '\n');
{
  const out = await deploy('StreamCli');
  const t0 = performance.now();
  const code = await streamCommand(
    csv,
    {
      app: 'StreamCli',
      stream: 'Trades',
      server: server.url,
      batch: String(BATCH),
      concurrency: String(CONCURRENCY),
      quiet: true,
    },
    { out: new Writable({ write: (_c, _e, done) => done() }), err: process.stderr, env: {} },
  );
  const s = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error('tributary stream failed');
  check('stream CLI', out());
  console.log(
    `stream ingest (tributary stream, CSV file): ${EVENTS} events, batches of ${BATCH}, ${CONCURRENCY} in flight: ${fmt(EVENTS / s)} events/s`,
  );
}

// 2. The ingest endpoint with pre-built batches.
const batches: unknown[][][] = [];
for (let i = 0; i < EVENTS; i += BATCH) batches.push(Array.from({ length: BATCH }, (_, k) => row(i + k)));
async function inParallel(send: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < batches.length) await send(next++);
    }),
  );
  return (performance.now() - t0) / 1000;
}
{
  const out = await deploy('StreamApi');
  const client = new IngestClient({ server: server.url, app: 'StreamApi', stream: 'Trades', credentials: undefined });
  const s = await inParallel((i) => client.send('bench', i + 1, batches[i]!));
  check('ingest endpoint', out());
  console.log(
    `stream ingest (endpoint, pre-built batches): ${EVENTS} events, batches of ${BATCH}, ${CONCURRENCY} in flight: ${fmt(EVENTS / s)} events/s`,
  );
}

// 3. The same batches into an http source (another app, its own listener), for comparison.
{
  const manager = new SiddhiManager({ logger: memoryLogger() });
  const runtime = manager.createSiddhiAppRuntime(
    APP('HttpBench', `@source(type='http', receiver.url='http://127.0.0.1:0/ingest', @map(type='json'))`),
  );
  let out = 0;
  runtime.addStreamCallback('Expensive', (events) => (out += events.length));
  runtime.start();
  const source = ioHandles('HttpBench')!.sources[0]!;
  await source.whenConnected();
  const bodies = batches.map((b) =>
    JSON.stringify(b.map(([symbol, price, volume]) => ({ event: { symbol, price, volume } }))),
  );
  const s = await inParallel(async (i) => {
    const r = await fetch(source.endpoint!, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: bodies[i]!,
    });
    await r.text();
    if (r.status !== 200) throw new Error(`http source answered ${r.status}`);
  });
  check('http source', out);
  console.log(
    `stream ingest (http source, same batches): ${EVENTS} events, batches of ${BATCH}, ${CONCURRENCY} in flight: ${fmt(EVENTS / s)} events/s`,
  );
  await manager.shutdown();
}

await server.close();
rmSync(dir, { recursive: true, force: true });
