/**
 * SQLite-backed table benchmarks: primary-key `update or insert` through a running app (each
 * event one SQL lookup and one write, in one transaction per chunk), and primary-key lookups
 * (`T.symbol == symbol` pushed down as SQL on the primary key) from a join probe.
 * Run: node --import tsx bench/store.ts [--quick] [--file]   (--file: a database file, else :memory:)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SiddhiManager } from '../src/engine/siddhi-manager.js';
import { memoryLogger } from '../src/engine/runtime/logger.js';
import '../src/stores/install.js';

const quick = process.argv.includes('--quick');
const onFile = process.argv.includes('--file');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-'));
  const store = onFile ? `jdbc.url = 'jdbc:sqlite:${join(dir, 'bench.sqlite')}'` : `jdbc.url = 'jdbc:sqlite::memory:'`;
  try {
    const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(`
      define stream S (symbol string, price double, volume long);
      define stream P (symbol string);
      @store(type = 'rdbms', ${store})
      @PrimaryKey('symbol') define table T (symbol string, price double, volume long);
      from S update or insert into T on T.symbol == symbol;
      @info(name = 'probe') from P join T on P.symbol == T.symbol select T.price insert into Out;`);
    await r.startAsync();
    const events = quick ? 20_000 : 200_000;
    const keys = 10_000;
    const names = Array.from({ length: keys }, (_, i) => `k${i}`);
    const chunk = 100;
    const s = r.getInputHandler('S');
    let t0 = performance.now();
    for (let i = 0; i < events; i += chunk) {
      const batch = [];
      for (let j = i; j < i + chunk; j++) batch.push({ data: [names[j % keys]!, j * 0.5, j] });
      s.send(batch);
    }
    let ms = performance.now() - t0;
    if (r.query('from T select count() as n')[0]![0] !== keys) throw new Error('wrong row count');
    console.log(
      `sqlite update or insert (${onFile ? 'file' : ':memory:'}, chunks of ${chunk}, ${fmt(keys)} keys): ${fmt((events / ms) * 1000)} events/s`,
    );

    let found = 0;
    r.addQueryCallback('probe', (_ts, ins) => (found += ins?.length ?? 0));
    const p = r.getInputHandler('P');
    const lookups = quick ? 20_000 : 200_000;
    t0 = performance.now();
    for (let i = 0; i < lookups; i++) p.send([names[(i * 7919) % keys]!]);
    ms = performance.now() - t0;
    if (found !== lookups) throw new Error(`found ${found} of ${lookups}`);
    console.log(`sqlite primary-key lookups (join probe, ${fmt(keys)} rows): ${fmt((lookups / ms) * 1000)} lookups/s`);
    await r.shutdown();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
