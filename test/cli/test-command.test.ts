import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';
import { runSuites, summaryLine } from '../../src/cli/conformance/run-suites.js';
import '../../src/index.js';

test('tributary test: an app with a Redis table loads it before its steps, and its on-demand queries read it', async () => {
  const table = `test_cmd_${process.pid}_${Date.now()}`;
  const app = `@app:name('StockCheck')
define stream CheckStream (symbol string);
define stream UpdateStream (symbol string, price float);
@store(type='redis', host='127.0.0.1', port='6379', table.name='${table}')
@primaryKey('symbol')
define table StockTable (symbol string, price float);
from UpdateStream update or insert into StockTable on StockTable.symbol == symbol;
from CheckStream join StockTable on CheckStream.symbol == StockTable.symbol
select StockTable.symbol, StockTable.price insert into FoundStream;`;
  const suite = {
    suite: 'mine/StockCheck',
    cases: [
      {
        name: 'a stored row is found, an update is read back',
        app,
        steps: [
          { send: 'CheckStream', data: ['IBM'] },
          { send: 'UpdateStream', data: ['WSO2', 57.5] },
          { send: 'CheckStream', data: ['WSO2'] },
          {
            query: 'from StockTable select symbol, price order by symbol',
            expect: [
              ['IBM', 75.5],
              ['WSO2', 57.5],
            ],
          },
        ],
        expect: {
          'stream:FoundStream': {
            events: [
              ['IBM', 75.5],
              ['WSO2', 57.5],
            ],
          },
        },
      },
      {
        name: 'a wrong expectation fails',
        app,
        steps: [{ send: 'CheckStream', data: ['IBM'] }],
        expect: { 'stream:FoundStream': { events: [['IBM', 1]] } },
      },
    ],
  };
  const dir = await mkdtemp(join(tmpdir(), 'tributary-test-cmd-'));
  const redis = createClient({ socket: { host: '127.0.0.1', port: 6379 } });
  await redis.connect();
  try {
    await redis.hSet(`${table}:IBM`, { symbol: 'IBM', price: '75.5' });
    await writeFile(join(dir, 'cases.json'), JSON.stringify(suite));
    const results = await runSuites([join(dir, 'cases.json')]);
    assert.deepEqual(
      results.map((r) => [r.name, r.status]),
      [
        ['a stored row is found, an update is read back', 'pass'],
        ['a wrong expectation fails', 'fail'],
      ],
      results.map((r) => r.message).join('\n'),
    );
    assert.match(
      results[1]!.message,
      /stream:FoundStream events:\n {2}expected \[\["IBM",1\]\]\n {2}actual {3}\[\["IBM",75\.5\]\]/,
    );
    assert.equal(summaryLine(results), 'conformance: 1 passed, 1 failed, 0 skipped');
  } finally {
    const keys = await redis.keys(`${table}:*`);
    if (keys.length > 0) await redis.del(keys);
    await redis.quit();
    await rm(dir, { recursive: true });
  }
});
