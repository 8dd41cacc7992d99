import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { runApp } from './run-app.js';

const APP = (port: number, table: string): string => `@App:name('RunRedis')
define stream CheckStream (symbol string);
@store(type='redis', host='127.0.0.1', port='${port}', table.name='${table}')
@primaryKey('symbol')
define table StockTable (symbol string, price float);
from CheckStream join StockTable on CheckStream.symbol == StockTable.symbol
select StockTable.symbol, StockTable.price insert into FoundStream;`;

test('run: a store-backed table loads its rows before the first event', async () => {
  const table = `run_cli_${process.pid}_${Date.now()}`;
  const redis = createClient({ socket: { host: '127.0.0.1', port: 6379 } });
  await redis.connect();
  try {
    await redis.hSet(`${table}:IBM`, { symbol: 'IBM', price: '75.5' });
    const r = await runApp(APP(6379, table), '{"stream":"CheckStream","data":["IBM"]}\n');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { stream: string; data: unknown[] });
    assert.deepEqual(
      lines.map((l) => [l.stream, l.data]),
      [['FoundStream', ['IBM', 75.5]]],
    );
  } finally {
    const keys = await redis.keys(`${table}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
  }
});

test('run: a store that cannot be reached stops the app with exit code 1 and says why', async () => {
  const r = await runApp(APP(1, 'run_cli_unreachable'), '{"stream":"CheckStream","data":["IBM"]}\n');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.match(
    r.stderr,
    /^tributary: app 'RunRedis' could not start: table 'StockTable': cannot load from redis:\/\/127\.0\.0\.1:1\/0 table 'run_cli_unreachable': connect ECONNREFUSED 127\.0\.0\.1:1\n$/m,
  );
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});
