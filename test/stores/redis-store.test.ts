import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClient } from 'redis';
import { runScenario, startApp, storeApp, suffix } from './store-scenario.js';

function client() {
  return createClient({ socket: { host: '127.0.0.1', port: 6379 } });
}

async function withRedis<T>(f: (c: ReturnType<typeof client>) => Promise<T>): Promise<T> {
  const c = client();
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.quit();
  }
}

async function dropKeys(prefix: string): Promise<void> {
  await withRedis(async (c) => {
    const keys = await c.keys(`${prefix}:*`);
    if (keys.length > 0) await c.del(keys);
  });
}

test('redis: insert, update, update or insert, delete, in, join, on-demand, restart', async () => {
  const prefix = `stock_${suffix()}`;
  try {
    await runScenario(storeApp(`@store(type = 'redis', host = '127.0.0.1', port = '6379', table.name = '${prefix}')`));
    await withRedis(async (c) => {
      assert.deepEqual((await c.keys(`${prefix}:*`)).sort(), [`${prefix}:IBM`, `${prefix}:MSFT`, `${prefix}:WSO2`]);
      assert.deepEqual({ ...(await c.hGetAll(`${prefix}:WSO2`)) }, { symbol: 'WSO2', price: '21', volume: '201' });
    });
  } finally {
    await dropKeys(prefix);
  }
});

test('redis: a null attribute is an absent field and reads back as null; a changed key moves the hash', async () => {
  const prefix = `nulls_${suffix()}`;
  const app = storeApp(`@store(type = 'redis', table.name = '${prefix}')`).replace(
    `@info(name = 'upd') from Upd update T set T.price = price on T.symbol == symbol;`,
    `@info(name = 'upd') from Upd update T set T.symbol = 'Z' on T.symbol == symbol;`,
  );
  try {
    const r = await startApp(app);
    r.getInputHandler('Ins').send(['A', 1.5, null]);
    r.getInputHandler('Ins').send(['B', 2, 3]);
    r.getInputHandler('Upd').send(['B', 0]);
    await r.shutdown();
    await withRedis(async (c) =>
      assert.deepEqual((await c.keys(`${prefix}:*`)).sort(), [`${prefix}:A`, `${prefix}:Z`]),
    );
    const again = await startApp(app);
    assert.deepEqual(again.query('from T select symbol, price, volume order by symbol'), [
      ['A', 1.5, null],
      ['Z', 2, 3],
    ]);
    await again.shutdown();
  } finally {
    await dropKeys(prefix);
  }
});

test('redis: a table without a primary key keys each row by a generated id; equal rows are kept apart', async () => {
  const prefix = `nopk_${suffix()}`;
  const app = `
define stream Ins (symbol string, price float);
define stream Del (symbol string);
define stream Upd (symbol string, price float);
@store(type = 'redis', table.name = '${prefix}')
define table T (symbol string, price float);
from Ins insert into T;
from Del delete T on T.symbol == symbol;
from Upd update T set T.price = price on T.symbol == symbol;
`;
  try {
    const r = await startApp(app);
    for (const row of [
      ['A', 1],
      ['A', 1],
      ['B', 2],
      ['C', 3],
    ])
      r.getInputHandler('Ins').send(row);
    r.getInputHandler('Del').send(['B']);
    r.getInputHandler('Upd').send(['C', 4]);
    await r.shutdown();
    await withRedis(async (c) => {
      const keys = await c.keys(`${prefix}:*`);
      assert.equal(keys.length, 3);
      for (const k of keys) assert.match(k, new RegExp(`^${prefix}:[0-9a-f-]{36}$`));
      const rows = await Promise.all(keys.map(async (k) => ({ ...(await c.hGetAll(k)) })));
      assert.deepEqual(
        rows.sort((x, y) => String(x.symbol).localeCompare(String(y.symbol))),
        [
          { symbol: 'A', price: '1' },
          { symbol: 'A', price: '1' },
          { symbol: 'C', price: '4' },
        ],
      );
    });
    const again = await startApp(app);
    again.getInputHandler('Del').send(['A']);
    assert.deepEqual(again.query('from T select symbol, price'), [['C', 4]]);
    await again.shutdown();
    await withRedis(async (c) => assert.equal((await c.keys(`${prefix}:*`)).length, 1));
  } finally {
    await dropKeys(prefix);
  }
});
