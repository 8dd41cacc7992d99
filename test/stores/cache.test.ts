import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { appStores } from '../../src/engine/table/app-stores.js';
import { CachedTable } from '../../src/stores/cache/cached-table.js';
import type { LogLine } from '../../src/engine/runtime/logger.js';
import { startApp, storeApp } from './store-scenario.js';

function cacheOf(r: SiddhiAppRuntime): CachedTable {
  const t = appStores((r as unknown as { ctx: Parameters<typeof appStores>[0] }).ctx).tables.get('T');
  assert.ok(t instanceof CachedTable);
  return t;
}

async function evicted(policy: string): Promise<unknown[]> {
  const r = await startApp(storeApp(`@store(type = 'rdbms', @cache(size = '2', cache.policy = '${policy}'))`));
  try {
    const c = cacheOf(r);
    r.getInputHandler('Ins').send(['A', 1, 1]);
    r.getInputHandler('Ins').send(['B', 2, 2]);
    assert.deepEqual(r.query(`from T on symbol == 'A' select price`), [[1]]);
    assert.deepEqual(r.query(`from T on symbol == 'A' select price`), [[1]]);
    assert.deepEqual(r.query(`from T on symbol == 'B' select price`), [[2]]);
    assert.equal(c.stats.hits, 3);
    r.getInputHandler('Ins').send(['C', 3, 3]);
    assert.equal(c.stats.evictions, 1);
    // A miss reads the store and caches the row.
    const keys = c.cachedKeys();
    const gone = ['A', 'B'].filter((k) => !keys.includes(k));
    assert.deepEqual(r.query(`from T on symbol == '${gone[0]}' select symbol`), [[gone[0]]]);
    assert.equal(c.stats.misses, 1);
    return gone;
  } finally {
    await r.shutdown();
  }
}

test('@cache FIFO evicts the first cached row', async () => {
  assert.deepEqual(await evicted('FIFO'), ['A']);
});

test('@cache LRU evicts the least recently used row', async () => {
  // A used twice, then B: A is least recent.
  assert.deepEqual(await evicted('LRU'), ['A']);
});

test('@cache LFU evicts the least often used row', async () => {
  // A used twice, B once.
  assert.deepEqual(await evicted('LFU'), ['B']);
});

test('@cache stays coherent with updates and deletes, and purges after retention.period', async () => {
  const r = await startApp(
    storeApp(
      `@store(type = 'rdbms')`,
      `@cache(size = '10', cache.policy = 'LRU', retention.period = '1 sec', purge.interval = '500 millisecond')`,
    ),
  );
  try {
    const c = cacheOf(r);
    r.getInputHandler('Ins').send(['A', 1, 1]);
    r.getInputHandler('Upd').send(['A', 7]);
    assert.deepEqual(r.query(`from T on symbol == 'A' select price`), [[7]]);
    assert.equal(c.stats.hits, 1);
    r.getInputHandler('Del').send(['A']);
    assert.deepEqual(r.query(`from T on symbol == 'A' select price`), []);
    assert.deepEqual(c.cachedKeys(), []);
    r.getInputHandler('Ins').send(['B', 2, 2]);
    assert.deepEqual(c.cachedKeys(), ['B']);
    r.advanceTime(1500);
    assert.deepEqual(c.cachedKeys(), []);
    assert.equal(c.stats.purged, 1);
    assert.deepEqual(r.query(`from T on symbol == 'B' select price`), [[2]], 'the store still has the row');
  } finally {
    await r.shutdown();
  }
});

test('@cache answers `in` checks on the primary key from its entries', async () => {
  const r = await startApp(storeApp(`@store(type = 'rdbms', @cache(size = '2', cache.policy = 'LRU'))`));
  const seen: unknown[] = [];
  r.addStreamCallback('InOut', (events) => {
    for (const e of events) seen.push(e.data[0]);
  });
  try {
    const c = cacheOf(r);
    r.getInputHandler('Ins').send(['A', 1, 1]);
    r.getInputHandler('Chk').send(['A']);
    r.getInputHandler('Chk').send(['Z']);
    assert.deepEqual(seen, ['A']);
    assert.deepEqual({ hits: c.stats.hits, misses: c.stats.misses }, { hits: 1, misses: 1 });
  } finally {
    await r.shutdown();
  }
});

test('@cache counts an update or update-or-insert on the primary key as a use of the row', async () => {
  for (const [policy, write] of [
    ['LRU', 'Upd'],
    ['LFU', 'Ups'],
  ] as const) {
    const r = await startApp(storeApp(`@store(type = 'rdbms', @cache(size = '2', cache.policy = '${policy}'))`));
    try {
      const c = cacheOf(r);
      r.getInputHandler('Ins').send(['A', 1, 1]);
      r.getInputHandler('Ins').send(['B', 2, 2]);
      r.getInputHandler(write).send(write === 'Upd' ? ['A', 5] : ['A', 5, 1]);
      r.getInputHandler('Ins').send(['C', 3, 3]);
      assert.deepEqual(c.cachedKeys().sort(), ['A', 'C'], `${policy} keeps the written row`);
      assert.deepEqual(r.query(`from T on symbol == 'A' select price`), [[5]]);
      assert.equal(c.stats.hits, 1);
    } finally {
      await r.shutdown();
    }
  }
});

test('@cache needs a size and a known policy', async () => {
  await assert.rejects(
    startApp(storeApp(`@store(type = 'rdbms')`, `@cache(size = '3', cache.policy = 'MRU')`)),
    /FIFO, LRU or LFU/,
  );
  await assert.rejects(startApp(storeApp(`@store(type = 'rdbms')`, `@cache(cache.policy = 'LRU')`)), /size/);
});

test('@cache on a table without a @PrimaryKey leaves every read to the store, with a warning', async () => {
  const lines: LogLine[] = [];
  const app = `
define stream Ins (symbol string, price float);
@store(type = 'rdbms', @cache(size = '1'))
define table T (symbol string, price float);
from Ins insert into T;
`;
  const r = await startApp(app, lines);
  try {
    assert.ok(
      !(
        appStores((r as unknown as { ctx: Parameters<typeof appStores>[0] }).ctx).tables.get('T') instanceof CachedTable
      ),
    );
    r.getInputHandler('Ins').send(['A', 1]);
    r.getInputHandler('Ins').send(['B', 2]);
    assert.deepEqual(r.query('from T select symbol, price order by symbol'), [
      ['A', 1],
      ['B', 2],
    ]);
    assert.ok(lines.some((l) => l.level === 'warn' && /@cache has no effect without a @PrimaryKey/.test(l.msg)));
  } finally {
    await r.shutdown();
  }
});
