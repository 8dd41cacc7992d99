/** OAuth 2.0 on the http and http-call sinks, against a token endpoint and an API standing in for a real one. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { SiddhiManager, memoryLogger } from '../../src/index.js';
import { startApp, waitFor } from './helpers.js';

interface TokenRequest {
  readonly authorization: string | undefined;
  readonly form: Record<string, string>;
}

interface ApiRequest {
  readonly authorization: string | undefined;
  readonly body: string;
}

/**
 * One server with `/token` (answers `tokens` in turn: [status, JSON body]) and `/api` (200 for a
 * `Bearer <valid>` token, else 401; `valid` can be changed, as when a token expires).
 */
async function authServer(
  valid: string,
  tokens: [number, Record<string, string>][],
): Promise<{ url: string; server: Server; tokenRequests: TokenRequest[]; api: ApiRequest[]; valid: string }> {
  const tokenRequests: TokenRequest[] = [];
  const api: ApiRequest[] = [];
  let next = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      if (req.url === '/token') {
        tokenRequests.push({
          authorization: req.headers.authorization,
          form: Object.fromEntries(new URLSearchParams(body)),
        });
        const [status, json] = tokens[Math.min(next++, tokens.length - 1)]!;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
        return;
      }
      api.push({ authorization: req.headers.authorization, body });
      const ok = req.headers.authorization === `Bearer ${state.valid}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain' }).end(ok ? 'accepted' : 'expired');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const state = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    server,
    tokenRequests,
    api,
    valid,
  };
  return state;
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

const BASIC = `Basic ${Buffer.from('addConsumerKey:addConsumerSecret').toString('base64')}`;

function sinkApp(name: string, url: string, options: string): string {
  return `@App:name('${name}')
    define stream In (message string, headers string, refreshToken string);
    @sink(type='http', publisher.url='${url}/api', method='POST', headers='{{headers}}', consumer.key='addConsumerKey', consumer.secret='addConsumerSecret', token.url='${url}/token', ${options} @map(type='text', @payload('{{message}}')))
    define stream Out (message string, headers string, refreshToken string);
    from In select * insert into Out;`;
}

describe('http sink with OAuth 2.0', () => {
  test('a valid access token in headers is used as it is', async () => {
    const a = await authServer('yyyyy', []);
    const app = await startApp(sinkApp('OAuthValid', a.url, ''));
    try {
      app.runtime.getInputHandler('In').send(['<a>1</a>', "'Authorization: Bearer yyyyy'", '']);
      await waitFor(() => a.api.length === 1, 'the request');
      assert.deepEqual(a.api, [{ authorization: 'Bearer yyyyy', body: '<a>1</a>' }]);
      assert.deepEqual(a.tokenRequests, []);
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('without a token, one is got with the client-credentials grant and kept for later requests', async () => {
    const a = await authServer('fresh', [[200, { access_token: 'fresh' }]]);
    const app = await startApp(sinkApp('OAuthNoToken', a.url, ''));
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['one', "'X-Company: wso2'", '']);
      await waitFor(() => a.api.length === 1, 'the first request');
      h.send(['two', "'X-Company: wso2'", '']);
      await waitFor(() => a.api.length === 2, 'the second request');
      assert.deepEqual(a.tokenRequests, [{ authorization: BASIC, form: { grant_type: 'client_credentials' } }]);
      assert.deepEqual(a.api, [
        { authorization: 'Bearer fresh', body: 'one' },
        { authorization: 'Bearer fresh', body: 'two' },
      ]);
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('an expired token gets a 401: a new one is got and the request sent again', async () => {
    const a = await authServer('renewed', [[200, { access_token: 'renewed' }]]);
    const app = await startApp(sinkApp('OAuthExpired', a.url, ''));
    try {
      app.runtime.getInputHandler('In').send(['m', "'Authorization:  Bearer xxxxx'", '']);
      await waitFor(() => a.api.length === 2, 'the request, then its retry');
      assert.deepEqual(a.api, [
        { authorization: 'Bearer xxxxx', body: 'm' },
        { authorization: 'Bearer renewed', body: 'm' },
      ]);
      assert.deepEqual(a.tokenRequests, [{ authorization: BASIC, form: { grant_type: 'client_credentials' } }]);
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('oauth.username and oauth.password: the password grant, with oauth.scope', async () => {
    const a = await authServer('pw', [[200, { access_token: 'pw' }]]);
    const app = await startApp(
      sinkApp('OAuthPassword', a.url, "oauth.username='admin', oauth.password='admin', oauth.scope='read',"),
    );
    try {
      app.runtime.getInputHandler('In').send(['m', "'Authorization:  Bearer xxxxx'", '']);
      await waitFor(() => a.api.length === 2, 'the request, then its retry');
      assert.deepEqual(a.tokenRequests, [
        { authorization: BASIC, form: { grant_type: 'password', username: 'admin', password: 'admin', scope: 'read' } },
      ]);
      assert.equal(a.api[1]!.authorization, 'Bearer pw');
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('refresh.token (from the event): the refresh grant; the refresh token it returns is used next', async () => {
    const a = await authServer('r1', [
      [200, { access_token: 'r1', refresh_token: 'next-refresh' }],
      [200, { access_token: 'r2', refresh_token: 'third-refresh' }],
    ]);
    const app = await startApp(sinkApp('OAuthRefresh', a.url, "refresh.token='{{refreshToken}}',"));
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['one', "'Authorization:  Bearer xxxxx'", 'ppppp']);
      await waitFor(() => a.api.length === 2, 'the request, then its retry');
      assert.deepEqual(a.tokenRequests, [
        { authorization: BASIC, form: { grant_type: 'refresh_token', refresh_token: 'ppppp' } },
      ]);
      assert.equal(a.api[1]!.authorization, 'Bearer r1');
      a.valid = 'r2'; // r1 expires
      h.send(['two', "'Authorization:  Bearer xxxxx'", 'ppppp']);
      await waitFor(() => a.api.length === 4, 'the second message, then its retry');
      assert.deepEqual(a.tokenRequests[1], {
        authorization: BASIC,
        form: { grant_type: 'refresh_token', refresh_token: 'next-refresh' },
      });
      assert.deepEqual(
        a.api.map((r) => [r.authorization, r.body]),
        [
          ['Bearer xxxxx', 'one'],
          ['Bearer r1', 'one'],
          ['Bearer r1', 'two'],
          ['Bearer r2', 'two'],
        ],
      );
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('a refused refresh token falls back to the client-credentials grant', async () => {
    const a = await authServer('cc', [
      [401, { error: 'invalid_grant' }],
      [200, { access_token: 'cc' }],
    ]);
    const app = await startApp(sinkApp('OAuthRefreshRefused', a.url, "refresh.token='{{refreshToken}}',"));
    try {
      app.runtime.getInputHandler('In').send(['m', "'Authorization:  Bearer xxxxx'", 'zzzzz']);
      await waitFor(() => a.api.length === 2, 'the request, then its retry');
      assert.deepEqual(
        a.tokenRequests.map((r) => r.form),
        [{ grant_type: 'refresh_token', refresh_token: 'zzzzz' }, { grant_type: 'client_credentials' }],
      );
      assert.equal(a.api[1]!.authorization, 'Bearer cc');
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('a token endpoint that refuses the client: the message fails with why, nothing is sent', async () => {
    const a = await authServer('never', [[401, { error: 'invalid_client' }]]);
    const app = await startApp(sinkApp('OAuthRefused', a.url, ''));
    try {
      app.runtime.getInputHandler('In').send(['m', "'X-A: b'", '']);
      await waitFor(() => app.lines.some((l) => l.level === 'error'), 'the failure');
      const line = app.lines.find((l) => l.level === 'error')!;
      assert.match(
        line.msg,
        /could not get an OAuth 2\.0 access token: http:\/\/127\.0\.0\.1:\d+\/token replied 401 \(Authentication Failure: check consumer\.key, consumer\.secret/,
      );
      assert.deepEqual(a.api, []);
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('http-call: the reply to a request sent with a renewed token reaches http-call-response', async () => {
    const a = await authServer('call', [[200, { access_token: 'call' }]]);
    const app = await startApp(
      `@App:name('OAuthCall')
      define stream In (message string);
      @sink(type='http-call', sink.id='c1', publisher.url='${a.url}/api', headers="'Authorization: Bearer old'", consumer.key='addConsumerKey', consumer.secret='addConsumerSecret', token.url='${a.url}/token', @map(type='text', @payload('{{message}}')))
      define stream Out (message string);
      @source(type='http-call-response', sink.id='c1', http.status.code='200', @map(type='text', regex.A='(\\w+)', @attributes(reply='A[1]')))
      define stream Replies (reply string);
      from In select * insert into Out;`,
      ['Replies'],
    );
    try {
      app.runtime.getInputHandler('In').send(['hello']);
      await waitFor(() => app.events.length === 1, 'the reply');
      assert.deepEqual(app.events, [['accepted']]);
      assert.deepEqual(
        a.api.map((r) => r.authorization),
        ['Bearer old', 'Bearer call'],
      );
    } finally {
      await app.stop();
      await close(a.server);
    }
  });

  test('OAuth without token.url is a creation error', async () => {
    const m = new SiddhiManager({ logger: memoryLogger() });
    try {
      assert.throws(
        () =>
          m.createSiddhiAppRuntime(
            `@sink(type='http', publisher.url='http://localhost:8005/abc', consumer.key='k', consumer.secret='s', @map(type='json')) define stream S (a string);`,
          ),
        /1:1 http sink uses OAuth 2\.0 \(consumer\.key, oauth\.username\) and needs token\.url/,
      );
    } finally {
      await m.shutdown();
    }
  });
});
