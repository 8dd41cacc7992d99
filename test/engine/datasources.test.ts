import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger, type LogLine } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { resolveDataSources, type DataSources } from '../../src/lang/datasources.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { parseSiddhiApp } from '../../src/lang/parser/index.js';
import '../../src/io/install.js';
import '../../src/stores/install.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-datasources-'));

function parsed(text: string) {
  const { app } = parseSiddhiApp(text);
  assert.ok(app);
  return app;
}

/** The elements of the first annotation of the first definition after resolution, as [key, value]. */
function resolvedElements(text: string, datasources: DataSources): [string | undefined, string][] {
  const { app, diagnostics } = resolveDataSources(parsed(text), datasources);
  assert.deepEqual(diagnostics, []);
  return app.definitions[0]!.annotations[0]!.elements.map((e) => [e.key, e.value]);
}

/** The diagnostics of creating the app, as `line:column message`. */
function creationErrors(manager: SiddhiManager, text: string): string[] {
  try {
    manager.createSiddhiAppRuntime(text);
  } catch (e) {
    assert.ok(e instanceof SiddhiAppCreationError, String(e));
    return e.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
  }
  assert.fail('expected the creation to fail');
}

const SALES: DataSources = {
  SALES_DB: {
    url: 'jdbc:postgresql://db.example:5432/sales',
    username: 'sales',
    password: 'pw-sales',
    driver: 'org.postgresql.Driver',
    jndiName: 'jdbc/SalesDB',
  },
  LOCAL: { url: 'jdbc:sqlite:/tmp/local.db' },
};

const HOW =
  "pass it in the SiddhiManager's datasources (or setDataSource), or under datasources: or wso2.datasources: in the config file given by --config to tributary run, validate and serve";

