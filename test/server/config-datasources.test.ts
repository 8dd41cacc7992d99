import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/server/config/config-error.js';
import { loadConfig } from '../../src/server/config/load-config.js';
import { startHarness, tempDir } from './server-harness.js';

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ConfigError, String(e));
    return e.problems.map((p) => `${p.where}: ${p.message} | ${p.fix}`);
  }
  assert.fail('expected a ConfigError');
}

/** Writes `text` as tributary.yaml of a new folder; returns the folder and the file. */
function configFile(text: string): { dir: string; file: string } {
  const dir = tempDir('config-ds');
  writeFileSync(join(dir, 'tributary.yaml'), text);
  return { dir, file: join(dir, 'tributary.yaml') };
}

/**
 * An excerpt of WSO2 SI's deployment.yaml (conf/server/deployment.yaml of wso2/streaming-integrator) with a
 * datasource of the user's added, as users bring it.
 */
const DEPLOYMENT_YAML = `# Carbon Configuration Parameters
wso2.carbon:
  type: wso2-streaming-integrator
  id: wso2-si
  name: WSO2 Streaming Integrator
  ports:
    offset: 0

wso2.transport.http:
  transportProperties:
    - name: "server.bootstrap.socket.timeout"
      value: 60
  listenerConfigurations:
    - id: "default"
      host: "0.0.0.0"
      port: 9090

siddhi.stores.query.api:
  transportProperties:
    - name: "server.bootstrap.socket.timeout"
      value: 60

state.persistence:
  enabled: false
  intervalInMin: 1
  revisionsToKeep: 2
  persistenceStore: org.wso2.carbon.streaming.integrator.core.persistence.FileSystemPersistenceStore
  config:
    location: siddhi-app-persistence

wso2.datasources:
  dataSources:
    - name: WSO2_CARBON_DB
      description: The datasource used by the registry and user manager
      definition:
        type: RDBMS
        configuration:
          jdbcUrl: 'jdbc:h2:\${sys:carbon.home}/wso2/\${sys:wso2.runtime}/database/WSO2_CARBON_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000'
          username: wso2carbon
          password: wso2carbon
          driverClassName: org.h2.Driver
          maxPoolSize: 10
          idleTimeout: 60000
          connectionTestQuery: SELECT 1
          validationTimeout: 30000
          isAutoCommit: false
    - name: SALES_DB
      description: "The sales database"
      jndiConfig:
        name: jdbc/SalesDB
        useJndiReference: true
      definition:
        type: RDBMS
        configuration:
          jdbcUrl: 'jdbc:mysql://127.0.0.1:3306/test?useSSL=false'
          username: root
          password: '\${env:SALES_DB_PASSWORD}'
          driverClassName: com.mysql.jdbc.Driver
          maxPoolSize: 50
          idleTimeout: 60000
          connectionTestQuery: SELECT 1
          validationTimeout: 30000
          isAutoCommit: false

siddhi:
  properties:
    shardId: wso2-si
  refs:
    - ref:
        name: 'salesStore'
        type: 'rdbms'
        properties:
          datasource: SALES_DB
  extensions:
    - extension:
        name: cud
        namespace: rdbms
        properties:
          perform.CUD.operations: true
    - extension:
        name: 'http'
        namespace: 'source'
        properties:
          keyStoreLocation: '\${carbon.home}/resources/security/wso2carbon.jks'
          keyStorePassword: wso2carbon

cluster.config:
  enabled: false
  groupId: si
`;

