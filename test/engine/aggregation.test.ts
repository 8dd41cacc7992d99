import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { bucketStart, nextBucketStart } from '../../src/engine/aggregation/granularity.js';
import { unixTime, withinPattern, withinRange } from '../../src/engine/aggregation/within-time.js';

const T0 = 1577836800000; // 2020-01-01T00:00:00Z

function start(app: string, startTime = T0): SiddhiAppRuntime {
  const r = new SiddhiManager({ clock: 'virtual', startTime, logger: memoryLogger() }).createSiddhiAppRuntime(app);
  r.start();
  return r;
}

const TRADES = `@app:name('Aggregations') define stream Trades (symbol string, price double, volume int, ts long);`;

function ts(iso: string): number {
  return Date.parse(iso);
}

describe('granularities', () => {
  test('bucket starts and ends in UTC, months and years by the calendar', () => {
    const t = ts('2020-02-29T13:45:12.345Z');
    assert.equal(bucketStart(t, 'seconds'), ts('2020-02-29T13:45:12Z'));
    assert.equal(bucketStart(t, 'minutes'), ts('2020-02-29T13:45:00Z'));
    assert.equal(bucketStart(t, 'hours'), ts('2020-02-29T13:00:00Z'));
    assert.equal(bucketStart(t, 'days'), ts('2020-02-29T00:00:00Z'));
    assert.equal(bucketStart(t, 'months'), ts('2020-02-01T00:00:00Z'));
    assert.equal(bucketStart(t, 'years'), ts('2020-01-01T00:00:00Z'));
    assert.equal(nextBucketStart(t, 'months'), ts('2020-03-01T00:00:00Z'));
    assert.equal(nextBucketStart(ts('2020-12-31T23:59:59Z'), 'years'), ts('2021-01-01T00:00:00Z'));
    assert.equal(bucketStart(-1, 'seconds'), -1000);
  });

  test('weeks are refused at creation', () => {
    assert.throws(
      () => start(`${TRADES} define aggregation A from Trades select sum(price) as total aggregate by ts every week;`),
      SiddhiAppCreationError,
    );
  });
});

describe('within values', () => {
  test('patterns name a whole second, minute, hour, day, month or year', () => {
    assert.deepEqual(withinPattern('2017-06-01 04:05:50'), [ts('2017-06-01T04:05:50Z'), ts('2017-06-01T04:05:51Z')]);
    assert.deepEqual(withinPattern('2017-06-01 04:05:**'), [ts('2017-06-01T04:05:00Z'), ts('2017-06-01T04:06:00Z')]);
    assert.deepEqual(withinPattern('2017-06-01 04:**:**'), [ts('2017-06-01T04:00:00Z'), ts('2017-06-01T05:00:00Z')]);
    assert.deepEqual(withinPattern('2017-06-01 **:**:**'), [ts('2017-06-01T00:00:00Z'), ts('2017-06-02T00:00:00Z')]);
    assert.deepEqual(withinPattern('2017-02-** **:**:**'), [ts('2017-02-01T00:00:00Z'), ts('2017-03-01T00:00:00Z')]);
    assert.deepEqual(withinPattern('2017-**-** **:**:**'), [ts('2017-01-01T00:00:00Z'), ts('2018-01-01T00:00:00Z')]);
  });

  test('patterns with a UTC offset', () => {
    assert.deepEqual(withinPattern('2020-01-** **:**:** +05:30'), [
      ts('2019-12-31T18:30:00Z'),
      ts('2020-01-31T18:30:00Z'),
    ]);
    assert.deepEqual(withinPattern('2020-**-** **:**:** -02:00'), [
      ts('2020-01-01T02:00:00Z'),
      ts('2021-01-01T02:00:00Z'),
    ]);
    assert.equal(unixTime('2017-06-01 09:35:51 +05:30'), ts('2017-06-01T04:05:51Z'));
  });

  test('bad patterns and backwards ranges are errors', () => {
    assert.throws(() => withinPattern('2017-06-** 12:**:**'), /unknown format/);
    assert.throws(() => withinPattern('2017-06-** **:**:**:1000'), /unknown format/);
    assert.throws(() => withinRange('2017-06-02 00:00:00', '2017-06-01 00:00:00'), /must be before its end/);
    assert.throws(() => withinRange(5, 5), /must be before its end/);
    assert.deepEqual(withinRange(0, '1970-01-01 00:00:01'), [0, 1000]);
  });
});