describe('datasources: resolution of the annotations', () => {
  test("@store(type='rdbms', datasource=...) takes the datasource's connection; other options stay", () => {
    assert.deepEqual(
      resolvedElements(
        "@store(type='rdbms', datasource='SALES_DB', table.name='orders', field.length='item:40') define table T (item string);",
        SALES,
      ),
      [
        ['jdbc.url', 'jdbc:postgresql://db.example:5432/sales'],
        ['username', 'sales'],
        ['password', 'pw-sales'],
        ['jdbc.driver.name', 'org.postgresql.Driver'],
        ['type', 'rdbms'],
        ['table.name', 'orders'],
        ['field.length', 'item:40'],
      ],
    );
  });

  test('as in RDBMSEventTable, datasource wins over jndi.resource and over the connection options written', () => {
    assert.deepEqual(
      resolvedElements(
        `@Store(type='RDBMS', jdbc.url='jdbc:mysql://other/db', username='u', password='p', jdbc.driver.name='com.mysql.jdbc.Driver',
          jndi.resource='jdbc/SalesDB', pool.properties='maximumPoolSize:5', datasource='LOCAL') define table T (a int);`,
        SALES,
      ),
      [
        ['jdbc.url', 'jdbc:sqlite:/tmp/local.db'],
        ['type', 'RDBMS'],
        ['pool.properties', 'maximumPoolSize:5'],
      ],
    );
  });

  test('jndi.resource finds the datasource of that JNDI name (also written java:comp/env/...)', () => {
    const expected: [string, string][] = [
      ['jdbc.url', 'jdbc:postgresql://db.example:5432/sales'],
      ['username', 'sales'],
      ['password', 'pw-sales'],
      ['jdbc.driver.name', 'org.postgresql.Driver'],
      ['type', 'rdbms'],
    ];
    assert.deepEqual(
      resolvedElements("@store(type='rdbms', jndi.resource='jdbc/SalesDB') define table T (a int);", SALES),
      expected,
    );
    assert.deepEqual(
      resolvedElements(
        "@store(type='rdbms', jndi.resource='java:comp/env/jdbc/SalesDB') define table T (a int);",
        SALES,
      ),
      expected,
    );
  });

  test("@store on define aggregation, and stores of other types, which keep 'datasource' as written", () => {
    const { app } = resolveDataSources(
      parsed(`define stream S (a string, v long);
        @store(type='rdbms', datasource='LOCAL') define aggregation A from S select a, sum(v) as t group by a aggregate every sec ... min;
        @store(type='redis', datasource='LOCAL') define table R (a string);`),
      SALES,
    );
    const [, agg, redis] = app.definitions;
    assert.deepEqual(
      agg!.annotations[0]!.elements.map((e) => [e.key, e.value]),
      [
        ['jdbc.url', 'jdbc:sqlite:/tmp/local.db'],
        ['type', 'rdbms'],
      ],
    );
    assert.deepEqual(
      redis!.annotations[0]!.elements.map((e) => [e.key, e.value]),
      [
        ['type', 'redis'],
        ['datasource', 'LOCAL'],
      ],
    );
  });

  test("@source(type='cdc', mode='polling', datasource.name=...) takes url, username, password and driver", () => {
    assert.deepEqual(
      resolvedElements(
        `@source(type='cdc', mode='polling', url='jdbc:mysql://ignored/db', datasource.name='SALES_DB', table.name='orders',
          polling.column='id', @map(type='keyvalue')) define stream S (id long);`,
        SALES,
      ),
      [
        ['url', 'jdbc:postgresql://db.example:5432/sales'],
        ['username', 'sales'],
        ['password', 'pw-sales'],
        ['jdbc.driver.name', 'org.postgresql.Driver'],
        ['type', 'cdc'],
        ['mode', 'polling'],
        ['table.name', 'orders'],
        ['polling.column', 'id'],
      ],
    );
  });

  test('a datasource of a database Tributary cannot reach is an error naming only its kind', () => {
    const { diagnostics } = resolveDataSources(
      parsed(`@store(type='rdbms', datasource='CARBON') define table T (a int);
@source(type='cdc', mode='polling', datasource.name='LOCAL', table.name='t', polling.column='id', @map(type='keyvalue')) define stream S (id long);`),
      { CARBON: { url: 'jdbc:h2:/opt/wso2/database/CARBON;USER=x;PASSWORD=h2secret' }, LOCAL: SALES['LOCAL']! },
    );
    assert.deepEqual(
      diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`),
      [
        "1:1 @store(type='rdbms', datasource='CARBON'): the datasource's url is a jdbc:h2 database, which @store(type='rdbms') cannot reach; give it a jdbc:sqlite:, jdbc:postgresql:, jdbc:postgres:, jdbc:mysql:, jdbc:mariadb: URL",
        "2:1 @source(type='cdc', datasource.name='LOCAL'): the datasource's url is a jdbc:sqlite database, which @source(type='cdc') cannot reach; give it a jdbc:postgresql:, jdbc:postgres:, jdbc:mysql:, jdbc:mariadb: URL",
      ],
    );
  });
});

describe('datasources: the SiddhiManager', () => {
  const manager = (lines: LogLine[] = [], datasources?: DataSources): SiddhiManager =>
    new SiddhiManager({
      clock: 'virtual',
      startTime: 0,
      logger: memoryLogger(lines),
      ...(datasources ? { datasources } : {}),
    });

  const APP = (store: string): string => `@app:name('Sales')
define stream Sales (item string, qty int);
${store}
@PrimaryKey('item')
define table SalesTable (item string, qty int);
from Sales select item, qty update or insert into SalesTable on SalesTable.item == item;`;

  async function writeAndRead(r: SiddhiAppRuntime): Promise<unknown[][]> {
    await r.startAsync();
    const h = r.getInputHandler('Sales');
    h.send(['tea', 3]);
    h.send(['cake', 1]);
    h.send(['tea', 5]);
    await r.flush();
    const rows = r.query('from SalesTable select item, qty order by item');
    await r.shutdown();
    return rows;
  }

  test('a table on a datasource given at construction: rows written to the SQLite file and read back', async () => {
    const file = join(dir, 'construction.db');
    const lines: LogLine[] = [];
    const r = manager(lines, { SALES_DB: { url: `jdbc:sqlite:${file}` } }).createSiddhiAppRuntime(
      APP("@store(type='rdbms', datasource='SALES_DB')"),
    );
    assert.deepEqual(await writeAndRead(r), [
      ['cake', 1],
      ['tea', 5],
    ]);
    const db = new Database(file, { readonly: true });
    assert.deepEqual(db.prepare('SELECT item, qty FROM SalesTable ORDER BY item').raw().all(), [
      ['cake', 1],
      ['tea', 5],
    ]);
    db.close();
    // every option was used: no warning about 'datasource'
    assert.deepEqual(
      lines.filter((l) => l.level === 'warn'),
      [],
    );
  });

  test('setDataSource names a connection for the apps created afterwards; it replaces one of the same name', async () => {
    const m = manager();
    const app = APP("@store(type='rdbms', jndi.resource='jdbc/Sales')");
    assert.deepEqual(creationErrors(m, app), [
      `3:1 @store(type='rdbms', jndi.resource='jdbc/Sales') names no datasource with that JNDI name: no datasources are configured; give the datasource jndiName: 'jdbc/Sales' (jndiConfig: { name: ... } in wso2.datasources); ${HOW}`,
    ]);
    m.setDataSource('SALES_DB', { url: `jdbc:sqlite:${join(dir, 'first.db')}`, jndiName: 'jdbc/Sales' });
    m.setDataSource('SALES_DB', { url: `jdbc:sqlite:${join(dir, 'set.db')}`, jndiName: 'jdbc/Sales' });
    assert.deepEqual(await writeAndRead(m.createSiddhiAppRuntime(app)), [
      ['cake', 1],
      ['tea', 5],
    ]);
    const db = new Database(join(dir, 'set.db'), { readonly: true });
    assert.deepEqual(db.prepare('SELECT count(*) FROM SalesTable').raw().get(), [2]);
    db.close();
    assert.throws(() => m.setDataSource('EMPTY', { url: ' ' }), /datasource 'EMPTY' needs a url/);
  });

  test('construction and setDataSource together; datasources given to createSiddhiAppRuntime are added', async () => {
    const m = manager([], { A: { url: `jdbc:sqlite:${join(dir, 'a.db')}` } });
    m.setDataSource('B', { url: `jdbc:sqlite:${join(dir, 'b.db')}` });
    const text = `@store(type='rdbms', datasource='A') define table TA (a int);
@store(type='rdbms', datasource='B') define table TB (a int);
@store(type='rdbms', datasource='C') define table TC (a int);`;
    assert.deepEqual(creationErrors(m, text), [
      `3:1 @store(type='rdbms', datasource='C') names no datasource: known datasources are A, B; ${HOW}`,
    ]);
    assert.deepEqual(m.checkSiddhiApp(text).length, 1);
    const r = m.createSiddhiAppRuntime(text + '\ndefine stream S (a int);\nfrom S insert into TC;', {
      datasources: { C: { url: `jdbc:sqlite:${join(dir, 'c.db')}` } },
    });
    await r.startAsync();
    r.getInputHandler('S').send([7]);
    assert.deepEqual(r.query('from TC select a'), [[7]]);
    await r.shutdown();
    // the per-app datasource stays with that app
    assert.deepEqual(m.checkSiddhiApp(text).length, 1);
  });

  test('an unknown datasource is an error at its annotation, with line and column, naming the known ones', () => {
    const m = manager([], SALES);
    assert.deepEqual(
      creationErrors(
        m,
        `define stream S (id long);

  @store(type = 'rdbms', datasource = 'WSO2_TEST_DB')
  define table T (id long);
@source(type='cdc', mode='polling', datasource.name='NOPE', table.name='t', polling.column='id', @map(type='keyvalue'))
define stream C (id long);`,
      ),
      [
        `3:3 @store(type='rdbms', datasource='WSO2_TEST_DB') names no datasource: known datasources are SALES_DB, LOCAL; ${HOW}`,
        `5:1 @source(type='cdc', datasource.name='NOPE') names no datasource: known datasources are SALES_DB, LOCAL; ${HOW}`,
      ],
    );
    // the password of a known datasource is never in the message
    assert.ok(!creationErrors(m, "@store(type='rdbms', datasource='X') define table T (a int);")[0]!.includes('pw-'));
  });

  test('as in siddhi-io-cdc, datasource.name is refused in listening mode', () => {
    assert.deepEqual(
      creationErrors(
        manager([], SALES),
        "@source(type='cdc', datasource.name='SALES_DB', table.name='t', @map(type='keyvalue')) define stream C (id long);",
      ),
      [
        "1:1 @source(type='cdc', datasource.name='SALES_DB'): datasource.name is only for mode='polling' (as in siddhi-io-cdc); listening mode reads the change log over its own connection: give url, username and password, or set mode='polling'",
      ],
    );
  });

  test('a ref may bring the datasource', async () => {
    const m = new SiddhiManager({
      clock: 'virtual',
      startTime: 0,
      logger: memoryLogger(),
      refs: { salesStore: { type: 'rdbms', datasource: 'SALES_DB' } },
      datasources: { SALES_DB: { url: `jdbc:sqlite:${join(dir, 'ref.db')}` } },
    });
    assert.deepEqual(await writeAndRead(m.createSiddhiAppRuntime(APP("@store(ref='salesStore')"))), [
      ['cake', 1],
      ['tea', 5],
    ]);
  });

  test("the sandbox, as Siddhi's: tables lose @store and need no datasource; an aggregation keeps its @store", async () => {
    const m = manager();
    const r = m.createSandboxSiddhiAppRuntime(APP("@store(type='rdbms', datasource='NOWHERE')"));
    assert.deepEqual(await writeAndRead(r), [
      ['cake', 1],
      ['tea', 5],
    ]);
    assert.deepEqual(
      creationErrors(
        m,
        `define stream S (a string, v long);
@store(type='rdbms', datasource='NOWHERE') define aggregation A from S select a, sum(v) as t group by a aggregate every sec ... min;`,
      ),
      [`2:1 @store(type='rdbms', datasource='NOWHERE') names no datasource: no datasources are configured; ${HOW}`],
    );
    assert.throws(
      () =>
        m.createSandboxSiddhiAppRuntime(`define stream S (a string, v long);
@store(type='rdbms', datasource='NOWHERE') define aggregation A from S select a, sum(v) as t group by a aggregate every sec ... min;`),
      /2:1 @store\(type='rdbms', datasource='NOWHERE'\) names no datasource/,
    );
  });
});
