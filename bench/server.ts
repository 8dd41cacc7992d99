/**
 * Server start-up and idle memory: starts `tributary serve` in-process on temporary folders holding
 * ten small apps, and prints the time from process start (and from calling startServer) to ready,
 * then the RSS once idle.  Run: node --import tsx bench/server.ts
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const dir = mkdtempSync(join(tmpdir(), 'tributary-bench-server-'));
const apps = join(dir, 'apps');
mkdirSync(apps);
for (let i = 0; i < 10; i++) {
  writeFileSync(
    join(apps, `app${i}.siddhi`),
    `@app:name('BenchApp${i}')
define stream In${i} (symbol string, price double, volume long);
define table Last${i} (symbol string, price double);
@info(name='avgQ') from In${i}#window.length(10) select symbol, avg(price) as price group by symbol insert into Last${i};
@info(name='bigQ') from In${i}[volume > 1000] select symbol, volume insert into Big${i};
`,
  );
}

const { startServer } = await import('../src/server/server.js');
const { DEFAULT_CONFIG } = await import('../src/server/config/server-config.js');
const { Writable } = await import('node:stream');
const imported = performance.now();
const server = await startServer(
  { ...DEFAULT_CONFIG, port: 0, appsDir: apps, dataDir: join(dir, 'data'), logLevel: 'warn' },
  {
    env: { TRIBUTARY_ADMIN_PASSWORD: 'bench' },
    logDestination: new Writable({ write: (_c, _e, done) => done() }),
  },
);
const ready = performance.now();
const deployed = server.context.deployer.activeApps().length;
await delay(1000);
global.gc?.();
const rss = process.memoryUsage().rss;
console.log(`apps deployed:                 ${deployed}`);
console.log(`process start to ready:        ${Math.round(ready)} ms (imports ${Math.round(imported)} ms)`);
console.log(`startServer() to ready:        ${Math.round(ready - imported)} ms`);
console.log(`RSS at idle:                   ${(rss / 1024 / 1024).toFixed(1)} MiB`);
await server.close();
