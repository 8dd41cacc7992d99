import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ioHandles } from '../../src/index.js';
import { freePort, startApp, waitFor } from './helpers.js';

interface Seen {
  method: string;
  url: string;
  body: string;
  type: string | undefined;
}

/** An employee registry: GET/POST /emp/<id> answers 200 JSON for known ids, 404 text otherwise, 500 for 'boom'. */
async function registry(): Promise<{ server: Server; port: number; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, type: req.headers['content-type'] });
      const id = (req.url ?? '').split('/').pop();
      if (id === 'boom') res.writeHead(500, { 'content-type': 'text/plain' }).end('registry exploded');
      else if (id === 'garbled') res.writeHead(200, { 'content-type': 'application/json' }).end('{"town":');
      else if (id === '1423')
        res.writeHead(200, { 'content-type': 'application/json', 'x-registry': 'r1' }).end('{"town":"NY","age":24}');
      else if (id === '7') res.writeHead(200, { 'content-type': 'application/json' }).end('{"town":"Oslo","age":51}');
      else res.writeHead(404, { 'content-type': 'text/plain' }).end(`no employee ${id}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port, seen };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

/** `old` writes the siddhi-io-http 1.x type names (http-request sink, http-response source). */
const CALL_APP = (name: string, port: number, old = false): string => `@App:name('${name}')
  define stream In (name string, id int);
  @sink(type='${old ? 'http-request' : 'http-call'}', sink.id='employee-info', publisher.url='http://127.0.0.1:${port}/emp/{{id}}', method='POST', @map(type='json'))
  define stream EmployeeRequestStream (name string, id int);
  @source(type='${old ? 'http-response' : 'http-call-response'}', sink.id='employee-info', http.status.code='2\\\\d+',
          @map(type='json', fail.on.missing.attribute='false',
               @attributes(name='trp:name', id='trp:id', location='$.town', age='$.age', registry='trp:x-registry')))
  define stream EmployeeResponseStream (name string, id int, location string, age int, registry string);
  @source(type='${old ? 'http-response' : 'http-call-response'}', sink.id='employee-info', http.status.code='4\\\\d+|5\\\\d+',
          @map(type='text', regex.A='((.|\\n)*)', @attributes(id='trp:id', status='trp:http.status.code', error='A[1]')))
  define stream EmployeeErrorStream (id int, status int, error string);
  from In select * insert into EmployeeRequestStream;`;

describe('http-call sink and http-call-response source', () => {
  test('replies are routed by status: 2xx to one stream, 4xx/5xx to another, with the request attributes', async () => {
    const peer = await registry();
    const app = await startApp(CALL_APP('CallRoute', peer.port), ['EmployeeResponseStream', 'EmployeeErrorStream']);
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['John', 1423]);
      h.send(['Ann', 99]);
      h.send(['Kim', 7]);
      await waitFor(
        () =>
          app.streams.get('EmployeeResponseStream')!.length === 2 &&
          app.streams.get('EmployeeErrorStream')!.length === 1,
        'three replies',
      );
      const ok = [...app.streams.get('EmployeeResponseStream')!].sort((a, b) => (a[1] as number) - (b[1] as number));
      assert.deepEqual(ok, [
        ['Kim', 7, 'Oslo', 51, null],
        ['John', 1423, 'NY', 24, 'r1'],
      ]);
      assert.deepEqual(app.streams.get('EmployeeErrorStream'), [[99, 404, 'no employee 99']]);
      const john = peer.seen.find((s) => s.url === '/emp/1423')!;
      assert.deepEqual(john, {
        method: 'POST',
        url: '/emp/1423',
        body: '{"event":{"name":"John","id":1423}}',
        type: 'application/json',
      });
      h.send(['Bob', 0]);
      await waitFor(() => app.streams.get('EmployeeErrorStream')!.length === 2, 'the 404 of Bob');
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test('the 1.x names http-request (sink) and http-response (source) run the same app unchanged', async () => {
    const peer = await registry();
    const app = await startApp(CALL_APP('CallOldNames', peer.port, true), [
      'EmployeeResponseStream',
      'EmployeeErrorStream',
    ]);
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['John', 1423]);
      h.send(['Ann', 99]);
      await waitFor(
        () =>
          app.streams.get('EmployeeResponseStream')!.length === 1 &&
          app.streams.get('EmployeeErrorStream')!.length === 1,
        'two replies',
      );
      assert.deepEqual(app.streams.get('EmployeeResponseStream'), [['John', 1423, 'NY', 24, 'r1']]);
      assert.deepEqual(app.streams.get('EmployeeErrorStream'), [[99, 404, 'no employee 99']]);
      assert.deepEqual(
        peer.seen.map((s) => [s.method, s.url, s.body]),
        [
          ['POST', '/emp/1423', '{"event":{"name":"John","id":1423}}'],
          ['POST', '/emp/99', '{"event":{"name":"Ann","id":99}}'],
        ],
      );
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test('a 5xx reply reaches the error stream; a status no source takes is logged, never dropped silently', async () => {
    const peer = await registry();
    const app = await startApp(
      `@App:name('CallUnrouted')
       @sink(type='http-call', sink.id='s', publisher.url='http://127.0.0.1:${peer.port}/emp/{{id}}', @map(type='json'))
       define stream Req (id string);
       @source(type='http-call-response', sink.id='s', @map(type='json', @attributes(town='$.town')))
       define stream Ok (town string);
       @source(type='http-call-response', sink.id='s', http.status.code='5\\\\d\\\\d', @map(type='text', regex.A='((.|\\n)*)', @attributes(err='A[1]')))
       define stream Failed (err string);`,
      ['Ok', 'Failed'],
    );
    try {
      const h = app.runtime.getInputHandler('Req');
      h.send(['boom']);
      h.send(['404-me']);
      h.send(['7']);
      await waitFor(() => app.streams.get('Ok')!.length === 1 && app.streams.get('Failed')!.length === 1, 'replies');
      assert.deepEqual(app.streams.get('Ok'), [['Oslo']]);
      assert.deepEqual(app.streams.get('Failed'), [['registry exploded']]);
      await waitFor(() => app.lines.some((l) => /replied 404/.test(l.msg)), 'the 404 to be logged');
      const line = app.lines.find((l) => /replied 404/.test(l.msg))!;
      assert.equal(line.level, 'error');
      assert.match(line.msg, /no http-call-response source with sink\.id 's' takes that status/);
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test("a peer that is down follows on.error: 'STREAM' puts the request on the fault stream", async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('CallDown')
       @OnError(action='STREAM')
       @sink(type='http-call', sink.id='d', publisher.url='http://127.0.0.1:${port}/x', on.error='STREAM', @map(type='json'))
       define stream Req (id string);
       @source(type='http-call-response', sink.id='d', @map(type='json')) define stream Resp (id string);`,
      ['!Req', 'Resp'],
    );
    try {
      app.runtime.getInputHandler('Req').send(['r1']);
      await waitFor(() => app.streams.get('!Req')!.length === 1, 'the fault event');
      const [id, err] = app.streams.get('!Req')![0]!;
      assert.equal(id, 'r1');
      assert.ok(err instanceof Error && /ECONNREFUSED/.test(err.message), String(err));
      assert.deepEqual(app.streams.get('Resp'), []);
    } finally {
      await app.stop();
    }
  });

  test("a peer that is down with on.error='LOG' is logged and counted; the sink keeps calling once it is back", async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('CallDownLog')
       @sink(type='http-call', sink.id='d', publisher.url='http://127.0.0.1:${port}/emp/{{id}}', retry.interval='10', @map(type='json'))
       define stream Req (id string);
       @source(type='http-call-response', sink.id='d', @map(type='json', @attributes(id='trp:id', town='$.town'))) define stream Resp (id string, town string);`,
      ['Resp'],
    );
    let peer: Awaited<ReturnType<typeof registry>> | undefined;
    try {
      const h = app.runtime.getInputHandler('Req');
      h.send(['7']);
      const sink = ioHandles('CallDownLog')!.sinks[0]!;
      await waitFor(() => sink.counters.errors === 1, 'the failed call');
      assert.ok(app.lines.some((l) => l.level === 'error' && /dropped events/.test(l.msg)));
      // The peer comes up on the same port.
      const server = createServer((_req, res) => res.writeHead(200).end('{"town":"Oslo"}'));
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
      peer = { server, port, seen: [] };
      h.send(['7']);
      await waitFor(() => app.streams.get('Resp')!.length === 1, 'a reply after the peer came back');
      assert.deepEqual(app.streams.get('Resp'), [['7', 'Oslo']]);
    } finally {
      await app.stop();
      if (peer) await close(peer.server);
    }
  });

  test('a malformed reply body is a mapping error of the response source (logged with its content)', async () => {
    const peer = await registry();
    const app = await startApp(
      `@App:name('CallGarbled')
       @sink(type='http-call', sink.id='g', publisher.url='http://127.0.0.1:${peer.port}/emp/{{id}}', @map(type='json'))
       define stream Req (id string);
       @source(type='http-call-response', sink.id='g', http.status.code='2\\\\d+', @map(type='json', @attributes(town='$.town')))
       define stream Resp (town string);`,
      ['Resp'],
    );
    try {
      const h = app.runtime.getInputHandler('Req');
      h.send(['garbled']);
      h.send(['7']);
      await waitFor(() => app.streams.get('Resp')!.length === 1, 'the good reply');
      const src = ioHandles('CallGarbled')!.sources[0]!;
      await waitFor(() => src.counters.errors === 1, 'the mapping error');
      const line = app.lines.find((l) => l.level === 'error' && l.payload === '{"town":');
      assert.ok(line, JSON.stringify(app.lines));
      assert.deepEqual(app.streams.get('Resp'), [['Oslo']]);
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test('downloading.enabled writes a 2xx body to download.path and the source gets the path', async () => {
    const peer = await registry();
    const dir = await mkdtemp(join(tmpdir(), 'tributary-call-'));
    const app = await startApp(
      `@App:name('CallDownload')
       @sink(type='http-call', sink.id='dl', method='GET', publisher.url='http://127.0.0.1:${peer.port}/emp/{{id}}',
             downloading.enabled='true', download.path='${dir}/{{id}}.json', @map(type='json'))
       define stream Req (id string);
       @source(type='http-call-response', sink.id='dl', http.status.code='2\\\\d+',
               @map(type='text', regex.A='((.|\\n)*)', @attributes(id='trp:id', file='A[1]')))
       define stream Downloaded (id string, file string);
       @source(type='http-call-response', sink.id='dl', http.status.code='4\\\\d+',
               @map(type='text', regex.A='((.|\\n)*)', @attributes(error='A[1]')))
       define stream Missing (error string);`,
      ['Downloaded', 'Missing'],
    );
    try {
      const h = app.runtime.getInputHandler('Req');
      h.send(['1423']);
      h.send(['5']);
      await waitFor(
        () => app.streams.get('Downloaded')!.length === 1 && app.streams.get('Missing')!.length === 1,
        'both replies',
      );
      assert.deepEqual(app.streams.get('Downloaded'), [['1423', join(dir, '1423.json')]]);
      assert.equal(await readFile(join(dir, '1423.json'), 'utf8'), '{"town":"NY","age":24}');
      assert.deepEqual(app.streams.get('Missing'), [['no employee 5']]);
      assert.equal(peer.seen[0]!.method, 'GET');
      assert.equal(peer.seen[0]!.body, '');
    } finally {
      await app.stop();
      await close(peer.server);
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('options are checked at app creation', async () => {
    await assert.rejects(
      startApp(
        `@sink(type='http-call', publisher.url='http://localhost:1/x', @map(type='json')) define stream S (a string);`,
      ),
      /needs option 'sink\.id'/,
    );
    await assert.rejects(
      startApp(
        `@source(type='http-call-response', sink.id='x', http.status.code='2(', @map(type='json')) define stream S (a string);`,
      ),
      /http\.status\.code '2\(' is not a regular expression/,
    );
    await assert.rejects(
      startApp(
        `@sink(type='http-call', sink.id='x', publisher.url='ftp://localhost/x', @map(type='json')) define stream S (a string);`,
      ),
      /the scheme must be http:\/\/ or https:\/\//,
    );
  });
});