describe('datasources and extension properties of the config file', () => {
  test("WSO2 SI's deployment.yaml, as it is: its datasources, refs and extensions read, the rest ignored with a warning", () => {
    const { dir, file } = configFile(DEPLOYMENT_YAML);
    const c = loadConfig({}, { SALES_DB_PASSWORD: 'from-the-env' }, dir);
    assert.deepEqual(c.datasources, {
      WSO2_CARBON_DB: {
        url: 'jdbc:h2:${sys:carbon.home}/wso2/${sys:wso2.runtime}/database/WSO2_CARBON_DB;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=60000',
        username: 'wso2carbon',
        password: 'wso2carbon',
        driver: 'org.h2.Driver',
      },
      SALES_DB: {
        url: 'jdbc:mysql://127.0.0.1:3306/test?useSSL=false',
        username: 'root',
        password: 'from-the-env',
        driver: 'com.mysql.jdbc.Driver',
        jndiName: 'jdbc/SalesDB',
      },
    });
    assert.deepEqual(c.refs, { salesStore: { type: 'rdbms', datasource: 'SALES_DB' } });
    assert.deepEqual(c.extensionProperties, {
      'rdbms:cud': { 'perform.CUD.operations': 'true' },
      'source:http': {
        keyStoreLocation: '${carbon.home}/resources/security/wso2carbon.jks',
        keyStorePassword: 'wso2carbon',
      },
    });
    assert.deepEqual(
      (c.warnings ?? []).map((w) => `${w.where}: ${w.message} | ${w.fix}`),
      [
        `${file}:2:1: WSO2 SI setting(s) wso2.carbon, wso2.transport.http, siddhi.stores.query.api, state.persistence, siddhi.properties, cluster.config not used by Tributary; ignored | nothing to do (of a deployment.yaml, Tributary reads wso2.datasources and siddhi: extensions and refs); remove them to silence this`,
      ],
    );
    // Tributary's own settings keep their defaults.
    assert.equal(c.port, 9090);
    assert.equal(c.persistence.type, 'sqlite');
  });

  test("the map form, with Tributary's or WSO2's key names; values as text, ${env:NAME} from the environment", () => {
    const { dir } = configFile(`datasources:
  SALES_DB:
    url: 'jdbc:postgresql://127.0.0.1:5432/test'
    username: postgres
    password: \${env:PG_PASSWORD}
    driver: org.postgresql.Driver
    jndiName: jdbc/SalesDB
  LOCAL: { jdbcUrl: 'jdbc:sqlite:local.db', driverClassName: org.sqlite.JDBC }
extensionProperties:
  rdbms:cud: { perform.CUD.operations: true, batch.size: 100 }
`);
    const c = loadConfig({}, { PG_PASSWORD: 'pw' }, dir);
    assert.deepEqual(c.datasources, {
      SALES_DB: {
        url: 'jdbc:postgresql://127.0.0.1:5432/test',
        username: 'postgres',
        password: 'pw',
        driver: 'org.postgresql.Driver',
        jndiName: 'jdbc/SalesDB',
      },
      LOCAL: { url: 'jdbc:sqlite:local.db', driver: 'org.sqlite.JDBC' },
    });
    assert.deepEqual(c.extensionProperties, { 'rdbms:cud': { 'perform.CUD.operations': 'true', 'batch.size': '100' } });
    assert.deepEqual(c.warnings, []);
  });

  test('both forms together share one set of names', () => {
    const { dir, file } = configFile(`datasources:
  A: { url: 'jdbc:sqlite:a.db' }
  B: { url: 'jdbc:sqlite:b.db' }
wso2.datasources:
  dataSources:
    - name: B
      definition: { type: RDBMS, configuration: { jdbcUrl: 'jdbc:sqlite:b2.db' } }
    - name: C
      definition: { type: rdbms, configuration: { jdbcUrl: 'jdbc:sqlite:c.db' } }
extensionProperties:
  rdbms:cud: { perform.CUD.operations: 'false' }
siddhi:
  extensions:
    - extension: { name: cud, namespace: rdbms, properties: { perform.CUD.operations: true } }
`);
    assert.deepEqual(
      problems(() => loadConfig({}, {}, dir)),
      [
        `${file}:6:7: datasource 'B' is defined twice | keep one of them (datasources: and wso2.datasources: share one set of names)`,
        `${file}:14:61: extension 'rdbms:cud' is configured twice | keep one of them (extensionProperties: and siddhi.extensions share one set of names)`,
      ],
    );
  });

  test('every problem of a datasource with where it is and how to fix it, never showing a password', () => {
    const { dir, file } = configFile(`datasources:
  NO_URL: { username: u, password: Secret1 }
  TWO_URLS: { url: 'jdbc:sqlite:a.db', jdbcUrl: 'jdbc:sqlite:b.db', password: Secret2 }
  TYPO: { url: 'jdbc:sqlite:a.db', pasword: Secret3 }
  UNSET: { url: 'jdbc:sqlite:a.db', password: '\${env:NOT_SET_ANYWHERE}' }
wso2.datasources:
  dataSources:
    - name: LDAP
      definition: { type: LDAP, configuration: { url: 'ldap://x' } }
    - name: NO_JDBC_URL
      definition: { type: RDBMS, configuration: { url: 'jdbc:sqlite:a.db', password: Secret4 } }
    - description: no name
    - name: ODD
      jndi: { name: jdbc/X }
`);
    const found = problems(() => loadConfig({}, {}, dir));
    assert.deepEqual(found, [
      `${file}:2:11: datasource 'NO_URL' has no url | add \`url: jdbc:postgresql://host:5432/db\` (or jdbc:mysql://, jdbc:mariadb://, jdbc:sqlite:FILE)`,
      `${file}:3:49: datasource 'TWO_URLS' gives its URL twice | keep one of url and jdbcUrl`,
      `${file}:4:45: unknown key(s) pasword in datasource 'TYPO' | use url, jdbcUrl, username, password, driver, driverClassName, jndiName`,
      `${file}:5:47: 'password' names the environment variable NOT_SET_ANYWHERE, which is not set | set NOT_SET_ANYWHERE, or write the value in the file`,
      `${file}:9:27: datasource 'LDAP' is of type 'LDAP'; Tributary reads RDBMS datasources only | give it \`definition: { type: RDBMS, configuration: { jdbcUrl: ..., username: ..., password: ... } }\`, or remove it`,
      `${file}:11:49: datasource 'NO_JDBC_URL' has no jdbcUrl | add \`jdbcUrl: jdbc:postgresql://host:5432/db\` (or jdbc:mysql://, jdbc:mariadb://, jdbc:sqlite:FILE)`,
      `${file}:12:7: datasource 3 of wso2.datasources has no name | give it \`name: <datasource name>\``,
      `${file}:14:13: unknown key(s) jndi in datasource 'ODD' | a datasource has name, description, jndiConfig, definition`,
    ]);
    assert.ok(!/Secret\d/.test(found.join('\n')));
  });

  test('siddhi holds extensions, refs and properties; refs in both refs and siddhi.refs share one set of names', () => {
    const { dir, file } = configFile(`refs:
  out: { type: log }
siddhi:
  refs:
    - ref: { name: out, type: inMemory, properties: { topic: T } }
  extension:
    - extension: { name: cud, namespace: rdbms }
`);
    assert.deepEqual(
      problems(() => loadConfig({}, {}, dir)),
      [
        `${file}:6:3: unknown setting 'siddhi.extension' | remove it or use one of: siddhi.refs, siddhi.extensions`,
        `${file}:5:5: ref 'out' is defined in both refs and siddhi.refs | keep one of them`,
      ],
    );
  });

  test('the server gives its datasources to the apps it deploys', async () => {
    const dataDir = tempDir('data');
    const h = await startHarness({
      dataDir,
      config: { datasources: { SALES_DB: { url: `jdbc:sqlite:${join(dataDir, 'sales.db')}` } } },
    });
    try {
      const app = `@app:name('Sales')
define stream S (item string, qty int);
@store(type='rdbms', datasource='SALES_DB')
define table SalesTable (item string, qty int);
from S insert into SalesTable;`;
      assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
      const sent = await h.request('POST', '/simulation/single', {
        body: { siddhiAppName: 'Sales', streamName: 'S', data: ['tea', 3] },
      });
      assert.equal(sent.status, 200, sent.text);
      const r = await h.request('POST', '/stores/query', {
        body: { appName: 'Sales', query: 'from SalesTable select *' },
      });
      assert.equal(r.status, 200, r.text);
      assert.deepEqual((r.json as { records: unknown[] }).records, [['tea', 3]]);
      const bad = await h.request('POST', '/siddhi-apps', {
        body: `@app:name('NoDs')\n@store(type='rdbms', datasource='WSO2_TEST_DB')\ndefine table T (a int);`,
      });
      assert.equal(bad.status, 400);
      assert.match(
        bad.text,
        /2:1 @store\(type='rdbms', datasource='WSO2_TEST_DB'\) names no datasource: known datasources are SALES_DB/,
      );
    } finally {
      await h.close();
    }
  });
});
