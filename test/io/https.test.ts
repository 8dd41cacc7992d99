import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest, createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ioHandles } from '../../src/index.js';
import { selfSignedCert } from '../self-signed-cert.js';
import { endpointOf, startApp, waitFor } from './helpers.js';

let dir = '';
let key = '';
let cert = '';

/** A self-signed certificate for localhost and 127.0.0.1, valid one day. */
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tributary-tls-'));
  ({ key, cert } = selfSignedCert(dir));
});

after(() => rmSync(dir, { recursive: true, force: true }));

interface Reply {
  status: number;
  text: string;
}

/** POSTs over TLS with node:https; `ca` false sends without trusting the test certificate. */
function postTls(url: string, body: string, opts: { ca?: boolean; clientCert?: boolean } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        ...(opts.ca === false ? {} : { ca: readFileSync(cert) }),
        ...(opts.clientCert ? { key: readFileSync(key), cert: readFileSync(cert) } : {}),
        agent: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function tlsReceiver(): Promise<{ server: Server; port: number; got: string[] }> {
  const got: string[] = [];
  const server = createHttpsServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      got.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port, got };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

describe('https', () => {
  test('an https:// http source serves TLS with tls.key/tls.cert; clients that do not trust it fail', async () => {
    const app = await startApp(
      `@App:name('TlsIn') @source(type='http', receiver.url='https://127.0.0.1:0/in', tls.key='${key}', tls.cert='${cert}', @map(type='json'))
       define stream S (symbol string, price double);`,
      ['S'],
    );
    try {
      const url = endpointOf(app);
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/in$/);
      assert.deepEqual(await postTls(url, '{"event":{"symbol":"WSO2","price":55.5}}'), { status: 200, text: '' });
      await assert.rejects(postTls(url, '{"event":{"symbol":"X","price":1.0}}', { ca: false }), /self-signed/);
      await assert.rejects(fetch(url.replace('https:', 'http:'), { method: 'POST', body: '{}' }));
      assert.deepEqual(app.events, [['WSO2', 55.5]]);
    } finally {
      await app.stop();
    }
  });

  test('the http sink sends to https:// with tls.ca; without it the certificate is refused (on.error)', async () => {
    const peer = await tlsReceiver();
    const app = await startApp(
      `@App:name('TlsOut') define stream In (n long);
       @sink(type='http', publisher.url='https://localhost:${peer.port}/trusted', tls.ca='${cert}', @map(type='json'))
       define stream Trusted (n long);
       @sink(type='http', publisher.url='https://127.0.0.1:${peer.port}/untrusted', @map(type='json'))
       define stream Untrusted (n long);
       @sink(type='http', publisher.url='https://127.0.0.1:${peer.port}/unverified', ssl.verification.disabled='true', @map(type='json'))
       define stream Unverified (n long);
       from In select * insert into Trusted;
       from In select * insert into Untrusted;
       from In select n + 100 as n insert into Unverified;`,
    );
    try {
      app.runtime.getInputHandler('In').send([1]);
      await waitFor(() => peer.got.length === 2, 'two deliveries');
      assert.deepEqual([...peer.got].sort(), ['{"event":{"n":101}}', '{"event":{"n":1}}']);
      const untrusted = ioHandles('TlsOut')!.sinks.find((s) => s.counters.stream === 'Untrusted')!;
      await waitFor(() => untrusted.counters.errors === 1, 'the refused certificate');
      assert.ok(app.lines.some((l) => l.level === 'error' && /self-signed certificate/.test(l.msg)));
    } finally {
      await app.stop();
      await close(peer.server);
    }
  });

  test('request/response over TLS both ways: http-call (tls.ca) to an https http-service', async () => {
    const service = await startApp(
      `@App:name('TlsService')
       @source(type='http-service', receiver.url='https://127.0.0.1:0/square', source.id='sq', tls.key='${key}', tls.cert='${cert}',
               @map(type='json', @attributes(messageId='trp:messageId', x='$.event.x')))
       define stream Req (messageId string, x long);
       @sink(type='http-service-response', source.id='sq', message.id='{{messageId}}', @map(type='json', @payload("""{"square":{{y}}}""")))
       define stream Resp (messageId string, y long);
       from Req select messageId, x * x as y insert into Resp;`,
    );
    const url = endpointOf(service);
    const caller = await startApp(
      `@App:name('TlsCaller')
       @sink(type='http-call', sink.id='sq', publisher.url='${url}', tls.ca='${cert}', @map(type='json'))
       define stream Ask (x long);
       @source(type='http-call-response', sink.id='sq', @map(type='json', @attributes(x='trp:x', square='$.square')))
       define stream Answer (x long, square long);`,
      ['Answer'],
    );
    try {
      const h = caller.runtime.getInputHandler('Ask');
      h.send([7]);
      h.send([12]);
      await waitFor(() => caller.events.length === 2, 'two answers');
      assert.deepEqual(
        [...caller.events].sort((a, b) => (a[0] as number) - (b[0] as number)),
        [
          [7, 49],
          [12, 144],
        ],
      );
    } finally {
      await caller.stop();
      await service.stop();
    }
  });

  test("ssl.verify.client='require': only clients with a certificate the tls.ca trusts get in", async () => {
    const app = await startApp(
      `@App:name('TlsMutual')
       @source(type='http', receiver.url='https://127.0.0.1:0/m', tls.key='${key}', tls.cert='${cert}', tls.ca='${cert}', ssl.verify.client='require', @map(type='json'))
       define stream S (n long);`,
      ['S'],
    );
    try {
      const url = endpointOf(app);
      await assert.rejects(postTls(url, '{"n":1}'));
      assert.equal((await postTls(url, '{"n":2}', { clientCert: true })).status, 200);
      const sender = await startApp(
        `@App:name('TlsMutualOut')
         @sink(type='http', publisher.url='${url}', tls.ca='${cert}', tls.key='${key}', tls.cert='${cert}', @map(type='json'))
         define stream Out (n long);`,
      );
      try {
        sender.runtime.getInputHandler('Out').send([3]);
        await waitFor(() => app.events.length === 2, 'the sink event');
      } finally {
        await sender.stop();
      }
      assert.deepEqual(app.events, [[2], [3]]);
    } finally {
      await app.stop();
    }
  });

  test('TLS options are checked at app creation with clear messages', async () => {
    await assert.rejects(
      startApp(
        `@source(type='http', receiver.url='https://127.0.0.1:0/x', @map(type='json')) define stream S (a string);`,
      ),
      /is https:\/\/ and needs tls\.key and tls\.cert/,
    );
    await assert.rejects(
      startApp(
        `@source(type='http', receiver.url='https://127.0.0.1:0/x', tls.key='${dir}/missing.pem', tls.cert='${cert}', @map(type='json')) define stream S (a string);`,
      ),
      /tls\.key='.*missing\.pem' cannot be read/,
    );
    await assert.rejects(
      startApp(
        `@source(type='http', receiver.url='http://127.0.0.1:0/x', tls.key='${key}', tls.cert='${cert}', @map(type='json')) define stream S (a string);`,
      ),
      /use https:\/\/ to serve TLS/,
    );
  });
});
