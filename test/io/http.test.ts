import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ioCounters, ioHandles } from '../../src/index.js';
import { endpointOf, freePort, startApp, waitFor, withTimeout } from './helpers.js';

async function post(
  url: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  method = 'POST',
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method, headers, ...(method === 'GET' ? {} : { body }) });
  return { status: res.status, text: await res.text() };
}

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function receiver(port = 0, status = 200): Promise<{ server: Server; port: number; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      got.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port, got };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

const STOCK = 'define stream S (symbol string, price double, volume long);';

describe('http source', () => {
  test('a JSON object is one event, a JSON array many; 200 for each', async () => {
    const app = await startApp(
      `@App:name('HttpIn1') @source(type='http', receiver.url='http://127.0.0.1:0/stocks', @map(type='json')) ${STOCK}`,
      ['S'],
    );
    try {
      const url = endpointOf(app);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/stocks$/);
      assert.equal((await post(url, '{"event":{"symbol":"WSO2","price":55.5,"volume":100}}')).status, 200);
      const batch = JSON.stringify([
        { event: { symbol: 'IBM', price: 75.5, volume: 10 } },
        { event: { symbol: 'ORCL', price: 20.25, volume: 7 } },
      ]);
      assert.equal((await post(url, batch)).status, 200);
      assert.deepEqual(app.events, [
        ['WSO2', 55.5, 100],
        ['IBM', 75.5, 10],
        ['ORCL', 20.25, 7],
      ]);
    } finally {
      await app.stop();
    }
  });

  test('malformed bodies get 400, are logged with their content and counted; the source keeps going', async () => {
    const app = await startApp(
      `@App:name('HttpIn2') @source(type='http', receiver.url='http://127.0.0.1:0/s', @map(type='json')) ${STOCK}`,
      ['S'],
    );
    try {
      const url = endpointOf(app);
      const bad = await post(url, '{"event":{"symbol":"WSO2",');
      assert.equal(bad.status, 400);
      const wrongType = await post(url, '{"event":{"symbol":"WSO2","price":1.5,"volume":1.5}}');
      assert.equal(wrongType.status, 400);
      assert.equal((await post(url, '{"event":{"symbol":"OK","price":1.0,"volume":2}}')).status, 200);
      assert.deepEqual(app.events, [['OK', 1, 2]]);
      const counters = ioCounters('HttpIn2').find((c) => c.kind === 'source')!;
      assert.equal(counters.messages, 3);
      assert.equal(counters.errors, 2);
      assert.equal(counters.events, 1);
      const logged = app.lines.filter((l) => l.level === 'error').map((l) => l.payload);
      assert.deepEqual(logged, ['{"event":{"symbol":"WSO2",', '{"event":{"symbol":"WSO2","price":1.5,"volume":1.5}}']);
    } finally {
      await app.stop();
    }
  });

  test('basic auth, methods, content types and unknown paths', async () => {
    const app = await startApp(
      `@App:name('HttpIn3') @source(type='http', receiver.url='http://127.0.0.1:0/in', basic.auth.enabled='true', basic.auth.username='admin', basic.auth.password='secret', @map(type='json')) ${STOCK}`,
      ['S'],
    );
    try {
      const url = endpointOf(app);
      const body = '{"symbol":"A","price":1.0,"volume":1}';
      const good = `Basic ${Buffer.from('admin:secret').toString('base64')}`;
      const bad = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
      assert.equal((await post(url, body)).status, 401);
      assert.equal((await post(url, body, { 'content-type': 'application/json', authorization: bad })).status, 401);
      assert.equal((await post(url, body, { authorization: good }, 'GET')).status, 405);
      assert.equal((await post(url, body, { 'content-type': 'application/xml', authorization: good })).status, 415);
      assert.equal((await post(url + 'x', body, { authorization: good })).status, 404);
      assert.equal((await post(url, body, { 'content-type': 'application/json', authorization: good })).status, 200);
      assert.deepEqual(app.events, [['A', 1, 1]]);
    } finally {
      await app.stop();
    }
  });

  test('sources on one port share a server, each on its path; keyvalue reads form bodies', async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('HttpIn4')
       @source(type='http', receiver.url='http://127.0.0.1:${port}/a', @map(type='json')) define stream A (symbol string, price double, volume long);
       @source(type='http', receiver.url='http://127.0.0.1:${port}/b', @map(type='keyvalue', implicit.cast.enable='true')) define stream B (symbol string, price double, volume long);`,
      ['A', 'B'],
    );
    try {
      await post(`http://127.0.0.1:${port}/a`, '{"symbol":"X","price":2.5,"volume":3}');
      const form = await post(`http://127.0.0.1:${port}/b`, 'symbol=Y&price=4.5&volume=6', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(form.status, 200, form.text);
      assert.deepEqual(app.streams.get('A'), [['X', 2.5, 3]]);
      assert.deepEqual(app.streams.get('B'), [['Y', 4.5, 6]]);
    } finally {
      await app.stop();
    }
    // Both routes gone: the port is free again.
    const again = await receiver(port);
    await close(again.server);
  });

  test('an invalid option is an app creation error naming the line and column', async () => {
    await assert.rejects(
      startApp(
        `@App:name('HttpBad')\n@source(type='http', receiver.url='http://127.0.0.1:0/x', basic.auth.enabled='maybe', @map(type='json')) ${STOCK}`,
      ),
      /2:1.*basic\.auth\.enabled|basic\.auth\.enabled[\s\S]*2:1/,
    );
    await assert.rejects(startApp(`@source(type='htp', @map(type='json')) ${STOCK}`), /no source of type 'htp'/);
    await assert.rejects(startApp(`@sink(type='http', @map(type='json')) ${STOCK}`), /needs option 'publisher\.url'/);
  });
});

