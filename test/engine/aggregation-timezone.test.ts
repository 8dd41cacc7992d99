/**
 * Aggregation time zones (Siddhi's `aggTimeZone`, here the manager option `aggregationTimeZone`).
 *
 * The first part translates the conformance cases Aggregation2TestCase :: incrementalStreamProcessorTest5SGTTimeZone*
 * and incrementalStreamProcessorTestInvalidTimeZone (in ../shared/conformance/siddhi/aggregation/, marked skipped
 * there because the case format cannot set manager config, and holding only the app). Their events, queries and
 * expected rows are inlined from Siddhi 5.1's Aggregation2TestCase.java: CI clones only this project.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { aggregationZone, bucketStart, nextBucketStart } from '../../src/engine/aggregation/granularity.js';
import type { Zone } from '../../src/engine/functions/time/zones.js';
import '../../src/stores/install.js';
import { mariadbDb, postgresDb, sqliteDb, type AggregationDb } from '../stores/aggregation-dbs.js';

/** The conformance runner's default clock start: 2020-01-01T00:00:00Z. */
const CLOCK_START = 1577836800000;

const STREAM = 'define stream stockStream (symbol string, price float, timestamp long);';
const aggApp = (every: string): string =>
  `${STREAM} define aggregation stockAggregation from stockStream select symbol, avg(price) as avgPrice  group by symbol aggregate by timestamp every ${every} ;`;

function manager(aggregationTimeZone?: string): SiddhiManager {
  return new SiddhiManager({
    clock: 'virtual',
    startTime: CLOCK_START,
    logger: memoryLogger(),
    ...(aggregationTimeZone !== undefined ? { aggregationTimeZone } : {}),
  });
}

interface SgtCase {
  readonly name: string;
  readonly every: string;
  readonly events: readonly number[];
  readonly within: string;
  readonly per: string;
  readonly expected: readonly (readonly [number, string, number])[];
}

const PRICES = [50, 70, 80];

