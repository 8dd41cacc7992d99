import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHarness, type Harness } from './server-harness.js';

const APP = `@app:name('Orders')
define stream OrderStream (id string, amount double);
@info(name='bigOrders') from OrderStream[amount > 100] select id, amount insert into BigOrders;
`;

describe('/siddhi-apps', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => h.close());

  test('deploys an app (201), saves it in the apps folder, lists it, reports it active and returns its text', async () => {
    const r = await h.request('POST', '/siddhi-apps', { body: APP });
    assert.equal(r.status, 201);
    assert.deepEqual(r.json, { type: 'success', message: "Siddhi app 'Orders' deployed", name: 'Orders' });
    assert.equal(r.headers.get('location'), '/siddhi-apps/Orders');
    assert.equal(readFileSync(join(h.appsDir, 'Orders.siddhi'), 'utf8'), APP);

    assert.deepEqual((await h.request('GET', '/siddhi-apps')).json, ['Orders']);
    assert.deepEqual((await h.request('GET', '/siddhi-apps?isActive=true')).json, ['Orders']);
    assert.deepEqual((await h.request('GET', '/siddhi-apps?isActive=false')).json, []);
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Orders/status')).json, { status: 'active' });
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Orders')).json, { content: APP });
  });

  test('refuses to deploy an app of the same name again (409)', async () => {
    const r = await h.request('POST', '/siddhi-apps', { body: APP });
    assert.equal(r.status, 409);
    assert.equal((r.json as { type: string }).type, 'conflict');
  });

  test('a bad app gets 400 with every error and its line and column', async () => {
    const bad = `@app:name('Bad')
define stream S (a int);
from S[b > 1] select a insert into O;
from T select a insert into O2;
`;
    const r = await h.request('POST', '/siddhi-apps', { body: bad });
    assert.equal(r.status, 400);
    const errors = (r.json as { errors: { line: number; column: number; message: string }[] }).errors;
    assert.equal(errors.length, 2);
    assert.deepEqual(
      errors.map((e) => [e.line, e.column]),
      [
        [3, 8],
        [4, 6],
      ],
    );
    assert.match(errors[0]!.message, /\bb\b/);
    assert.match(errors[1]!.message, /\bT\b/);
    assert.equal((await h.request('GET', '/siddhi-apps/Bad/status')).status, 404);
  });

  test('${NAME} variables come from the environment; the app keeps its text as written', async () => {
    const text = `@app:name('\${TRIBUTARY_TEST_APP}')
define stream S (a int);
from S[a > \${TRIBUTARY_TEST_MIN}] select a insert into O;
`;
    try {
      // Without the name's variable, the error is the missing variable, not the name '${...}'.
      process.env['TRIBUTARY_TEST_MIN'] = '5';
      const unnamed = await h.request('POST', '/siddhi-apps', { body: text });
      assert.equal(unnamed.status, 400);
      assert.deepEqual(
        (unnamed.json as { errors: { line: number; column: number; message: string }[] }).errors.map((e) => [
          e.line,
          e.column,
          e.message,
        ]),
        [
          [
            1,
            12,
            "no value for '${TRIBUTARY_TEST_APP}': set the environment variable TRIBUTARY_TEST_APP (or pass it in the SiddhiManager's variables)",
          ],
        ],
      );
      delete process.env['TRIBUTARY_TEST_MIN'];
      process.env['TRIBUTARY_TEST_APP'] = 'FromEnv';
      const missing = await h.request('POST', '/siddhi-apps', { body: text });
      assert.equal(missing.status, 400);
      assert.deepEqual(
        (missing.json as { errors: { line: number; column: number; message: string }[] }).errors.map((e) => [
          e.line,
          e.column,
          e.message,
        ]),
        [
          [
            3,
            12,
            "no value for '${TRIBUTARY_TEST_MIN}': set the environment variable TRIBUTARY_TEST_MIN (or pass it in the SiddhiManager's variables)",
          ],
        ],
      );
      process.env['TRIBUTARY_TEST_MIN'] = '5';
      const r = await h.request('POST', '/siddhi-apps', { body: text });
      assert.equal(r.status, 201);
      assert.equal((r.json as { name: string }).name, 'FromEnv');
      assert.deepEqual((await h.request('GET', '/siddhi-apps/FromEnv')).json, { content: text });
      assert.equal(readFileSync(join(h.appsDir, 'FromEnv.siddhi'), 'utf8'), text);
      assert.equal((await h.request('DELETE', '/siddhi-apps/FromEnv')).status, 200);
    } finally {
      delete process.env['TRIBUTARY_TEST_APP'];
      delete process.env['TRIBUTARY_TEST_MIN'];
    }
  });

  test('a syntax error names its position', async () => {
    const r = await h.request('POST', '/siddhi-apps', { body: "@app:name('Syn')\ndefine stream S (a int;\n" });
    assert.equal(r.status, 400);
    const errors = (r.json as { errors: { line: number }[] }).errors;
    assert.ok(errors.length >= 1);
    assert.equal(errors[0]!.line, 2);
  });

  test('an app without @app:name is refused with a hint', async () => {
    const r = await h.request('POST', '/siddhi-apps', { body: 'define stream S (a int);\n' });
    assert.equal(r.status, 400);
    assert.match((r.json as { errors: { message: string }[] }).errors[0]!.message, /@app:name/);
  });

  test('an empty body or a JSON body is refused (400)', async () => {
    assert.equal((await h.request('POST', '/siddhi-apps', { body: ' ' })).status, 400);
    assert.equal((await h.request('POST', '/siddhi-apps', { body: { app: APP } })).status, 400);
  });

  test('PUT deploys a new app (201) and updates an existing one (200)', async () => {
    const v1 = "@app:name('Put')\ndefine stream S (a int);\nfrom S select a insert into O;\n";
    const v2 = "@app:name('Put')\ndefine stream S (a int);\nfrom S select a * 2 as a insert into O;\n";
    assert.equal((await h.request('PUT', '/siddhi-apps', { body: v1 })).status, 201);
    assert.equal((await h.request('PUT', '/siddhi-apps', { body: v2 })).status, 200);
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Put')).json, { content: v2 });
    assert.equal(readFileSync(join(h.appsDir, 'Put.siddhi'), 'utf8'), v2);
  });

  test('a bad update keeps the running version', async () => {
    const r = await h.request('PUT', '/siddhi-apps', {
      body: "@app:name('Put')\ndefine stream S (a int);\nfrom X select a insert into O;\n",
    });
    assert.equal(r.status, 400);
    assert.match((await h.request('GET', '/siddhi-apps/Put')).text, /a \* 2/);
    assert.deepEqual((await h.request('GET', '/siddhi-apps/Put/status')).json, { status: 'active' });
  });

  test('DELETE removes the app and its file; then it is unknown (404)', async () => {
    assert.equal((await h.request('DELETE', '/siddhi-apps/Put')).status, 200);
    assert.equal(existsSync(join(h.appsDir, 'Put.siddhi')), false);
    assert.equal((await h.request('GET', '/siddhi-apps/Put')).status, 404);
    assert.equal((await h.request('GET', '/siddhi-apps/Put/status')).status, 404);
    assert.equal((await h.request('DELETE', '/siddhi-apps/Put')).status, 404);
    assert.deepEqual((await h.request('GET', '/siddhi-apps')).json, ['Orders']);
  });

  test('serves its OpenAPI document and a health report without credentials', async () => {
    const doc = await h.request('GET', '/openapi.json', { auth: null });
    assert.equal(doc.status, 200);
    const paths = Object.keys((doc.json as { paths: Record<string, unknown> }).paths);
    for (const p of [
      '/siddhi-apps',
      '/siddhi-apps/{name}/status',
      '/siddhi-apps/{name}/streams/{stream}',
      '/stores/query',
      '/simulation/single',
      '/simulation/feed',
      '/metrics',
    ]) {
      assert.ok(paths.includes(p), p);
    }
    const health = await h.request('GET', '/health', { auth: null });
    assert.equal(health.status, 200);
    assert.deepEqual(health.json, { status: 'UP', live: true, ready: true, apps: { active: 1, inactive: 0 } });
  });
});
