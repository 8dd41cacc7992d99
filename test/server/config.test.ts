import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/server/config/config-error.js';
import { loadConfig } from '../../src/server/config/load-config.js';
import { inMemoryBroker } from '../../src/io/transports/in-memory/broker.js';
import { sendEvent, startHarness, tempDir } from './server-harness.js';

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems.map((p) => `${p.where}: ${p.message} | ${p.fix}`);
  }
  assert.fail('expected a ConfigError');
}

describe('server configuration', () => {
  test('embedded defaults, relative folders resolved against the working directory', () => {
    const c = loadConfig({}, {}, '/srv/x');
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 9090);
    assert.equal(c.appsDir, '/srv/x/apps');
    assert.equal(c.dataDir, '/srv/x/.tributary');
    assert.deepEqual(c.persistence, {
      type: 'sqlite',
      intervalSeconds: 60,
      revisionsToKeep: 3,
      url: undefined,
      incremental: false,
      fullSnapshotEvery: 10,
    });
    assert.equal(c.auth.enabled, true);
  });

  test('file, then environment, then flags', () => {
    const dir = tempDir('config');
    writeFileSync(
      join(dir, 'tributary.yaml'),
      `port: 8000
host: 0.0.0.0
persistence:
  type: file
  interval: 5
auth:
  users:
    - name: ops
      password: pw
      roles: [viewer]
  tokens:
    - token: 0123456789abcdef0123
      user: ops
`,
    );
    const fromFile = loadConfig({}, {}, dir);
    assert.equal(fromFile.port, 8000);
    assert.equal(fromFile.host, '0.0.0.0');
    assert.deepEqual(fromFile.persistence, {
      type: 'file',
      intervalSeconds: 5,
      revisionsToKeep: 3,
      url: undefined,
      incremental: false,
      fullSnapshotEvery: 10,
    });
    assert.deepEqual(fromFile.auth.users, [{ name: 'ops', password: 'pw', roles: ['viewer'] }]);
    assert.deepEqual(fromFile.auth.tokens, [{ token: '0123456789abcdef0123', user: 'ops' }]);
    assert.equal(loadConfig({}, { TRIBUTARY_PORT: '7000' }, dir).port, 7000);
    assert.equal(loadConfig({ port: '6000' }, { TRIBUTARY_PORT: '7000' }, dir).port, 6000);
  });

  test('every problem is reported with where it is and how to fix it', () => {
    const dir = tempDir('config-bad');
    writeFileSync(join(dir, 'tributary.yaml'), `port: high\nprot: 1\npersistence:\n  type: redis\n`);
    assert.deepEqual(
      problems(() => loadConfig({}, { TRIBUTARY_LOG_LEVEL: 'loud' }, dir)),
      [
        `${join(dir, 'tributary.yaml')}:2:1: unknown setting 'prot' | remove it or use one of: host, port, apps, dataDir, statistics, logLevel, aggregationTimeZone, persistence, auth, tls, refs, datasources, wso2.datasources, extensionProperties, siddhi`,
        `${join(dir, 'tributary.yaml')}:1:7 'port': expected an integer from 0 to 65535, got "high" | use a number such as 9090 in the config file`,
        `${join(dir, 'tributary.yaml')}:4:9 'persistence.type': expected one of sqlite, file, postgresql, memory, none, got "redis" | use one of sqlite, file, postgresql, memory, none in the config file`,
        `environment variable TRIBUTARY_LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud" | use one of fatal, error, warn, info, debug, trace, silent`,
      ],
    );
  });

  test('YAML syntax errors, a missing --config file and half a TLS setup are explained', () => {
    const dir = tempDir('config-syntax');
    writeFileSync(join(dir, 'tributary.yaml'), `port: 1\n  host: [\n`);
    const syntax = problems(() => loadConfig({}, {}, dir));
    assert.equal(syntax.length >= 1, true);
    assert.match(syntax[0]!, new RegExp(`^${join(dir, 'tributary.yaml')}:\\d+:\\d+: .*\\| correct the YAML syntax$`));
    assert.deepEqual(
      problems(() => loadConfig({ config: 'nope.yaml' }, {}, dir)),
      [
        `flag --config: the config file '${join(dir, 'nope.yaml')}' does not exist | give the path of a YAML file, or leave --config out to run on the embedded defaults`,
      ],
    );
    assert.deepEqual(
      problems(() => loadConfig({}, { TRIBUTARY_TLS_CERT: 'c.pem' }, '/')),
      [
        'tls: TLS needs both a certificate and a key; only one is set | set both tls.cert and tls.key (or TRIBUTARY_TLS_CERT and TRIBUTARY_TLS_KEY), or neither',
        "tls.cert: the TLS certificate file '/c.pem' does not exist | give the path of a PEM file",
      ],
    );
  });

  test('aggregationTimeZone: unset by default, from the file or TRIBUTARY_AGGREGATION_TIME_ZONE, checked', () => {
    assert.equal(loadConfig({}, {}, '/srv/x').aggregationTimeZone, undefined);
    const dir = tempDir('config-tz');
    writeFileSync(join(dir, 'tributary.yaml'), `aggregationTimeZone: Asia/Singapore\n`);
    assert.equal(loadConfig({}, {}, dir).aggregationTimeZone, 'Asia/Singapore');
    assert.equal(loadConfig({}, { TRIBUTARY_AGGREGATION_TIME_ZONE: '+05:30' }, dir).aggregationTimeZone, '+05:30');
    writeFileSync(join(dir, 'tributary.yaml'), `aggregationTimeZone: Asia/Singapo\n`);
    assert.deepEqual(
      problems(() => loadConfig({}, {}, dir)),
      [
        `${join(dir, 'tributary.yaml')}:1:22 'aggregationTimeZone': 'Asia/Singapo' is not a known time zone | use an IANA zone id such as 'Asia/Singapore' or 'America/New_York', 'UTC', or an offset such as '+05:30' in the config file`,
      ],
    );
  });

  test('the server buckets aggregations in its aggregationTimeZone', async () => {
    const h = await startHarness({ config: { aggregationTimeZone: 'Asia/Singapore' } });
    try {
      const app = `@app:name('Tz')
define stream S (symbol string, price double, ts long);
define aggregation A from S select symbol, sum(price) as total group by symbol aggregate by ts every day;`;
      assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
      await sendEvent(h, 'Tz', 'S', ['WSO2', 5, Date.parse('2020-01-01T17:00:00Z')]); // 01:00 on Jan 2 in Singapore
      const r = await h.request('POST', '/stores/query', {
        body: { appName: 'Tz', query: `from A within 0L, 1700000000000L per 'days' select AGG_TIMESTAMP, total` },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as { records: unknown[] }).records, [[Date.parse('2020-01-01T16:00:00Z'), 5]]);
    } finally {
      await h.close();
    }
  });
  test('refs: a map of names, or WSO2 SI deployment.yaml list of ref entries; each needs a type', () => {
    const dir = tempDir('config');
    writeFileSync(
      join(dir, 'tributary.yaml'),
      'refs:\n  orders: { type: inMemory, topic: Orders }\n  store1: { type: rdbms, jdbc.url: "jdbc:sqlite::memory:", pool.size: 4 }\n',
    );
    assert.deepEqual(loadConfig({}, {}, dir).refs, {
      orders: { type: 'inMemory', topic: 'Orders' },
      store1: { type: 'rdbms', 'jdbc.url': 'jdbc:sqlite::memory:', 'pool.size': '4' },
    });
    writeFileSync(
      join(dir, 'tributary.yaml'),
      'refs:\n  - ref:\n      name: orders\n      type: inMemory\n      properties:\n        topic: Orders\n',
    );
    assert.deepEqual(loadConfig({}, {}, dir).refs, { orders: { type: 'inMemory', topic: 'Orders' } });
    writeFileSync(
      join(dir, 'tributary.yaml'),
      'refs:\n  - ref:\n      name: orders\n      properties: { topic: Orders }\n  - ref: { name: x, type: kafka, props: {} }\n',
    );
    assert.deepEqual(
      problems(() => loadConfig({}, {}, dir)),
      [
        `${join(dir, 'tributary.yaml')}:3:7: ref 'orders' has no type | add \`type: ...\`, the source, sink or store type it configures (e.g. 'kafka', 'rdbms')`,
        `${join(dir, 'tributary.yaml')}:5:10: unknown key(s) props in a ref | a ref has name, type and properties (the options)`,
      ],
    );
  });

  test('the server gives its refs to the apps it deploys', async () => {
    const h = await startHarness({ config: { refs: { ordersIn: { type: 'inMemory', topic: 'RefOrders' } } } });
    try {
      const app = `@app:name('Refs')
@source(ref='ordersIn', @map(type='passThrough'))
define stream S (symbol string, qty int);
define table T (symbol string, qty int);
from S insert into T;`;
      assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
      inMemoryBroker.publish('RefOrders', ['gum', 3]);
      const r = await h.request('POST', '/stores/query', { body: { appName: 'Refs', query: 'from T select *' } });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as { records: unknown[] }).records, [['gum', 3]]);
      const bad = await h.request('POST', '/siddhi-apps', {
        body: `@app:name('NoRef')\n@sink(ref='nowhere', @map(type='json'))\ndefine stream S (a int);`,
      });
      assert.equal(bad.status, 400);
      assert.match(bad.text, /ref='nowhere'\) names no configuration: known refs are ordersIn/);
    } finally {
      await h.close();
    }
  });
});