const SGT_CASES: readonly SgtCase[] = [
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneHour',
    every: 'hour',
    // 2019-12-31 00:00:01, 00:59:59, 01:00:01 in Singapore (+08)
    events: [1577721601000, 1577725199000, 1577725201000],
    within: '2019-**-** **:**:**',
    per: 'hour',
    expected: [
      [1577721600000, 'WSO2', 60.0],
      [1577725200000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneHour2',
    every: 'hour',
    // 2020-02-29 23:00:01, 23:59:59 and 2020-03-01 00:00:01 in Singapore (leap day, last hour)
    events: [1582988401000, 1582991999000, 1582992001000],
    within: '2020-**-** **:**:**',
    per: 'hour',
    expected: [
      [1582988400000, 'WSO2', 60.0],
      [1582992000000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneDay',
    every: 'day',
    // 2020-02-01 00:00:01, 23:59:59 and 2020-02-02 00:00:01 in Singapore
    events: [1580486401000, 1580572799000, 1580572801000],
    within: '2020-**-** **:**:**',
    per: 'day',
    expected: [
      [1580486400000, 'WSO2', 60.0],
      [1580572800000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneDay2',
    every: 'day',
    // 2020-02-29 (leap day) 00:00:01, 23:59:59 and 2020-03-01 00:00:01 in Singapore
    events: [1582905601000, 1582991999000, 1582992001000],
    within: '2020-**-** **:**:**',
    per: 'day',
    expected: [
      [1582905600000, 'WSO2', 60.0],
      [1582992000000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneDay3',
    every: 'day',
    // 2019-02-28 (not a leap year) 00:00:01, 23:59:59 and 2019-03-01 00:00:01 in Singapore
    events: [1551283201000, 1551369599000, 1551369601000],
    within: '2019-**-** **:**:**',
    per: 'day',
    expected: [
      [1551283200000, 'WSO2', 60.0],
      [1551369600000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneDay4',
    every: 'day',
    // 2019-01-31 00:00:01, 23:59:59 and 2019-02-01 00:00:01 in Singapore
    events: [1548864001000, 1548950399000, 1548950401000],
    within: '2019-**-** **:**:**',
    per: 'day',
    expected: [
      [1548864000000, 'WSO2', 60.0],
      [1548950400000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneDay5',
    every: 'day',
    // 2019-12-31 00:00:01, 23:59:59 and 2020-01-01 00:00:01 in Singapore; the within year is read in UTC,
    // so the Singapore day 2020-01-01 (from 2019-12-31T16:00Z) is inside '2019-**-**'
    events: [1577721601000, 1577807999000, 1577808001000],
    within: '2019-**-** **:**:**',
    per: 'day',
    expected: [
      [1577721600000, 'WSO2', 60.0],
      [1577808000000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneMonth',
    every: 'month',
    // 2020-02-01 00:00:01, 2020-02-29 23:59:59 and 2020-03-01 00:00:01 in Singapore
    events: [1580486401000, 1582991999000, 1582992001000],
    within: '2020-**-** **:**:**',
    per: 'month',
    expected: [
      [1580486400000, 'WSO2', 60.0],
      [1582992000000, 'WSO2', 80.0],
    ],
  },
  {
    name: 'incrementalStreamProcessorTest5SGTTimeZoneYear',
    every: 'year',
    // 2019-01-01 00:00:01, 2019-12-31 23:59:59 and 2020-01-01 00:00:01 in Singapore; 'within 2018' (UTC)
    // holds the Singapore year 2019 (it starts 2018-12-31T16:00Z), not 2020
    events: [1546272001000, 1577807999000, 1577808001000],
    within: '2018-**-** **:**:**',
    per: 'year',
    expected: [[1546272000000, 'WSO2', 60.0]],
  },
];

/** Runs a case's app with the zone, sends WSO2 50, 70, 80 at its timestamps, and reads `within ... per ...`. */
function runCase(c: SgtCase, zone: string | undefined): unknown[][] {
  const r = manager(zone).createSiddhiAppRuntime(aggApp(c.every));
  r.start();
  const h = r.getInputHandler('stockStream');
  c.events.forEach((ts, i) => h.send(['WSO2', PRICES[i], ts]));
  r.advanceTime(2000);
  const rows = r.query(`from stockAggregation within "${c.within}" per "${c.per}"`);
  void r.shutdown();
  return rows;
}

/** Rows as a multiset (Siddhi's isUnsortedEventsMatch). */
function sorted(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => [...r]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('conformance: Aggregation2TestCase with aggTimeZone = Asia/Singapore', () => {
  for (const c of SGT_CASES) {
    test(c.name, () => {
      assert.deepEqual(sorted(runCase(c, 'Asia/Singapore')), sorted(c.expected));
    });
  }

  test('incrementalStreamProcessorTestInvalidTimeZone', () => {
    assert.throws(
      () => manager('Asia/Singapo').createSiddhiAppRuntime(aggApp('year')),
      (e: unknown) => {
        assert.ok(e instanceof SiddhiAppCreationError);
        assert.match(
          e.message,
          /aggregation 'stockAggregation': the aggregation time zone 'Asia\/Singapo' is not a known time zone; use an IANA zone id such as 'Asia\/Singapore'/,
        );
        return true;
      },
    );
  });
});

describe('aggregation time zone', () => {
  const zone = (id: string): Zone => {
    const z = aggregationZone(id);
    assert.ok(z !== undefined && typeof z !== 'string', id);
    return z;
  };
  const iso = (t: number): string => new Date(t).toISOString();
  const at = (s: string): number => Date.parse(s);

  test('without the option, the same events bucket by UTC days (the default is unchanged)', () => {
    const day = SGT_CASES.find((c) => c.name === 'incrementalStreamProcessorTest5SGTTimeZoneDay')!;
    // 2020-01-31T16:00:01Z is in the UTC day of Jan 31; the other two in the UTC day of Feb 1.
    assert.deepEqual(sorted(runCase(day, undefined)), [
      [1580428800000, 'WSO2', 50],
      [1580515200000, 'WSO2', 75],
    ]);
    assert.deepEqual(sorted(runCase(day, 'UTC')), sorted(runCase(day, undefined)));
  });

  test('hours of a +05:30 zone start at :30 UTC; seconds and minutes stay UTC', () => {
    const k = zone('Asia/Kolkata');
    const t = at('2020-01-01T10:10:20.500Z');
    assert.equal(iso(bucketStart(t, 'seconds', k)), '2020-01-01T10:10:20.000Z');
    assert.equal(iso(bucketStart(t, 'minutes', k)), '2020-01-01T10:10:00.000Z');
    assert.equal(iso(bucketStart(t, 'hours', k)), '2020-01-01T09:30:00.000Z');
    assert.equal(iso(nextBucketStart(t, 'hours', k)), '2020-01-01T10:30:00.000Z');
    assert.equal(iso(bucketStart(t, 'days', k)), '2019-12-31T18:30:00.000Z');
    assert.equal(iso(bucketStart(t, 'months', k)), '2019-12-31T18:30:00.000Z');
    assert.equal(iso(nextBucketStart(t, 'months', k)), '2020-01-31T18:30:00.000Z');
    assert.equal(iso(nextBucketStart(t, 'years', k)), '2020-12-31T18:30:00.000Z');
    // A fixed offset reads the same.
    assert.equal(bucketStart(t, 'hours', zone('+05:30')), bucketStart(t, 'hours', k));
  });

  test('DST: starts move as ZonedDateTime.of moves them (gap: later; overlap: the earlier offset)', () => {
    const ny = zone('America/New_York');
    // 2020-11-01: 01:00-02:00 happens twice (EDT, then EST); both are one hour bucket from 01:00 EDT to 02:00 EST.
    for (const t of ['2020-11-01T05:30:00Z', '2020-11-01T06:30:00Z']) {
      assert.equal(iso(bucketStart(at(t), 'hours', ny)), '2020-11-01T05:00:00.000Z');
      assert.equal(iso(nextBucketStart(at(t), 'hours', ny)), '2020-11-01T07:00:00.000Z');
    }
    // That day lasts 25 hours.
    assert.equal(iso(bucketStart(at('2020-11-01T12:00:00Z'), 'days', ny)), '2020-11-01T04:00:00.000Z');
    assert.equal(iso(nextBucketStart(at('2020-11-01T12:00:00Z'), 'days', ny)), '2020-11-02T05:00:00.000Z');
    // 2020-03-08: 02:00 does not exist; the hour after 01:00 EST starts at 03:00 EDT.
    assert.equal(iso(nextBucketStart(at('2020-03-08T06:30:00Z'), 'hours', ny)), '2020-03-08T07:00:00.000Z');
    // Sao Paulo 2018-11-04: midnight did not exist; the day starts at 01:00 (-02:00).
    const sp = zone('America/Sao_Paulo');
    assert.equal(iso(bucketStart(at('2018-11-04T12:00:00Z'), 'days', sp)), '2018-11-04T03:00:00.000Z');
    assert.equal(iso(nextBucketStart(at('2018-11-03T12:00:00Z'), 'days', sp)), '2018-11-04T03:00:00.000Z');
  });

  test('UTC names give the default buckets; unknown zones are refused', () => {
    assert.equal(aggregationZone(undefined), undefined);
    assert.equal(aggregationZone('UTC'), undefined);
    assert.equal(aggregationZone('GMT'), undefined);
    assert.match(String(aggregationZone('Mars/Olympus')), /'Mars\/Olympus' is not a known time zone/);
    assert.match(String(aggregationZone('+25:00')), /not a known time zone/);
  });

  test('an app without an aggregation does not read the zone', () => {
    const r = manager('Asia/Singapo').createSiddhiAppRuntime(`${STREAM} from stockStream select * insert into Out;`);
    void r.shutdown();
  });

  test('on the app clock, with group by: rows of the running and completed days; joins read the same buckets', () => {
    // Clock at 2020-01-01T00:00Z = 08:00 in Singapore; the Singapore day starts 2019-12-31T16:00Z.
    const r = manager('Asia/Singapore').createSiddhiAppRuntime(`
      define stream S (symbol string, v long);
      define stream Ask (symbol string);
      define aggregation A from S select symbol, sum(v) as total, count() as n group by symbol aggregate every sec ... year;
      @info(name = 'q') from Ask as k join A as a on k.symbol == a.symbol
        within '2019-12-31 00:00:00 +08:00', '2020-02-01 00:00:00 +08:00' per 'days'
        select a.AGG_TIMESTAMP as at, a.symbol, a.total insert into Out;`);
    const got: unknown[][] = [];
    r.addQueryCallback('q', (_t, ins) => {
      for (const e of ins ?? []) got.push(e.data);
    });
    r.start();
    const s = r.getInputHandler('S');
    s.send(['A', 1]);
    s.send(['B', 2]);
    r.advanceTime(15 * 3_600_000 + 59 * 60_000); // 23:59 in Singapore
    s.send(['A', 4]);
    r.advanceTime(2 * 60_000); // 00:01 on 2020-01-02 in Singapore
    s.send(['A', 8]);
    const day1 = at('2019-12-31T16:00:00Z');
    const day2 = at('2020-01-01T16:00:00Z');
    assert.deepEqual(
      sorted(r.query(`from A within 0L, 1700000000000L per 'days' select AGG_TIMESTAMP, symbol, total, n`)),
      [
        [day1, 'A', 5, 2],
        [day1, 'B', 2, 1],
        [day2, 'A', 8, 1],
      ],
    );
    for (const per of ['months', 'years']) {
      assert.deepEqual(
        sorted(r.query(`from A within 0L, 1700000000000L per '${per}' select AGG_TIMESTAMP, symbol, total`)),
        [
          [day1, 'A', 13],
          [day1, 'B', 2],
        ],
      );
    }
    r.getInputHandler('Ask').send(['A']);
    assert.deepEqual(sorted(got), [
      [day1, 'A', 5],
      [day2, 'A', 8],
    ]);
    void r.shutdown();
  });

  test('within strings without an offset are read in UTC, with one in their own offset', () => {
    const r = manager('Asia/Singapore').createSiddhiAppRuntime(aggApp('day'));
    r.start();
    const h = r.getInputHandler('stockStream');
    // Singapore days 2020-01-01 (from 2019-12-31T16:00Z) and 2020-01-02 (from 2020-01-01T16:00Z).
    h.send(['WSO2', 10, at('2019-12-31T17:00:00Z')]);
    h.send(['WSO2', 30, at('2020-01-01T17:00:00Z')]);
    const per = (within: string): unknown[][] =>
      r.query(`from stockAggregation within '${within}' per 'day' select AGG_TIMESTAMP, avgPrice`);
    assert.deepEqual(per('2020-01-01 **:**:**'), [[at('2020-01-01T16:00:00Z'), 30]]);
    assert.deepEqual(per('2020-01-01 **:**:** +08:00'), [[at('2019-12-31T16:00:00Z'), 10]]);
    void r.shutdown();
  });
});

const DAY1 = Date.parse('2019-12-31T18:30:00Z'); // 2020-01-01 00:00 in Kolkata
const DAY2 = Date.parse('2020-01-01T18:30:00Z'); // 2020-01-02 00:00 in Kolkata

/**
 * Asia/Kolkata (+05:30) buckets in tables: hours from :30 UTC, days from 18:30 UTC. After a restart
 * that lost the running day's row, that row is rolled up again from the hours table in the zone.
 */
async function storedScenario(db: AggregationDb, name: string, syncWrites = false): Promise<void> {
  const text = `
    define stream S (symbol string, v long, ts long);
    ${db.store.replace(')', `, table.name = '${name}')`)}
    @purge(enable = 'false')
    define aggregation A from S select symbol, sum(v) as total group by symbol aggregate by ts every hour ... day;`;
  const start = async (): Promise<SiddhiAppRuntime> => {
    const r = manager('Asia/Kolkata').createSiddhiAppRuntime(text);
    await r.startAsync();
    return r;
  };
  // Rows of one read come in Siddhi's (hash) order: compare them sorted.
  const read = (r: SiddhiAppRuntime, per: string): unknown[][] =>
    sorted(r.query(`from A within 1500000000000L, 1700000000000L per '${per}' select AGG_TIMESTAMP, total`));
  const hour = (iso: string): number => Date.parse(iso);
  const r1 = await start();
  const h = r1.getInputHandler('S');
  h.send(['A', 1, Date.parse('2019-12-31T18:40:00Z')]); // 00:10 on Jan 1 in Kolkata
  h.send(['A', 2, Date.parse('2020-01-01T10:10:00Z')]); // 15:40
  h.send(['A', 4, Date.parse('2020-01-01T18:20:00Z')]); // 23:50
  const ts = db.q('AGG_TIMESTAMP');
  const numbers = (rows: unknown[][]): number[] => rows.map((x) => Number(x[0]));
  if (syncWrites) {
    // A bucket is written when the watermark (18:20Z) passes its end in the zone: the hour from 17:30Z
    // (to 18:30Z) is still being filled, and so is the day.
    assert.deepEqual(numbers(await db.rows(`SELECT ${ts} FROM ${db.q(`${name}_HOURS`)} ORDER BY ${ts}`)), [
      hour('2019-12-31T18:30:00Z'),
      hour('2020-01-01T09:30:00Z'),
    ]);
    assert.deepEqual(await db.rows(`SELECT ${ts} FROM ${db.q(`${name}_DAYS`)}`), []);
  }
  h.send(['A', 8, Date.parse('2020-01-01T18:35:00Z')]); // 00:05 on Jan 2
  assert.deepEqual(read(r1, 'hours'), [
    [hour('2019-12-31T18:30:00Z'), 1],
    [hour('2020-01-01T09:30:00Z'), 2],
    [hour('2020-01-01T17:30:00Z'), 4],
    [hour('2020-01-01T18:30:00Z'), 8],
  ]);
  assert.deepEqual(read(r1, 'days'), [
    [DAY1, 7],
    [DAY2, 8],
  ]);
  await r1.shutdown();
  assert.deepEqual(numbers(await db.rows(`SELECT ${ts} FROM ${db.q(`${name}_DAYS`)} ORDER BY ${ts}`)), [DAY1, DAY2]);
  // Lose the running day's row, as a crash before it was written would.
  await db.rows(`DELETE FROM ${db.q(`${name}_DAYS`)} WHERE ${ts} = ${DAY2}`);
  const r2 = await start();
  assert.deepEqual(read(r2, 'days'), [
    [DAY1, 7],
    [DAY2, 8],
  ]);
  // New events continue the rebuilt running day.
  r2.getInputHandler('S').send(['A', 16, Date.parse('2020-01-02T18:00:00Z')]); // 23:30 on Jan 2
  assert.deepEqual(read(r2, 'days'), [
    [DAY1, 7],
    [DAY2, 24],
  ]);
  await r2.shutdown();
  assert.deepEqual(numbers(await db.rows(`SELECT ${ts} FROM ${db.q(`${name}_DAYS`)} ORDER BY ${ts}`)), [DAY1, DAY2]);
}

const suffix = (): string => Math.random().toString(36).slice(2, 8);

describe('aggregation time zone with @store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-aggtz-'));
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'test' });
  const maria = mariadbDb();
  const pgNames: string[] = [];
  const myNames: string[] = [];
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const n of pgNames) for (const g of ['HOURS', 'DAYS']) await client.query(`DROP TABLE IF EXISTS "${n}_${g}"`);
    await client.end();
    for (const n of myNames) for (const g of ['HOURS', 'DAYS']) await maria.rows(`DROP TABLE IF EXISTS \`${n}_${g}\``);
    await maria.close();
  });

  test('SQLite: buckets and restart rebuild in the zone', async () => {
    const file = join(dir, 'tz.sqlite');
    await storedScenario(sqliteDb(file), `Tz_${suffix()}`, true);
  });

  test('PostgreSQL: buckets and restart rebuild in the zone', async () => {
    await client.connect();
    const name = `Tz_${suffix()}`;
    pgNames.push(name);
    await storedScenario(postgresDb(client), name);
  });

  test('MariaDB: buckets and restart rebuild in the zone', async () => {
    const name = `Tz_${suffix()}`;
    myNames.push(name);
    await storedScenario(maria, name);
  });
});
