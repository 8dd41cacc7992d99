import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sendEvent, startHarness, storeQuery, type Harness } from './server-harness.js';

const app = (check: string): string => `@app:name('Payments')
define function check[javascript] return double { ${check} return data[0]; };
@OnError(action='STORE')
define stream Payments (amount double, payer string);
define table Accepted (amount double, payer string);
from Payments select check(amount) as amount, payer insert into Accepted;
`;
const STRICT = "if (data[0] < 0) throw new Error('negative amount ' + data[0]);";

interface Entries {
  count: number;
  entries: { id: number; streamName: string; event: { timestamp: number; data: unknown[] }; cause: string }[];
}

describe('error store', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: app(STRICT) })).status, 201);
  });
  after(async () => h.close());

  test('failed events are listed with their cause; good ones pass', async () => {
    await sendEvent(h, 'Payments', 'Payments', [10, 'ann']);
    await sendEvent(h, 'Payments', 'Payments', [-5, 'bob'], 1000);
    await sendEvent(h, 'Payments', 'Payments', [-7, 'cy'], 2000);
    assert.deepEqual(await storeQuery(h, 'Payments', 'from Accepted select *'), [[10, 'ann']]);
    const list = (await h.request('GET', '/error-store/Payments')).json as Entries;
    assert.equal(list.count, 2);
    assert.deepEqual(
      list.entries.map((e) => [e.streamName, e.event, e.cause]),
      [
        ['Payments', { timestamp: 1000, data: [-5, 'bob'] }, 'negative amount -5'],
        ['Payments', { timestamp: 2000, data: [-7, 'cy'] }, 'negative amount -7'],
      ],
    );
  });

  test('replay of one entry after fixing the app sends it into its stream and removes it', async () => {
    assert.equal((await h.request('PUT', '/siddhi-apps', { body: app('') })).status, 200);
    const before = ((await h.request('GET', '/error-store/Payments')).json as Entries).entries;
    const r = await h.request('POST', '/error-store/Payments/replay', { body: { id: before[0]!.id } });
    assert.deepEqual(r.json, { type: 'success', replayed: 1, remaining: 1 });
    assert.deepEqual(await storeQuery(h, 'Payments', 'from Accepted select *'), [
      [10, 'ann'],
      [-5, 'bob'],
    ]);
  });

  test('an event that fails again on replay is stored again', async () => {
    assert.equal((await h.request('PUT', '/siddhi-apps', { body: app(STRICT) })).status, 200);
    const r = await h.request('POST', '/error-store/Payments/replay');
    assert.deepEqual(r.json, { type: 'success', replayed: 1, remaining: 1 });
    const list = (await h.request('GET', '/error-store/Payments')).json as Entries;
    assert.deepEqual(
      list.entries.map((e) => e.event.data),
      [[-7, 'cy']],
    );
  });

  test('discard one entry, or all; unknown ids are 404', async () => {
    await sendEvent(h, 'Payments', 'Payments', [-1, 'dee']);
    const list = ((await h.request('GET', '/error-store/Payments')).json as Entries).entries;
    assert.equal(list.length, 2);
    assert.deepEqual((await h.request('DELETE', `/error-store/Payments/${list[0]!.id}`)).json, {
      type: 'success',
      discarded: 1,
    });
    assert.equal((await h.request('DELETE', `/error-store/Payments/${list[0]!.id}`)).status, 404);
    assert.deepEqual((await h.request('DELETE', '/error-store/Payments')).json, { type: 'success', discarded: 1 });
    assert.equal(((await h.request('GET', '/error-store/Payments')).json as Entries).count, 0);
  });
});
