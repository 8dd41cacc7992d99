import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sendEvent, startHarness, type Harness } from './server-harness.js';

const APP = `@app:name('Stock')
define stream StockStream (symbol string, price double, volume long);
@PrimaryKey('symbol')
define table StockTable (symbol string, price double, volume long);
from StockStream update or insert into StockTable on StockTable.symbol == symbol;
`;

describe('POST /stores/query', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
    await sendEvent(h, 'Stock', 'StockStream', ['WSO2', 55.6, 100]);
    await sendEvent(h, 'Stock', 'StockStream', ['IBM', 75.5, 10]);
    await sendEvent(h, 'Stock', 'StockStream', ['WSO2', 57.5, 200]);
  });
  after(async () => h.close());

  test('answers records and their columns', async () => {
    const r = await h.request('POST', '/stores/query', {
      body: { appName: 'Stock', query: 'from StockTable select symbol, price, volume' },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      // Siddhi's HashMap order of the primary keys: 'IBM' before 'WSO2'.
      records: [
        ['IBM', 75.5, 10],
        ['WSO2', 57.5, 200],
      ],
      details: [
        { name: 'symbol', type: 'string' },
        { name: 'price', type: 'double' },
        { name: 'volume', type: 'long' },
      ],
    });
  });

  test('filters and aggregates', async () => {
    const r = await h.request('POST', '/stores/query', {
      body: { appName: 'Stock', query: 'from StockTable on price > 60 select symbol' },
    });
    assert.deepEqual((r.json as { records: unknown[] }).records, [['IBM']]);
    const s = await h.request('POST', '/stores/query', {
      body: { appName: 'Stock', query: 'from StockTable select sum(volume) as total' },
    });
    assert.deepEqual((s.json as { records: unknown[] }).records, [[210]]);
  });

  test('a bad query gets 400, an unknown app 404, a bad body 400', async () => {
    const bad = await h.request('POST', '/stores/query', { body: { appName: 'Stock', query: 'from Nope select *' } });
    assert.equal(bad.status, 400);
    assert.match((bad.json as { message: string }).message, /Nope/);
    const none = await h.request('POST', '/stores/query', { body: { appName: 'Ghost', query: 'from T select *' } });
    assert.equal(none.status, 404);
    assert.equal((await h.request('POST', '/stores/query', { body: { query: 'x' } })).status, 400);
  });
});
