import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { PostgresPersistenceStore } from '../../src/server/persistence/postgres-persistence-store.js';
import { loadConfig } from '../../src/server/config/load-config.js';
import { sendEvent, startHarness, storeQuery, tempDir } from './server-harness.js';

const URL = 'postgresql://postgres@127.0.0.1:5432/test';
const TABLE = `tributary_revisions_test_${process.pid}`;

const APP = `@app:name('PgInc')
define stream S (v int);
define table Totals (total long);
from S#window.length(3) select sum(v) as total insert into Totals;`;

async function dropTables(): Promise<void> {
  const c = new pg.Client({ connectionString: URL });
  await c.connect();
  await c.query(`DROP TABLE IF EXISTS ${TABLE}`);
  await c.query('DROP TABLE IF EXISTS tributary_app_revisions');
  await c.end();
}

describe('PostgreSQL persistence store (real PostgreSQL, db test)', () => {
  before(dropTables);
  after(dropTables);

  test('creates its table, keeps the newest revisions and what an increment builds on, clears', async () => {
    const store = await PostgresPersistenceStore.open({ url: URL, table: TABLE, keep: 2 });
    try {
      await store.save('a', '1_a_x', new Uint8Array([1]));
      await store.save('a', '2_a_x', new Uint8Array([2]));
      await store.save('a', '3_a_x', new Uint8Array([3, 3]));
      await store.save('b', '1_b_x', new Uint8Array([9]));
      assert.deepEqual(await store.revisions('a'), ['2_a_x', '3_a_x']);
      assert.deepEqual(await store.load('a', '3_a_x'), new Uint8Array([3, 3]));
      assert.equal(await store.load('a', '1_a_x'), undefined);
      assert.equal(await store.lastRevision('a'), '3_a_x');
      await store.save('a', '4_a_x_B', new Uint8Array([4]));
      await store.save('a', '5_a_x_I', new Uint8Array([5]));
      await store.save('a', '6_a_x_I', new Uint8Array([6]));
      assert.deepEqual(await store.revisions('a'), ['4_a_x_B', '5_a_x_I', '6_a_x_I'], 'the base stays');
      await store.clear('a');
      assert.deepEqual(await store.revisions('a'), []);
      assert.deepEqual(await store.revisions('b'), ['1_b_x']);
    } finally {
      await store.close();
    }
  });

  test('apps persist and restore through the async methods, incrementally; the sync ones name them', async () => {
    const store = await PostgresPersistenceStore.open({ url: URL, table: TABLE });
    try {
      const manager = (): SiddhiManager =>
        new SiddhiManager({ clock: 'virtual', startTime: 0, persistenceStore: store, incrementalPersistence: true });
      const a = manager().createSiddhiAppRuntime(APP);
      a.start();
      for (const v of [1, 2, 3]) a.getInputHandler('S').send([v]);
      assert.throws(() => a.persist(), /is asynchronous: use persistAsync\(\) instead of persist\(\)/);
      assert.throws(() => a.restoreLastRevision(), /use restoreLastRevisionAsync\(\)/);
      assert.match(await a.persistAsync(), /_B$/);
      a.getInputHandler('S').send([4]);
      const inc = await a.persistAsync();
      assert.match(inc, /_I$/);
      await a.shutdown();

      const b = manager().createSiddhiAppRuntime(APP);
      assert.equal(await b.restoreLastRevisionAsync(), inc);
      b.start();
      b.getInputHandler('S').send([10]);
      assert.deepEqual(b.query('from Totals select total'), [[1], [3], [6], [9], [17]]);
      await assert.rejects(b.restoreRevisionAsync('missing'), /no persisted revision 'missing' of app 'PgInc'/);
      await b.shutdown();
    } finally {
      await store.clear('PgInc');
      await store.close();
    }
  });

  test('an unreachable database or a bad URL is refused without showing the password', async () => {
    await assert.rejects(
      PostgresPersistenceStore.open({ url: 'postgresql://tributary:s3cr3t-pw@127.0.0.1:1/test' }),
      (e: Error) =>
        /PostgreSQL persistence store at 127\.0\.0\.1:1\/test/.test(e.message) && !e.message.includes('s3cr3t'),
    );
    await assert.rejects(
      PostgresPersistenceStore.open({ url: 'mysql://u:s3cr3t-pw@h/db' }),
      (e: Error) => /not a PostgreSQL URL/.test(e.message) && !e.message.includes('s3cr3t'),
    );
  });

  test('config: type postgresql needs a postgresql:// url; the url is refused with other types', () => {
    const cwd = tempDir('pgconf');
    assert.throws(() => loadConfig({}, { TRIBUTARY_PERSISTENCE: 'postgresql' }, cwd), /needs the database's URL/);
    assert.throws(
      () =>
        loadConfig(
          {},
          { TRIBUTARY_PERSISTENCE: 'postgresql', TRIBUTARY_PERSISTENCE_URL: 'http://u:s3cr3t-pw@h/x' },
          cwd,
        ),
      (e: Error) => /not a PostgreSQL URL/.test(e.message) && !e.message.includes('s3cr3t'),
    );
    assert.throws(() => loadConfig({}, { TRIBUTARY_PERSISTENCE_URL: URL }, cwd), /used only with persistence type/);
    const c = loadConfig(
      {},
      {
        TRIBUTARY_PERSISTENCE: 'postgresql',
        TRIBUTARY_PERSISTENCE_URL: URL,
        TRIBUTARY_PERSISTENCE_INCREMENTAL: 'true',
      },
      cwd,
    );
    assert.equal(c.persistence.type, 'postgresql');
    assert.equal(c.persistence.url, URL);
    assert.equal(c.persistence.incremental, true);
    assert.equal(c.persistence.fullSnapshotEvery, 10);
  });

  test('a restarted server continues where it stopped (postgresql persistence, incremental)', async () => {
    const dataDir = tempDir('restart-pg');
    const persistence = {
      type: 'postgresql' as const,
      url: URL,
      intervalSeconds: 0,
      revisionsToKeep: 2,
      incremental: true,
      fullSnapshotEvery: 5,
    };
    const first = await startHarness({ dataDir, config: { persistence } });
    try {
      assert.equal((await first.request('POST', '/siddhi-apps', { body: APP })).status, 201);
      for (const v of [1, 2, 3]) await sendEvent(first, 'PgInc', 'S', [v]);
      const backup = await first.request('POST', '/siddhi-apps/PgInc/backup');
      assert.match((backup.json as { revision: string }).revision, /_B$/);
      await sendEvent(first, 'PgInc', 'S', [4]);
    } finally {
      await first.close(); // persists again: an increment
    }
    assert.ok(!first.logs.some((l) => l.includes(URL)), 'the URL is never logged');
    const second = await startHarness({ dataDir, config: { persistence } });
    try {
      assert.deepEqual(await storeQuery(second, 'PgInc', 'from Totals select total'), [[1], [3], [6], [9]]);
      await sendEvent(second, 'PgInc', 'S', [10]);
      assert.deepEqual(await storeQuery(second, 'PgInc', 'from Totals select total'), [[1], [3], [6], [9], [17]]);
      assert.ok(second.logs.some((l) => /"app":"PgInc".*_I".*"msg":"app state restored"/.test(l)));
    } finally {
      await second.close();
    }
  });
});
