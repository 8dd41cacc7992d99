import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startHarness, storeQuery, type Harness } from './server-harness.js';

const APP = `@app:name('Sim')
define stream Readings (sensor string, value double, ok bool, count int);
define table Seen (sensor string, value double, ok bool, count int, ts long);
from Readings select sensor, value, ok, count, eventTimestamp() as ts insert into Seen;
`;

interface Progress {
  id: string;
  status: string;
  eventsSent: number;
  totalEvents?: number;
  error?: string;
}

describe('simulation', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
  });
  after(async () => h.close());

  const clear = (): Promise<unknown> =>
    h.request('POST', '/stores/query', { body: { appName: 'Sim', query: 'delete Seen on count >= 0' } });

  test('single: sends one event, converting WSO2-style strings to the attribute types, with its timestamp', async () => {
    const r = await h.request('POST', '/simulation/single', {
      body: { siddhiAppName: 'Sim', streamName: 'Readings', timestamp: 1500, data: ['s1', '2.5', 'true', '7'] },
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { status: 'OK', message: 'Single Event simulation started successfully' });
    assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select *'), [['s1', 2.5, true, 7, 1500]]);
    await clear();
  });

  test('single: a bad value, a wrong count, an unknown stream or app are refused', async () => {
    const send = (body: object): Promise<{ status: number; json: unknown }> =>
      h.request('POST', '/simulation/single', { body });
    const badValue = await send({ siddhiAppName: 'Sim', streamName: 'Readings', data: ['s', 'x', true, 1] });
    assert.equal(badValue.status, 400);
    assert.match((badValue.json as { message: string }).message, /'value' is double/);
    assert.equal((await send({ siddhiAppName: 'Sim', streamName: 'Readings', data: ['s'] })).status, 400);
    assert.equal((await send({ siddhiAppName: 'Sim', streamName: 'Nope', data: [] })).status, 400);
    assert.equal((await send({ siddhiAppName: 'Ghost', streamName: 'Readings', data: [] })).status, 404);
    assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select *'), []);
  });

  test('feed: a CSV with a timestamp column runs to completion', async () => {
    const csv = 'ts,sensor,value,ok,count\n100,a,1.5,true,1\n200,b,2.5,false,2\n300,c,3.5,true,3\n';
    const start = await h.request('POST', '/simulation/feed', {
      body: {
        properties: { simulationName: 'csv', timeInterval: 0 },
        sources: [
          {
            siddhiAppName: 'Sim',
            streamName: 'Readings',
            simulationType: 'CSV_SIMULATION',
            csv,
            skipHeader: true,
            timestampAttribute: 0,
          },
        ],
      },
    });
    assert.equal(start.status, 201);
    const id = (start.json as Progress).id;
    const done = await h.request('GET', `/simulation/feed/${id}?waitFor=COMPLETED`);
    assert.deepEqual(done.json, { id, simulationName: 'csv', status: 'COMPLETED', eventsSent: 3, totalEvents: 3 });
    assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select *'), [
      ['a', 1.5, true, 1, 100],
      ['b', 2.5, false, 2, 200],
      ['c', 3.5, true, 3, 300],
    ]);
    await clear();
  });

  test('feed: an uploaded CSV file with a delimiter and chosen columns', async () => {
    const up = await h.request('POST', '/simulation/files?fileName=readings.csv', {
      body: 'x;7;d;4.25;false\ny;8;e;5.5;true\n',
      contentType: 'text/csv',
    });
    assert.equal(up.status, 201);
    assert.deepEqual((await h.request('GET', '/simulation/files')).json, ['readings.csv']);
    const start = await h.request('POST', '/simulation/feed', {
      body: {
        properties: { timeInterval: 0 },
        sources: [
          {
            siddhiAppName: 'Sim',
            streamName: 'Readings',
            simulationType: 'CSV_SIMULATION',
            fileName: 'readings.csv',
            delimiter: ';',
            indices: '2,3,4,1',
          },
        ],
      },
    });
    const id = (start.json as Progress).id;
    const done = (await h.request('GET', `/simulation/feed/${id}?waitFor=finished`)).json as Progress;
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select sensor, value, ok, count'), [
      ['d', 4.25, false, 7],
      ['e', 5.5, true, 8],
    ]);
    await clear();
  });

  test('feed: pause, resume and stop, with the progress after each', async () => {
    const start = await h.request('POST', '/simulation/feed', {
      body: {
        properties: { simulationName: 'slow', timeInterval: 600000 },
        sources: [
          {
            siddhiAppName: 'Sim',
            streamName: 'Readings',
            simulationType: 'CSV_SIMULATION',
            csv: 'a,1,true,1\nb,2,true,2\nc,3,true,3\n',
          },
        ],
      },
    });
    const id = (start.json as Progress).id;
    // The first event goes at once; the next one would wait ten minutes.
    assert.deepEqual(start.json, { id, simulationName: 'slow', status: 'RUNNING', eventsSent: 1, totalEvents: 3 });
    const paused = (await h.request('POST', `/simulation/feed/${id}/pause`)).json as Progress;
    assert.equal(paused.status, 'PAUSED');
    const resumed = (await h.request('POST', `/simulation/feed/${id}/resume`)).json as Progress;
    assert.equal(resumed.status, 'RUNNING');
    const stopped = (await h.request('POST', `/simulation/feed/${id}/stop`)).json as Progress;
    assert.deepEqual([stopped.status, stopped.eventsSent], ['STOPPED', 1]);
    assert.deepEqual((await h.request('GET', `/simulation/feed/${id}`)).json, stopped);
    assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select sensor'), [['a']]);
    assert.equal((await h.request('GET', '/simulation/feed/nope')).status, 404);
    await clear();
  });

  test('feed: random values per attribute stay in their ranges', async () => {
    const start = await h.request('POST', '/simulation/feed', {
      body: {
        properties: { timeInterval: 0, noOfEvents: 50 },
        sources: [
          {
            siddhiAppName: 'Sim',
            streamName: 'Readings',
            simulationType: 'RANDOM_DATA_SIMULATION',
            attributeConfiguration: [
              { type: 'CUSTOM_DATA_BASED', list: 'north,south' },
              { type: 'PRIMITIVE_BASED', min: 10, max: 20, precision: 1 },
              { type: 'PRIMITIVE_BASED' },
              { type: 'PRIMITIVE_BASED', min: 1, max: 3 },
            ],
          },
        ],
      },
    });
    assert.equal(start.status, 201);
    const id = (start.json as Progress).id;
    const done = (await h.request('GET', `/simulation/feed/${id}?waitFor=COMPLETED`)).json as Progress;
    assert.equal(done.eventsSent, 50);
    const rows = await storeQuery(h, 'Sim', 'from Seen select sensor, value, ok, count');
    assert.equal(rows.length, 50);
    for (const [sensor, value, ok, count] of rows as [string, number, boolean, number][]) {
      assert.ok(sensor === 'north' || sensor === 'south');
      assert.ok(value >= 10 && value <= 20 && Math.round(value * 10) === value * 10, String(value));
      assert.equal(typeof ok, 'boolean');
      assert.ok(Number.isInteger(count) && count >= 1 && count <= 3);
    }
    await clear();
  });

  test('feed: a bad configuration is refused with the reason', async () => {
    const r = await h.request('POST', '/simulation/feed', {
      body: {
        sources: [
          {
            siddhiAppName: 'Sim',
            streamName: 'Readings',
            simulationType: 'CSV_SIMULATION',
            csv: 'a,notanumber,true,1\n',
          },
        ],
      },
    });
    assert.equal(r.status, 400);
    assert.match((r.json as { message: string }).message, /CSV line 1: attribute 'value' is double/);
  });

  const runFeed = async (source: Record<string, unknown>): Promise<{ status: number; json: unknown }> => {
    const start = await h.request('POST', '/simulation/feed', {
      body: {
        properties: { simulationName: 'db', timeInterval: 0 },
        sources: [{ siddhiAppName: 'Sim', streamName: 'Readings', simulationType: 'DATABASE_SIMULATION', ...source }],
      },
    });
    if (start.status !== 201) return start;
    return h.request('GET', `/simulation/feed/${(start.json as Progress).id}?waitFor=COMPLETED`);
  };

  test('feed: rows of a SQLite table, in the order of their timestamp column, chosen columns by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-simdb-'));
    const file = join(dir, 'feed.db');
    const db = new Database(file);
    db.exec('CREATE TABLE readings (at BIGINT, name TEXT, val REAL, good INT, n INT, extra TEXT)');
    const ins = db.prepare('INSERT INTO readings VALUES (?, ?, ?, ?, ?, ?)');
    ins.run(300, 'c', 3.5, 1, 3, 'x');
    ins.run(100, 'a', 1.5, 1, 1, 'y');
    ins.run(200, 'b', 2.5, 0, 2, 'z');
    db.close();
    try {
      const done = await runFeed({
        dataSourceLocation: `jdbc:sqlite:${file}`,
        tableName: 'readings',
        columnNamesList: 'name, val, good, n',
        timestampAttribute: 'at',
      });
      assert.equal((done.json as Progress).status, 'COMPLETED', JSON.stringify(done.json));
      assert.equal((done.json as Progress).eventsSent, 3);
      assert.deepEqual(await storeQuery(h, 'Sim', 'from Seen select *'), [
        ['a', 1.5, true, 1, 100],
        ['b', 2.5, false, 2, 200],
        ['c', 3.5, true, 3, 300],
      ]);
    } finally {
      await clear();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('feed: rows of a PostgreSQL table whose columns are named like the attributes', async () => {
    const table = `sim_feed_${process.pid}`;
    const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
    await client.connect();
    try {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.query(`CREATE TABLE ${table} (sensor VARCHAR(20), value DOUBLE PRECISION, ok BOOLEAN, count INT)`);
      await client.query(`INSERT INTO ${table} VALUES ('p', 9.25, true, 4), ('q', -1, false, 5)`);
      const done = await runFeed({
        dataSourceLocation: 'jdbc:postgresql://127.0.0.1:5432/test',
        username: 'postgres',
        tableName: table,
      });
      assert.equal((done.json as Progress).eventsSent, 2);
      const rows = (await storeQuery(h, 'Sim', 'from Seen select sensor, value, ok, count')) as unknown[][];
      assert.deepEqual(
        rows.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        [
          ['p', 9.25, true, 4],
          ['q', -1, false, 5],
        ],
      );
    } finally {
      await clear();
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    }
  });

  test('feed: a database that cannot be read is refused with the reason, the password masked', async () => {
    const r = await runFeed({
      dataSourceLocation: 'jdbc:postgresql://127.0.0.1:5432/test',
      username: 'postgres',
      password: 'sekret-pw',
      tableName: 'no_such_table_here',
    });
    assert.equal(r.status, 400);
    const message = (r.json as { message: string }).message;
    assert.match(message, /reading table 'no_such_table_here' failed: .*no_such_table_here/);
    assert.doesNotMatch(message, /sekret-pw/);
    const missing = await runFeed({ dataSourceLocation: 'jdbc:oracle:thin:@x', tableName: 't' });
    assert.equal(missing.status, 400);
    assert.match((missing.json as { message: string }).message, /jdbc\.url must be jdbc:sqlite:<file>/);
  });
});
