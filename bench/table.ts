/**
 * Table benchmarks: primary-key `update or insert` through a running app, and primary-key lookups
 * on tables of 10k, 100k and 1M rows (an index lookup: the rate should stay flat as the table grows),
 * with a full scan of the same condition on an unkeyed table for contrast, and a stream-table join
 * (`from P join T on P.symbol == T.symbol`, probing a 100k-row primary-key table) beside a hand-written
 * Map lookup producing the same joined rows.
 * Run: node --import tsx bench/table.ts [--quick]
 */
import { performance } from 'node:perf_hooks';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import { builtinRegistry } from '../src/engine/builtins.js';
import { RegistryCallResolver } from '../src/engine/app/call-resolver.js';
import { streamScope } from '../src/engine/app/stream-scope.js';
import { InMemoryTable } from '../src/engine/table/in-memory-table.js';
import { parseExpression } from '../src/lang/parser/index.js';

const quick = process.argv.includes('--quick');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

function upsertRate(events: number, keys: number): number {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(`
    define stream S (symbol string, price double, volume long);
    @PrimaryKey('symbol') define table T (symbol string, price double, volume long);
    from S update or insert into T on T.symbol == symbol;`);
  r.start();
  const h = r.getInputHandler('S');
  const names = Array.from({ length: keys }, (_, i) => `k${i}`);
  const t0 = performance.now();
  for (let i = 0; i < events; i++) h.send([names[i % keys]!, i * 0.5, i]);
  const ms = performance.now() - t0;
  if (r.query('from T select count() as n')[0]![0] !== Math.min(keys, events)) throw new Error('wrong row count');
  return (events / ms) * 1000;
}

/** Events/s of a stream probing a primary-key table through a join, and of a Map lookup doing the same. */
function joinRates(rows: number, events: number): { engine: number; loop: number } {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(`
    define stream S (symbol string, price double);
    define stream P (symbol string, qty long);
    @PrimaryKey('symbol') define table T (symbol string, price double);
    from S insert into T;
    @info(name = 'j') from P join T on P.symbol == T.symbol select P.symbol, T.price * P.qty as value insert into Out;`);
  let joined = 0;
  let checksum = 0;
  r.addCallback('j', (_ts, inEvents) => {
    if (!inEvents) return;
    joined += inEvents.length;
    for (const e of inEvents) checksum += e.data[1] as number;
  });
  r.start();
  const load = r.getInputHandler('S');
  for (let i = 0; i < rows; i++) load.send([`k${i}`, i * 0.5]);
  const probe = r.getInputHandler('P');
  const keys = Array.from({ length: 4096 }, (_, i) => `k${(i * 7919) % rows}`);
  let t0 = performance.now();
  for (let i = 0; i < events; i++) probe.send([keys[i & 4095]!, i & 7]);
  const engineMs = performance.now() - t0;
  r.shutdown();
  if (joined !== events) throw new Error(`join produced ${joined} of ${events} rows`);

  const map = new Map<string, number>();
  for (let i = 0; i < rows; i++) map.set(`k${i}`, i * 0.5);
  let loopJoined = 0;
  let loopSum = 0;
  t0 = performance.now();
  for (let i = 0; i < events; i++) {
    const price = map.get(keys[i & 4095]!);
    if (price === undefined) continue;
    const out = [keys[i & 4095]!, price * (i & 7)];
    loopJoined++;
    loopSum += out[1] as number;
  }
  const loopMs = performance.now() - t0;
  if (loopJoined !== joined || loopSum !== checksum) throw new Error('the loop and the engine disagree');
  return { engine: (events / engineMs) * 1000, loop: (events / loopMs) * 1000 };
}

function table(rows: number, keyed: boolean): InMemoryTable {
  const t = new InMemoryTable(
    {
      id: 'T',
      attributes: [
        { name: 'symbol', type: 'string' },
        { name: 'price', type: 'double' },
      ],
      primaryKey: keyed ? [0] : [],
      indexes: [],
    },
    memoryLogger(),
  );
  const batch: unknown[][] = [];
  for (let i = 0; i < rows; i++) batch.push([`k${i}`, i]);
  t.insert(batch);
  return t;
}

function lookupRate(t: InMemoryTable, rows: number, lookups: number): { rate: number; plan: string } {
  const scope = streamScope(['S'], [{ name: 'symbol', type: 'string' }]);
  const resolver = new RegistryCallResolver(builtinRegistry(), () => 0);
  const cond = t.compileCondition(parseExpression('T.symbol == symbol').expression!, {
    names: ['T'],
    outer: scope,
    resolver,
  });
  const probes = Array.from({ length: 1024 }, (_, i) => [`k${(i * 7919) % rows}`]);
  let found = 0;
  const t0 = performance.now();
  for (let i = 0; i < lookups; i++) found += t.find(cond, probes[i & 1023], 0).length;
  const ms = performance.now() - t0;
  if (found !== lookups) throw new Error(`lookups found ${found} of ${lookups}`);
  return { rate: (lookups / ms) * 1000, plan: cond.plan };
}

const events = quick ? 100_000 : 1_000_000;
console.log(`table update-or-insert (primary key, 10k keys): ${fmt(upsertRate(events, 10_000))} events/s`);
for (const rows of quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
  const { rate, plan } = lookupRate(table(rows, true), rows, quick ? 200_000 : 2_000_000);
  console.log(`table pk lookup, ${fmt(rows)} rows (${plan}): ${fmt(rate)} lookups/s`);
}
const scanRows = 10_000;
const scan = lookupRate(table(scanRows, false), scanRows, quick ? 200 : 2_000);
console.log(`table same condition without a key, ${fmt(scanRows)} rows (${scan.plan}): ${fmt(scan.rate)} lookups/s`);
const jr = joinRates(100_000, quick ? 200_000 : 2_000_000);
console.log(
  `stream-table join, 100,000-row primary-key table: ${fmt(jr.engine)} events/s; hand-written Map lookup ${fmt(jr.loop)} events/s; ratio ${(jr.engine / jr.loop).toFixed(3)}`,
);