describe('http sink', () => {
  test('POSTs each mapped event with content type, headers, basic auth and a dynamic url', async () => {
    const peer = await receiver();
    const app = await startApp(
      `@App:name('HttpOut1') define stream In (symbol string, price double, volume long);
       @sink(type='http', publisher.url='http://127.0.0.1:${peer.port}/stocks/{{symbol}}', headers="'X-Source:test','X-Two:2'", basic.auth.username='u', basic.auth.password='p', @map(type='json'))
       define stream S (symbol string, price double, volume long);
       from In select * insert into S;`,
    );
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['WSO2', 55.5, 100]);
      h.send(['IBM', 75.25, 10]);
      await waitFor(() => peer.got.length === 2, 'two requests');
      const byUrl = [...peer.got].sort((a, b) => a.url.localeCompare(b.url));
      assert.deepEqual(
        byUrl.map((r) => [r.method, r.url, r.body]),
        [
          ['POST', '/stocks/IBM', '{"event":{"symbol":"IBM","price":75.25,"volume":10}}'],
          ['POST', '/stocks/WSO2', '{"event":{"symbol":"WSO2","price":55.5,"volume":100}}'],
        ],
      );
      const first = peer.got[0]!;
      assert.equal(first.headers['content-type'], 'application/json');
      assert.equal(first.headers['x-source'], 'test');
      assert.equal(first.headers['x-two'], '2');
      assert.equal(first.headers.authorization, `Basic ${Buffer.from('u:p').toString('base64')}`);
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test("on.error='WAIT': a peer that disappears and comes back gets every event, in order", async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('HttpOut2') define stream In (n long);
       @sink(type='http', publisher.url='http://127.0.0.1:${port}/n', on.error='WAIT', retry.interval='10', retry.interval.max='40', @map(type='text', @payload('{{n}}')))
       define stream S (n long);
       from In select * insert into S;`,
    );
    try {
      const h = app.runtime.getInputHandler('In');
      h.send([1]);
      h.send([2]);
      const sink = ioHandles('HttpOut2')!.sinks[0]!;
      await waitFor(
        () => sink.counters.connectFailures + sink.counters.errors > 0 || app.lines.length > 0,
        'a failed attempt',
      );
      const peer = await receiver(port);
      await waitFor(() => peer.got.length === 2, 'the queued events');
      h.send([3]);
      await waitFor(() => peer.got.length === 3, 'the third event');
      assert.deepEqual(
        peer.got.map((r) => r.body),
        ['1', '2', '3'],
      );
      await close(peer.server);
      h.send([4]);
      const back = await receiver(port);
      await waitFor(() => back.got.length === 1, 'the event sent while the peer was away');
      assert.equal(back.got[0]!.body, '4');
      await close(back.server);
    } finally {
      await app.stop();
    }
  });

  test("on.error='LOG' logs and counts what could not be sent; 'STREAM' routes it to the fault stream", async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('HttpOut3') define stream In (n long);
       @sink(type='http', publisher.url='http://127.0.0.1:${port}/n', retry.interval='10', @map(type='json'))
       define stream S (n long);
       @OnError(action='STREAM')
       @sink(type='http', publisher.url='http://127.0.0.1:${port}/m', on.error='STREAM', retry.interval='10', @map(type='json'))
       define stream T (n long);
       from In select * insert into S;
       from In select * insert into T;`,
      ['!T'],
    );
    try {
      app.runtime.getInputHandler('In').send([7]);
      await waitFor(() => (app.streams.get('!T') ?? []).length === 1, 'the fault event');
      const fault = app.streams.get('!T')![0]!;
      assert.equal(fault[0], 7);
      assert.ok(fault[1] instanceof Error && /ECONNREFUSED|not connected/.test(fault[1].message));
      await waitFor(() => app.lines.some((l) => /dropped events/.test(l.msg)), 'the log line');
      const logged = app.lines.find((l) => /dropped events/.test(l.msg))!;
      assert.deepEqual(logged.events, [[7]]);
      const s = ioCounters('HttpOut3').find((c) => c.stream === 'S')!;
      assert.equal(s.errors, 1);
    } finally {
      await app.stop();
    }
  });

  test('http source to http sink across two apps', async () => {
    const peer = await receiver();
    const app = await withTimeout(
      startApp(
        `@App:name('HttpPipe') @source(type='http', receiver.url='http://127.0.0.1:0/in', @map(type='json'))
         define stream In (name string, amount double);
         @sink(type='http', publisher.url='http://127.0.0.1:${peer.port}/out', @map(type='json'))
         define stream Out (name string, amount double);
         from In[amount > 10] select * insert into Out;`,
      ),
      5000,
      'app start',
    );
    try {
      await post(endpointOf(app), '[{"name":"toffee","amount":12.5},{"name":"gum","amount":3.0}]');
      await waitFor(() => peer.got.length === 1, 'the filtered event');
      assert.deepEqual(JSON.parse(peer.got[0]!.body), { event: { name: 'toffee', amount: 12.5 } });
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });
});
