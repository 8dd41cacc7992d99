import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { buildEditorBundle } from '../../scripts/build-web.js';
import { startHarness, VIEWER, type Harness } from './server-harness.js';

const BAD_APP =
  "@app:name('Bad')\n" +
  'define stream S (name string, amount double);\n' +
  'from S[amount > 10]\n' +
  'select nam, amount\n' +
  'insert into Out;\n';
const SYNTAX_ERROR = "@app:name('Broken')\ndefine stream S (name string amount double);\n";
const GOOD_APP = BAD_APP.replace('select nam,', 'select name,');

describe('editor endpoints', () => {
  let h: Harness;
  before(async () => {
    await buildEditorBundle();
    h = await startHarness();
  });
  after(async () => h.close());

  test('GET /editor serves the page and /editor/assets/editor.js its bundle, without credentials', async () => {
    const page = await h.request('GET', '/editor', { auth: null });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(page.text, /<script type="module" src="\/editor\/assets\/editor\.js"><\/script>/);
    const js = await h.request('GET', '/editor/assets/editor.js', { auth: null });
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.ok(js.text.length > 10_000, 'the bundle holds CodeMirror');
    const missing = await h.request('GET', '/editor/assets/nothing.js', { auth: null });
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json, {
      type: 'not-found',
      message: "no editor asset 'nothing.js' in web/dist; build the editor with 'npm run build'",
    });
    const traversal = await h.request('GET', '/editor/assets/..%2Feditor.html', { auth: null });
    assert.equal(traversal.status, 404);
  });

  test('the editor API refuses requests without credentials (401, no browser challenge)', async () => {
    for (const [method, path, body] of [
      ['GET', '/editor/api/catalog', undefined],
      ['POST', '/editor/api/validate', GOOD_APP],
    ] as const) {
      const r = await h.request(method, path, { auth: null, ...(body !== undefined ? { body } : {}) });
      assert.equal(r.status, 401, `${method} ${path}`);
      assert.equal(r.headers.get('www-authenticate'), null);
      assert.deepEqual(r.json, {
        type: 'unauthorized',
        message: 'credentials required (basic auth or a bearer token)',
      });
    }
  });

  test('GET /editor/api/catalog lists the registry with kinds, namespaces, parameters and descriptions', async () => {
    const r = await h.request('GET', '/editor/api/catalog');
    assert.equal(r.status, 200);
    const { extensions } = r.json as { extensions: { kind: string; namespace: string; name: string }[] };
    assert.deepEqual(
      extensions.find((e) => e.kind === 'window' && e.name === 'length'),
      {
        kind: 'window',
        namespace: '',
        name: 'length',
        description:
          'A sliding window that holds the last `window.length` events. When a new event arrives and the window is full, the oldest event leaves (as an expired event) before the new one is emitted.',
        parameters: [
          { name: 'window.length', type: ['int'], description: 'How many events the window holds.', optional: false },
        ],
        options: [],
        returns: [],
      },
    );
    assert.deepEqual(
      extensions.find((e) => e.kind === 'aggregator' && e.name === 'sum'),
      {
        kind: 'aggregator',
        namespace: '',
        name: 'sum',
        description:
          'Returns the sum of the values of the argument over the events in the window (or since the start).',
        parameters: [
          {
            name: 'arg',
            type: ['int', 'long', 'double', 'float'],
            description: 'The value to be summed. Null values are skipped.',
            optional: false,
          },
        ],
        options: [],
        returns: ['long', 'double'],
      },
    );
    const kinds = new Set(extensions.map((e) => e.kind));
    for (const k of ['function', 'aggregator', 'window', 'source', 'sink', 'sourceMapper', 'sinkMapper']) {
      assert.ok(kinds.has(k), `kind ${k} listed`);
    }
    assert.ok(extensions.some((e) => e.kind === 'source' && e.name === 'http'));
  });

  test('POST /editor/api/validate answers ok for a valid app and lists errors with line and column', async () => {
    assert.deepEqual((await h.request('POST', '/editor/api/validate', { body: GOOD_APP })).json, {
      ok: true,
      errors: [],
    });
    const bad = await h.request('POST', '/editor/api/validate', { body: BAD_APP });
    assert.equal(bad.status, 200);
    assert.deepEqual(bad.json, {
      ok: false,
      errors: [
        {
          line: 4,
          column: 8,
          message:
            "unknown attribute 'nam' in 'S': expected one of name, amount; check the spelling or add it to the definition",
        },
      ],
    });
    assert.deepEqual((await h.request('POST', '/editor/api/validate', { body: SYNTAX_ERROR })).json, {
      ok: false,
      errors: [{ line: 2, column: 30, message: "mismatched input 'amount': expected ')'" }],
    });
    // validating deploys nothing
    assert.deepEqual((await h.request('GET', '/siddhi-apps')).json, []);
  });

  test('a viewer may validate (read-only POST); a JSON body is refused with how to send the app', async () => {
    const r = await h.request('POST', '/editor/api/validate', { body: GOOD_APP, auth: VIEWER });
    assert.deepEqual([r.status, r.json], [200, { ok: true, errors: [] }]);
    const json = await h.request('POST', '/editor/api/validate', { body: { app: GOOD_APP } });
    assert.deepEqual(
      [json.status, json.json],
      [400, { type: 'error', message: 'send the SiddhiQL app as the body, with content-type text/plain' }],
    );
  });

  test('the OpenAPI document describes the editor paths', async () => {
    const doc = (await h.request('GET', '/openapi.json', { auth: null })).json as { paths: Record<string, unknown> };
    for (const p of ['/editor', '/editor/assets/{file}', '/editor/api/catalog', '/editor/api/validate']) {
      assert.ok(p in doc.paths, p);
    }
  });
});
