import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { selfSignedCert } from '../self-signed-cert.js';
import { ADMIN, startHarness, tempDir, VIEWER, VIEWER_TOKEN, type Harness } from './server-harness.js';

const APP = "@app:name('Guarded')\ndefine stream S (v int);\nfrom S select v insert into O;\n";

describe('authentication', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
  });
  after(async () => h.close());

  test('management, store, simulation and error-store APIs refuse requests without credentials (401)', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/siddhi-apps'],
      ['POST', '/siddhi-apps', APP],
      ['GET', '/siddhi-apps/Guarded/status'],
      ['POST', '/stores/query', { appName: 'Guarded', query: 'from T select *' }],
      ['POST', '/simulation/single', { siddhiAppName: 'Guarded', streamName: 'S', data: [1] }],
      ['GET', '/error-store/Guarded'],
    ];
    for (const [method, path, body] of calls) {
      const r = await h.request(method, path, { auth: null, ...(body !== undefined ? { body } : {}) });
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.match(r.headers.get('www-authenticate') ?? '', /Basic/);
    }
  });

  test('wrong passwords and unknown tokens get 401', async () => {
    assert.equal((await h.request('GET', '/siddhi-apps', { auth: { user: 'admin', password: 'nope' } })).status, 401);
    assert.equal((await h.request('GET', '/siddhi-apps', { auth: { user: 'ghost', password: 'x' } })).status, 401);
    assert.equal((await h.request('GET', '/siddhi-apps', { auth: { token: 'not-a-configured-token' } })).status, 401);
  });

  test('a viewer may read (basic or bearer) but not change anything (403)', async () => {
    assert.deepEqual((await h.request('GET', '/siddhi-apps', { auth: VIEWER })).json, ['Guarded']);
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Guarded/status', { auth: { token: VIEWER_TOKEN } })).json, {
      status: 'active',
    });
    const del = await h.request('DELETE', '/siddhi-apps/Guarded', { auth: VIEWER });
    assert.equal(del.status, 403);
    assert.match((del.json as { message: string }).message, /role admin/);
    const sim = await h.request('POST', '/simulation/single', {
      auth: { token: VIEWER_TOKEN },
      body: { siddhiAppName: 'Guarded', streamName: 'S', data: [1] },
    });
    assert.equal(sim.status, 403);
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Guarded/status')).json, { status: 'active' });
  });

  test('the admin may change things; health, metrics and the OpenAPI document need no credentials', async () => {
    assert.equal((await h.request('DELETE', '/siddhi-apps/Guarded', { auth: ADMIN })).status, 200);
    for (const p of ['/health', '/health/live', '/health/ready', '/metrics', '/openapi.json']) {
      assert.equal((await h.request('GET', p, { auth: null })).status, 200, p);
    }
  });
});

describe('the admin password', () => {
  test('TRIBUTARY_ADMIN_PASSWORD sets it', async () => {
    const h = await startHarness({
      config: { auth: { enabled: true, users: [], tokens: [] } },
      start: { env: { TRIBUTARY_ADMIN_PASSWORD: 'from-env' } },
    });
    try {
      assert.equal(
        (await h.request('GET', '/siddhi-apps', { auth: { user: 'admin', password: 'from-env' } })).status,
        200,
      );
      assert.equal((await h.request('GET', '/siddhi-apps', { auth: ADMIN })).status, 401);
    } finally {
      await h.close();
    }
  });

  test('without one, a password is generated at first start, told once, kept hashed and used again', async () => {
    const dataDir = tempDir('admin');
    const told: string[] = [];
    const config = { auth: { enabled: true, users: [], tokens: [] } };
    const start = { env: {}, onGeneratedPassword: (p: string) => told.push(p) };
    const first = await startHarness({ dataDir, config, start });
    assert.equal(told.length, 1);
    const password = told[0]!;
    const stored = readFileSync(join(dataDir, 'admin-password'), 'utf8');
    assert.match(stored, /^scrypt\$/);
    assert.equal(stored.includes(password), false);
    assert.equal((await first.request('GET', '/siddhi-apps', { auth: { user: 'admin', password } })).status, 200);
    await first.close();

    const second = await startHarness({ dataDir, config, start });
    try {
      assert.equal(told.length, 1);
      assert.equal((await second.request('GET', '/siddhi-apps', { auth: { user: 'admin', password } })).status, 200);
      assert.equal(
        (await second.request('GET', '/siddhi-apps', { auth: { user: 'admin', password: 'x' } })).status,
        401,
      );
    } finally {
      await second.close();
    }
  });
});

describe('TLS', () => {
  test('serves HTTPS with the configured certificate and key', async () => {
    const { cert, key } = selfSignedCert(tempDir('tls'));
    const h = await startHarness({ config: { tls: { cert, key } } });
    try {
      assert.match(h.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        const req = httpsRequest(`${h.url}/health/live`, { ca: readFileSync(cert) }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(`${res.statusCode} ${text}`));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(body, '200 {"status":"UP"}');
    } finally {
      await h.close();
    }
  });
});