describe('incremental aggregation', () => {
  const APP = `${TRADES}
    define aggregation A from Trades[volume > 0]
    select symbol, sum(price) as total, avg(price) as avgPrice, count() as n, min(price) as low, max(price) as high,
           distinctCount(volume) as volumes, price * volume as lastValue
    group by symbol aggregate by ts every sec ... year;`;

  test('rolls every event up into each granularity, per group', () => {
    const r = start(APP);
    const h = r.getInputHandler('Trades');
    h.send(['IBM', 10, 1, ts('2020-03-01T10:00:00.100Z')]);
    h.send(['IBM', 20, 2, ts('2020-03-01T10:00:00.900Z')]);
    h.send(['WSO2', 5, 3, ts('2020-03-01T10:00:01Z')]);
    h.send(['IBM', 30, 2, ts('2020-03-01T10:59:59Z')]);
    h.send(['IBM', 40, 0, ts('2020-03-01T10:59:59Z')]); // filtered out
    h.send(['IBM', 50, 4, ts('2020-03-02T00:00:00Z')]);
    const q = (per: string): unknown[][] =>
      r.query(`from A within '2020-**-** **:**:**' per '${per}' select * order by AGG_TIMESTAMP`);
    assert.deepEqual(q('seconds'), [
      [ts('2020-03-01T10:00:00Z'), 'IBM', 30, 15, 2, 10, 20, 2, 40],
      [ts('2020-03-01T10:00:01Z'), 'WSO2', 5, 5, 1, 5, 5, 1, 15],
      [ts('2020-03-01T10:59:59Z'), 'IBM', 30, 30, 1, 30, 30, 1, 60],
      [ts('2020-03-02T00:00:00Z'), 'IBM', 50, 50, 1, 50, 50, 1, 200],
    ]);
    assert.deepEqual(q('hours'), [
      [ts('2020-03-01T10:00:00Z'), 'IBM', 60, 20, 3, 10, 30, 2, 60],
      [ts('2020-03-01T10:00:00Z'), 'WSO2', 5, 5, 1, 5, 5, 1, 15],
      [ts('2020-03-02T00:00:00Z'), 'IBM', 50, 50, 1, 50, 50, 1, 200],
    ]);
    assert.deepEqual(q('months'), [
      [ts('2020-03-01T00:00:00Z'), 'IBM', 110, 27.5, 4, 10, 50, 3, 200],
      [ts('2020-03-01T00:00:00Z'), 'WSO2', 5, 5, 1, 5, 5, 1, 15],
    ]);
    assert.deepEqual(
      q('years').map((row) => row.slice(0, 3)),
      [
        [T0, 'IBM', 110],
        [T0, 'WSO2', 5],
      ],
    );
  });

  test('an out-of-order event lands in its own bucket; the latest value follows the greatest timestamp', () => {
    const r = start(APP);
    const h = r.getInputHandler('Trades');
    h.send(['IBM', 10, 1, ts('2020-03-01T10:00:05Z')]);
    h.send(['IBM', 20, 1, ts('2020-03-01T10:00:07Z')]);
    h.send(['IBM', 30, 1, ts('2020-03-01T10:00:05.500Z')]); // late, into the :05 bucket
    h.send(['IBM', 40, 1, ts('2020-03-01T10:00:01Z')]); // late, a bucket of its own
    assert.deepEqual(
      r.query(
        `from A within '2020-03-01 10:00:**' per 'sec' select AGG_TIMESTAMP, total, n, lastValue order by AGG_TIMESTAMP`,
      ),
      [
        [ts('2020-03-01T10:00:01Z'), 40, 1, 40],
        [ts('2020-03-01T10:00:05Z'), 40, 2, 30],
        [ts('2020-03-01T10:00:07Z'), 20, 1, 20],
      ],
    );
    // In the minute, the event at :07 is the latest even though others arrived after it.
    assert.deepEqual(r.query(`from A within '2020-03-01 10:**:**' per 'min' select total, n, lastValue`), [
      [100, 4, 20],
    ]);
  });

  test('within start, end selects buckets by their start; on filters rows', () => {
    const r = start(APP);
    const h = r.getInputHandler('Trades');
    for (let i = 0; i < 5; i++) h.send([i % 2 === 0 ? 'A' : 'B', i, 1, ts('2020-01-01T00:00:00Z') + i * 1000]);
    const rows = r.query(
      `from A on symbol == 'A' within ${ts('2020-01-01T00:00:01Z')}L, '2020-01-01 00:00:05' per 'seconds' select AGG_TIMESTAMP, total order by AGG_TIMESTAMP`,
    );
    assert.deepEqual(rows, [
      [ts('2020-01-01T00:00:02Z'), 2],
      [ts('2020-01-01T00:00:04Z'), 4],
    ]);
    assert.throws(() => r.query(`from A within '2020-01-01 00:00:05', '2020-01-01 00:00:01' per 'seconds'`));
    assert.throws(() => r.query(`from A within '2020-01-01 00:00:**' per 'weeks'`));
  });

  test('without aggregate by, buckets follow the app clock', () => {
    const r = start(`define stream S (v int);
      define aggregation A from S select sum(v) as total aggregate every sec, min;`);
    const h = r.getInputHandler('S');
    h.send([1]);
    r.advanceTime(500);
    h.send([2]);
    r.advanceTime(700);
    h.send([4]);
    r.advanceTime(60_000);
    h.send([8]);
    assert.deepEqual(r.query(`from A within '2020-01-01 **:**:**' per 'seconds'`), [
      [T0, 3],
      [T0 + 1000, 4],
      [T0 + 61_000, 8],
    ]);
    assert.deepEqual(r.query(`from A within '2020-01-01 **:**:**' per 'minutes'`), [
      [T0, 7],
      [T0 + 60_000, 8],
    ]);
  });

  test('a join reads the buckets within and per values of each arriving event', () => {
    const r = start(`${APP}
      define stream Ask (symbol string, since string, until string, per string);
      @info(name = 'q') from Ask as k join A as a on k.symbol == a.symbol within k.since, k.until per k.per
      select a.AGG_TIMESTAMP as at, a.symbol, a.total insert into Out;`);
    const got: unknown[][] = [];
    r.addQueryCallback('q', (_t, ins: Event[] | null) => {
      for (const e of ins ?? []) got.push(e.data);
    });
    const h = r.getInputHandler('Trades');
    h.send(['IBM', 10, 1, ts('2020-03-01T10:00:00Z')]);
    h.send(['IBM', 20, 1, ts('2020-03-01T11:30:00Z')]);
    h.send(['WSO2', 7, 1, ts('2020-03-01T11:31:00Z')]);
    const ask = r.getInputHandler('Ask');
    ask.send(['IBM', '2020-03-01 10:00:00', '2020-03-01 12:00:00', 'hours']);
    ask.send(['IBM', '2020-03-01 15:00:00 +05:30', '2020-03-01 17:00:00 +05:30', 'days']);
    assert.deepEqual(got, [
      [ts('2020-03-01T10:00:00Z'), 'IBM', 10],
      [ts('2020-03-01T11:00:00Z'), 'IBM', 20],
    ]);
    // 15:00 +05:30 is 09:30 UTC: the day bucket (00:00) starts before it, so nothing matches.
    ask.send(['IBM', '2020-03-01 05:30:00 +05:30', '2020-03-01 06:00:00 +05:30', 'days']);
    assert.deepEqual(got.slice(2), [[ts('2020-03-01T00:00:00Z'), 'IBM', 30]]);
  });

  test('purging drops buckets older than their retention on the app scheduler', () => {
    const r = start(`define stream S (v int);
      @purge(enable='true', interval='10 sec', @retentionPeriod(sec='120 sec', min='all'))
      define aggregation A from S select sum(v) as total aggregate every sec ... min;`);
    const h = r.getInputHandler('S');
    h.send([1]);
    r.advanceTime(1000);
    h.send([2]);
    const q = (per: string): unknown[][] => r.query(`from A within '2020-01-01 **:**:**' per '${per}'`);
    r.advanceTime(119_500); // now T0 + 120.5 s: the purge at 120 s keeps the bucket at 0 s (120 s old)
    assert.deepEqual(q('seconds'), [
      [T0, 1],
      [T0 + 1000, 2],
    ]);
    r.advanceTime(9_500); // purge at 130 s drops buckets before 10 s
    assert.deepEqual(q('seconds'), []);
    assert.deepEqual(q('minutes'), [[T0, 3]]);
  });

  test('retention shorter than the minimum, or for a granularity not aggregated, is refused', () => {
    for (const retention of [`sec='60 sec'`, `hours='30 days'`]) {
      assert.throws(
        () =>
          start(`define stream S (v int);
            @purge(enable='true', interval='10 sec', @retentionPeriod(${retention}))
            define aggregation A from S select sum(v) as total aggregate every sec ... min;`),
        SiddhiAppCreationError,
        retention,
      );
    }
  });

  test('snapshot and restore keep the buckets', () => {
    const r = start(APP);
    const h = r.getInputHandler('Trades');
    h.send(['IBM', 10, 1, ts('2020-03-01T10:00:00Z')]);
    h.send(['IBM', 20, 2, ts('2020-03-01T10:00:00Z')]);
    const snap = r.snapshot();
    h.send(['IBM', 1000, 3, ts('2020-03-01T10:00:00Z')]);
    const r2 = start(APP);
    r2.restore(snap);
    r2.getInputHandler('Trades').send(['IBM', 30, 1, ts('2020-03-01T10:00:00Z')]);
    assert.deepEqual(r2.query(`from A within '2020-03-** **:**:**' per 'hours' select total, n, volumes, lastValue`), [
      [60, 3, 2, 30],
    ]);
  });
});

describe("rows in Siddhi's order", () => {
  test('with aggregate by, a read meets rows in the hash order of (AGG_TIMESTAMP, group) keys', () => {
    // SelectOptimisationAggregationTestCase aggregationFunctionTestcase11: Siddhi's HashMap keyed by
    // "<AGG_TIMESTAMP>:-:<symbol>:-:" iterates WSO22's second last.
    const r = start(`define stream S (symbol string, price double, ts long);
      define aggregation A from S select symbol, sum(price) as total group by symbol aggregate by ts every sec;`);
    const h = r.getInputHandler('S');
    h.send(['WSO2', 50, 1496289950000]);
    h.send(['WSO22', 75, 1496289950100]);
    h.send(['IBM', 101, 1496289954000]);
    assert.deepEqual(
      r.query(`from A within 1496200000000L, 1596535449000L per 'seconds' select symbol`).map((x) => x[0]),
      ['IBM', 'WSO2', 'WSO22'],
    );
  });
});
