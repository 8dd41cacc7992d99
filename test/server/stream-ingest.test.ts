import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, storeQuery, VIEWER, VIEWER_TOKEN, type Harness } from './server-harness.js';

const APP = `@app:name('Ingest')
define stream Trades (symbol string, price double, volume long, ok bool);
define table Seen (symbol string, price double, volume long, ok bool, ts long);
from Trades select symbol, price, volume, ok, eventTimestamp() as ts insert into Seen;
`;
const PATH = '/siddhi-apps/Ingest/streams/Trades/events';

const rows = (h: Harness): Promise<unknown[][]> =>
  storeQuery(h, 'Ingest', 'from Seen select symbol, price, volume, ok order by volume');

describe('stream ingest endpoint', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
  });
  after(async () => h.close());

  const clear = (): Promise<unknown> =>
    h.request('POST', '/stores/query', { body: { appName: 'Ingest', query: 'delete Seen on volume >= 0' } });

  test('a batch of arrays and {timestamp, data} objects is sent as one chunk, strings converted to the types', async () => {
    const r = await h.request('POST', PATH, {
      body: {
        producer: 'p-basic',
        sequence: 1,
        events: [
          ['IBM', 75.5, 100, true],
          ['WSO2', '12.25', '200', 'false'],
          { timestamp: 1_700_000_000_000, data: ['ORCL', 3, 300, true] },
        ],
      },
    });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { accepted: 3, sequence: 1 });
    assert.deepEqual(await rows(h), [
      ['IBM', 75.5, 100, true],
      ['WSO2', 12.25, 200, false],
      ['ORCL', 3, 300, true],
    ]);
    assert.deepEqual(await storeQuery(h, 'Ingest', "from Seen on symbol == 'ORCL' select ts"), [[1_700_000_000_000]]);
    await clear();
  });

  test('a retried sequence is answered {duplicate: true} and not applied twice; the next one is', async () => {
    const batch = (sequence: number, volume: number): object => ({
      producer: 'p-dup',
      sequence,
      events: [['A', 1.5, volume, true]],
    });
    assert.deepEqual((await h.request('POST', PATH, { body: batch(1, 1) })).json, { accepted: 1, sequence: 1 });
    const again = await h.request('POST', PATH, { body: batch(1, 1) });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, { duplicate: true, sequence: 1, highest: 1 });
    assert.deepEqual((await h.request('POST', PATH, { body: batch(2, 2) })).json, { accepted: 1, sequence: 2 });
    assert.deepEqual((await h.request('POST', PATH, { body: batch(1, 1) })).json, {
      duplicate: true,
      sequence: 1,
      highest: 2,
    });
    assert.deepEqual(await rows(h), [
      ['A', 1.5, 1, true],
      ['A', 1.5, 2, true],
    ]);
    const pos = await h.request('GET', '/siddhi-apps/Ingest/streams/Trades/producers/p-dup');
    assert.equal(pos.status, 200);
    const p = pos.json as { producer: string; sequence: number; events: number; updatedAt: number };
    assert.deepEqual([p.producer, p.sequence, p.events], ['p-dup', 2, 2]);
    const unknown = await h.request('GET', '/siddhi-apps/Ingest/streams/Trades/producers/nobody');
    assert.deepEqual(unknown.json, { producer: 'nobody', sequence: 0, events: 0, updatedAt: 0 });
    await clear();
  });

  test('a bad event gets 400 naming its index, attribute and type, and nothing of the batch is applied', async () => {
    const events = [
      ['A', 1, 1, true],
      ['B', 2, 2, true],
      ['C', 'cheap', 3, true],
      ['D', 4, 4, true],
    ];
    const r = await h.request('POST', PATH, { body: { producer: 'p-bad', sequence: 1, events } });
    assert.equal(r.status, 400);
    const body = r.json as { message: string; index: number; attribute: string; expected: string };
    assert.equal(body.message, `events[2]: attribute 'price' is double; "cheap" is not a double`);
    assert.deepEqual([body.index, body.attribute, body.expected], [2, 'price', 'double']);
    assert.deepEqual(await rows(h), []);
    // Nothing recorded either: the corrected batch goes in under the same sequence.
    events[2] = ['C', 3, 3, true];
    const fixed = await h.request('POST', PATH, { body: { producer: 'p-bad', sequence: 1, events } });
    assert.deepEqual(fixed.json, { accepted: 4, sequence: 1 });
    assert.equal((await rows(h)).length, 4);
    await clear();

    const count = await h.request('POST', PATH, { body: { producer: 'p-bad', sequence: 2, events: [['A', 1]] } });
    assert.equal(count.status, 400);
    assert.equal(
      (count.json as { message: string }).message,
      "events[0] has 2 values; stream 'Trades' has 4 attributes (symbol string, price double, volume long, ok bool)",
    );
    const int = await h.request('POST', PATH, {
      body: { producer: 'p-bad', sequence: 2, events: [['A', 1, 1.5, true]] },
    });
    assert.equal((int.json as { message: string }).message, "events[0]: attribute 'volume' is long; 1.5 is not a long");
    const shape = await h.request('POST', PATH, { body: { producer: 'p-bad', sequence: 0, events: [] } });
    assert.equal(shape.status, 400);
    assert.match((shape.json as { message: string }).message, /'sequence' must be the batch's number/);
    assert.deepEqual(await rows(h), []);
  });

  test('the OpenAPI document describes the ingest paths', async () => {
    const doc = (await h.request('GET', '/openapi.json', { auth: null })).json as { paths: Record<string, unknown> };
    for (const p of [
      '/siddhi-apps/{name}/streams/{stream}/events',
      '/siddhi-apps/{name}/streams/{stream}/producers',
      '/siddhi-apps/{name}/streams/{stream}/producers/{producer}',
    ]) {
      assert.ok(p in doc.paths, p);
    }
  });

  test('unknown app or stream: 404 with what exists', async () => {
    const body = { producer: 'p', sequence: 1, events: [] };
    const app = await h.request('POST', '/siddhi-apps/Nope/streams/Trades/events', { body });
    assert.equal(app.status, 404);
    const stream = await h.request('POST', '/siddhi-apps/Ingest/streams/Nope/events', { body });
    assert.equal(stream.status, 404);
    assert.equal(
      (stream.json as { message: string }).message,
      "app 'Ingest' has no stream 'Nope'; its streams are Trades",
    );
  });

  test('auth: refused without credentials (401) and for a viewer (403); a viewer may read positions', async () => {
    const body = { producer: 'p-auth', sequence: 1, events: [['A', 1, 1, true]] };
    const none = await h.request('POST', PATH, { body, auth: null });
    assert.equal(none.status, 401);
    const viewer = await h.request('POST', PATH, { body, auth: VIEWER });
    assert.equal(viewer.status, 403);
    const token = await h.request('POST', PATH, { body, auth: { token: VIEWER_TOKEN } });
    assert.equal(token.status, 403);
    assert.deepEqual(await rows(h), []);
    const read = await h.request('GET', '/siddhi-apps/Ingest/streams/Trades/producers', { auth: VIEWER });
    assert.equal(read.status, 200);
    assert.equal((await h.request('GET', '/siddhi-apps/Ingest/streams/Trades/producers', { auth: null })).status, 401);
  });

  test('application/x-ndjson: one event a line, producer and sequence in headers', async () => {
    const text = '["N1", 1.5, 1, true]\n{"data": ["N2", "2.5", "2", "false"]}\n\n';
    const send = async (headers: Record<string, string>): Promise<Response> =>
      fetch(h.url + PATH, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-ndjson',
          authorization: `Basic ${Buffer.from('admin:admin-secret').toString('base64')}`,
          ...headers,
        },
        body: text,
      });
    const r = await send({ 'x-producer': 'p-nd', 'x-sequence': '1' });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { accepted: 2, sequence: 1 });
    assert.deepEqual(await rows(h), [
      ['N1', 1.5, 1, true],
      ['N2', 2.5, 2, false],
    ]);
    const dup = await send({ 'x-producer': 'p-nd', 'x-sequence': '1' });
    assert.deepEqual(await dup.json(), { duplicate: true, sequence: 1, highest: 1 });
    const noSeq = await send({ 'x-producer': 'p-nd' });
    assert.equal(noSeq.status, 400);
    assert.match(((await noSeq.json()) as { message: string }).message, /x-sequence header/);
    await clear();
  });

  test('a batch that arrives before its predecessor waits for it: the stream sees them in order', async () => {
    const second = h.request('POST', PATH, { body: { producer: 'p-order', sequence: 2, events: [['B', 2, 2, true]] } });
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(await rows(h), []);
    const first = await h.request('POST', PATH, {
      body: { producer: 'p-order', sequence: 1, events: [['A', 1, 1, true]] },
    });
    assert.deepEqual(first.json, { accepted: 1, sequence: 1 });
    assert.deepEqual((await second).json, { accepted: 1, sequence: 2 });
    assert.deepEqual(
      await storeQuery(h, 'Ingest', 'from Seen select symbol'),
      [['A'], ['B']],
      'table rows in arrival order',
    );
    // Forgetting a producer starts it over at 1.
    assert.equal((await h.request('DELETE', '/siddhi-apps/Ingest/streams/Trades/producers/p-order')).status, 200);
    assert.equal((await h.request('DELETE', '/siddhi-apps/Ingest/streams/Trades/producers/p-order')).status, 404);
    await clear();
  });
});

