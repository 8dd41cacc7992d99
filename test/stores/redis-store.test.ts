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
