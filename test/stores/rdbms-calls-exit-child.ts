/**
 * Run by rdbms-calls-exit.test.ts in its own process: queries and an open correlated transaction on PostgreSQL
 * and MariaDB, then flush and shutdown. The process must then end by itself (no connection left open).
 */
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { StreamCallback } from '../../src/engine/runtime/event.js';
import '../../src/stores/install.js';

const m = new SiddhiManager({
  clock: 'virtual',
  logger: memoryLogger(),
  datasources: {
    PG: { url: 'jdbc:postgresql://127.0.0.1:5432/test', username: 'postgres' },
    MDB: { url: 'jdbc:mariadb://127.0.0.1:3306/test', username: 'root' },
  },
  extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'true' } },
});
const r = m.createSiddhiAppRuntime(`
define stream S (n int);
from S#rdbms:query('PG', 'v int', 'select ? + 1', n) select n, v insert into Out;
from S#rdbms:query('MDB', 'v int', 'select ? + 2', n) select n, v insert into Out;
from S#rdbms:cud('PG', 'select ?', n, 'open') select n insert into Ignored;
`);
let count = 0;
const callback: StreamCallback = (events) => (count += events.length);
r.addCallback('Out', callback);
await r.startAsync();
for (let i = 0; i < 20; i++) r.getInputHandler('S').send([i]);
await r.flush();
await r.shutdown();
process.stdout.write(`done ${count}\n`);