describe('stream ingest ledger across a restart', () => {
  test('a restarted server still answers an applied sequence as a duplicate', async () => {
    let h = await startHarness();
    const dataDir = h.dataDir;
    try {
      assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
      const body = { producer: 'p-restart', sequence: 1, events: [['R', 1, 1, true]] };
      assert.deepEqual((await h.request('POST', PATH, { body })).json, { accepted: 1, sequence: 1 });
      await h.close();
      h = await startHarness({ dataDir });
      assert.deepEqual((await h.request('POST', PATH, { body })).json, { duplicate: true, sequence: 1, highest: 1 });
      assert.deepEqual(await rows(h), [['R', 1, 1, true]]);
      const next = { producer: 'p-restart', sequence: 2, events: [['S', 2, 2, true]] };
      assert.deepEqual((await h.request('POST', PATH, { body: next })).json, { accepted: 1, sequence: 2 });
    } finally {
      await h.close();
    }
  });

  test('a server that died resumes at its last snapshot: batches applied after it are applied again, once', async () => {
    const first = await startHarness();
    const dataDir = first.dataDir;
    const batch = (sequence: number) => ({
      producer: 'p-crash',
      sequence,
      events: [[`E${sequence}`, sequence, sequence, true]],
    });
    try {
      assert.equal((await first.request('POST', '/siddhi-apps', { body: APP })).status, 201);
      for (const n of [1, 2])
        assert.deepEqual((await first.request('POST', PATH, { body: batch(n) })).json, { accepted: 1, sequence: n });
      assert.equal((await first.request('POST', '/siddhi-apps/Ingest/backup')).status, 200);
      assert.deepEqual((await first.request('POST', PATH, { body: batch(3) })).json, { accepted: 1, sequence: 3 });

      // A second server on the same data while the first never shut down (as after a crash): the app
      // is back at its snapshot, and so is the producer's position.
      const second = await startHarness({ dataDir });
      try {
        assert.deepEqual(await rows(second), [
          ['E1', 1, 1, true],
          ['E2', 2, 2, true],
        ]);
        const pos = (await second.request('GET', `${PATH.replace(/events$/, 'producers')}/p-crash`)).json as {
          sequence: number;
          events: number;
        };
        assert.deepEqual([pos.sequence, pos.events], [2, 2]);
        // what `tributary stream --resume` does: resend from the server's position
        assert.deepEqual((await second.request('POST', PATH, { body: batch(2) })).json, {
          duplicate: true,
          sequence: 2,
          highest: 2,
        });
        assert.deepEqual((await second.request('POST', PATH, { body: batch(3) })).json, { accepted: 1, sequence: 3 });
        assert.deepEqual(await rows(second), [
          ['E1', 1, 1, true],
          ['E2', 2, 2, true],
          ['E3', 3, 3, true],
        ]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
