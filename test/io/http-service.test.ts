import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ioCounters, ioHandles } from '../../src/index.js';
import { endpointOf, startApp, waitFor } from './helpers.js';

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; text: string; type: string | null; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type'), headers: res.headers };
}

/** `old` writes the siddhi-io-http 1.x type names (http-request source, http-response sink). */
const ADDER = (name: string, extra = '', old = false): string => `@App:name('${name}')
  @source(type='${old ? 'http-request' : 'http-service'}', receiver.url='http://127.0.0.1:0/add', source.id='adder' ${extra},
          @map(type='json', @attributes(messageId='trp:messageId', value1='$.event.value1', value2='$.event.value2')))
  define stream AddStream (messageId string, value1 long, value2 long);
  @sink(type='${old ? 'http-response' : 'http-service-response'}', source.id='adder', message.id='{{messageId}}', headers="'X-Served-By:tributary'",
        @map(type='json', @payload("""{"sum":{{results}},"product":{{product}}}""")))
  define stream ResultStream (messageId string, results long, product long);
  from AddStream[value1 >= 0] select messageId, value1 + value2 as results, value1 * value2 as product insert into ResultStream;`;

describe('http-service source and http-service-response sink', () => {
  test('each request is answered with its own computed event: status 200, content type, headers', async () => {
    const app = await startApp(ADDER('SvcEcho'), ['AddStream']);
    try {
      const url = endpointOf(app);
      const replies = await Promise.all(
        [
          [3, 4],
          [10, 20],
          [6, 7],
        ].map(([a, b]) => post(url, JSON.stringify({ event: { value1: a, value2: b } }))),
      );
      assert.deepEqual(
        replies.map((r) => [r.status, r.text]),
        [
          [200, '{"sum":7,"product":12}'],
          [200, '{"sum":30,"product":200}'],
          [200, '{"sum":13,"product":42}'],
        ],
      );
      assert.equal(replies[0]!.type, 'application/json');
      assert.equal(replies[0]!.headers.get('x-served-by'), 'tributary');
      const ids = app.events.map((e) => e[0] as string);
      assert.equal(new Set(ids).size, 3);
      for (const id of ids) assert.match(id, /^[0-9a-f-]{36}$/);
    } finally {
      await app.stop();
    }
  });

  test('the 1.x names http-request (source) and http-response (sink) serve the same app unchanged', async () => {
    const app = await startApp(ADDER('SvcOldNames', '', true), ['AddStream']);
    try {
      const reply = await post(endpointOf(app), JSON.stringify({ event: { value1: 5, value2: 8 } }));
      assert.deepEqual([reply.status, reply.text], [200, '{"sum":13,"product":40}']);
      assert.equal(reply.headers.get('x-served-by'), 'tributary');
    } finally {
      await app.stop();
    }
  });

  test('a request nobody answers gets 504 after connection.timeout; a late answer is logged, not sent', async () => {
    const app = await startApp(
      `@App:name('SvcTimeout')
       @source(type='http-service', receiver.url='http://127.0.0.1:0/slow', source.id='slow', connection.timeout='150',
               @map(type='json', @attributes(messageId='trp:messageId', v='$.v')))
       define stream Req (messageId string, v long);
       @sink(type='http-service-response', source.id='slow', message.id='{{messageId}}', @map(type='json'))
       define stream Resp (messageId string, v long);`,
      ['Req'],
    );
    try {
      const started = Date.now();
      const r = await post(endpointOf(app), '{"v":1}');
      const waited = Date.now() - started;
      assert.equal(r.status, 504);
      assert.match(r.text, /no answer within connection\.timeout \(150 ms\)/);
      assert.ok(waited >= 140 && waited < 3000, `waited ${waited} ms`);
      assert.equal(app.events.length, 1);
      // The answer comes too late: it is dropped with a clear log line, the app keeps serving.
      const id = app.events[0]![0] as string;
      app.runtime.getInputHandler('Resp').send([id, 1]);
      const line = app.lines.find((l) => l.level === 'error' && /no request with message\.id/.test(l.msg));
      assert.ok(line, JSON.stringify(app.lines));
      assert.match(line.msg, new RegExp(`'${id}'.*timed out after 150 ms`));
      const sink = ioCounters('SvcTimeout').find((c) => c.kind === 'sink')!;
      assert.equal(sink.errors, 1);
    } finally {
      await app.stop();
    }
  });

  test('an answer for an unknown message id is logged and counted; the source keeps answering', async () => {
    const app = await startApp(ADDER('SvcUnknown'), ['AddStream']);
    try {
      app.runtime.getInputHandler('ResultStream').send(['no-such-id', 1, 2]);
      assert.ok(app.lines.some((l) => l.level === 'error' && /message\.id 'no-such-id'/.test(l.msg)));
      const r = await post(endpointOf(app), '{"event":{"value1":1,"value2":2}}');
      assert.deepEqual([r.status, r.text], [200, '{"sum":3,"product":2}']);
    } finally {
      await app.stop();
    }
  });

  test('a request the query filters out waits for its timeout; malformed requests get 400 at once', async () => {
    const app = await startApp(ADDER('SvcMalformed', ", connection.timeout='100'"), ['AddStream']);
    try {
      const url = endpointOf(app);
      const bad = await post(url, '{"event":{"value1":');
      assert.equal(bad.status, 400);
      assert.match(bad.text, /Invalid Json String/);
      const filtered = await post(url, '{"event":{"value1":-1,"value2":2}}');
      assert.equal(filtered.status, 504);
      const h = ioHandles('SvcMalformed')!.sources[0]!;
      assert.equal(h.counters.errors, 1);
      const ok = await post(url, '{"event":{"value1":2,"value2":2}}');
      assert.deepEqual([ok.status, ok.text], [200, '{"sum":4,"product":4}']);
    } finally {
      await app.stop();
    }
  });

  test('requests still held when the app stops get 504; basic auth guards the service', async () => {
    const app = await startApp(
      `@App:name('SvcStop')
       @source(type='http-service', receiver.url='http://127.0.0.1:0/hold', source.id='hold', basic.auth.enabled='true',
               basic.auth.username='u', basic.auth.password='p', @map(type='json', @attributes(messageId='trp:messageId', v='$.v')))
       define stream Req (messageId string, v long);`,
      ['Req'],
    );
    const url = endpointOf(app);
    const auth = `Basic ${Buffer.from('u:p').toString('base64')}`;
    assert.equal((await post(url, '{"v":1}')).status, 401);
    const pending = post(url, '{"v":2}', { 'content-type': 'application/json', authorization: auth });
    await waitFor(() => app.events.length === 1, 'the request to arrive');
    await app.stop();
    const r = await pending;
    assert.equal(r.status, 504);
    assert.match(r.text, /the app stopped before answering/);
  });

  test('options are checked at app creation', async () => {
    await assert.rejects(
      startApp(
        `@source(type='http-service', receiver.url='http://127.0.0.1:0/x', @map(type='json')) define stream S (a string);`,
      ),
      /needs option 'source\.id'/,
    );
    await assert.rejects(
      startApp(`@sink(type='http-service-response', source.id='x', @map(type='json')) define stream S (a string);`),
      /needs option 'message\.id'/,
    );
    await assert.rejects(
      startApp(
        `@source(type='http-service', source.id='x', receiver.url='http://127.0.0.1:0/x', connection.timeout='soon', @map(type='json')) define stream S (a string);`,
      ),
      /connection\.timeout' must be a whole number/,
    );
  });
});
