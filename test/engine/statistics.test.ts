import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { LATENCY_BUCKETS_SECONDS } from '../../src/engine/runtime/statistics.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';

function app(text: string) {
  const logger = memoryLogger();
  const runtime = new SiddhiManager({ clock: 'virtual', startTime: 0, logger }).createSiddhiAppRuntime(text);
  return { runtime, logger };
}

const QUERIES = `
  define stream S (sym string, v int);
  @info(name='big') from S[v > 10] select sym, v insert into Big;
  @info(name='win') from S#window.lengthBatch(2) select sym, sum(v) as total insert into Totals;`;

describe('query statistics', () => {
  test('without @app:statistics nothing is counted until the level is raised at runtime', () => {
    const { runtime } = app(QUERIES);
    runtime.start();
    const s = runtime.getInputHandler('S');
    s.send(['a', 5]);
    assert.equal(runtime.statistics.level, 'OFF');
    assert.equal(runtime.statistics.queries.get('big')!.eventsIn, 0);
    runtime.setStatisticsLevel('BASIC');
    s.send(['b', 20]);
    s.send(['c', 1]);
    const big = runtime.statistics.queries.get('big')!;
    const win = runtime.statistics.queries.get('win')!;
    assert.deepEqual([big.eventsIn, big.eventsOut], [2, 1]);
    assert.deepEqual([win.eventsIn, win.eventsOut], [2, 1]);
    // BASIC does not time chunks
    assert.equal(big.latency().count, 0);
    runtime.setStatisticsLevel('OFF');
    s.send(['d', 30]);
    assert.deepEqual([big.eventsIn, big.eventsOut], [2, 1]);
  });

  test("@app:statistics(level='DETAIL') counts from the start and times every chunk into the histogram", () => {
    const { runtime } = app(`@app:statistics(reporter='console', level='DETAIL')` + QUERIES);
    runtime.setStatisticsLevel('DETAIL', 1);
    runtime.start();
    const s = runtime.getInputHandler('S');
    for (let i = 0; i < 5; i++) s.send(['x', i * 10]);
    s.send([{ data: ['y', 1] }, { data: ['z', 2] }]);
    const big = runtime.statistics.queries.get('big')!;
    assert.equal(runtime.statistics.level, 'DETAIL');
    assert.deepEqual([big.eventsIn, big.eventsOut], [7, 3]);
    const lat = big.latency();
    assert.equal(lat.count, 6, 'one observation per chunk: five single events and one batch');
    assert.equal(lat.buckets.length, LATENCY_BUCKETS_SECONDS.length);
    assert.ok(lat.buckets[lat.buckets.length - 1]! <= 6);
    assert.ok(lat.sumSeconds >= lat.maxSeconds && lat.maxSeconds > 0);
    for (let i = 1; i < lat.buckets.length; i++) assert.ok(lat.buckets[i]! >= lat.buckets[i - 1]!, 'cumulative');
  });

  test('DETAIL times the first chunk and then one in sampleEvery (16 by default)', () => {
    const { runtime } = app(`@app:statistics(level='DETAIL')` + QUERIES);
    runtime.start();
    const s = runtime.getInputHandler('S');
    for (let i = 0; i < 40; i++) s.send(['x', i]);
    assert.equal(runtime.statistics.queries.get('big')!.latency().count, 3, 'chunks 0, 16 and 32');
    assert.equal(runtime.statistics.queries.get('big')!.eventsIn, 40, 'counts are not sampled');
    assert.throws(() => runtime.setStatisticsLevel('DETAIL', 3), /power of two/);
  });

  test("@app:statistics('true') means DETAIL, ('false') means OFF", () => {
    assert.equal(app(`@app:statistics('true')` + QUERIES).runtime.statistics.level, 'DETAIL');
    assert.equal(app(`@app:statistics('false')` + QUERIES).runtime.statistics.level, 'OFF');
  });

  test('an unknown level is rejected with its line and column', () => {
    assert.throws(
      () => app(`@app:statistics(level='LOUD')\n` + QUERIES),
      (e: unknown) =>
        e instanceof SiddhiAppCreationError &&
        e.diagnostics[0]!.line === 1 &&
        /'LOUD' is not one of OFF, BASIC, DETAIL/.test(e.diagnostics[0]!.message),
    );
  });

  test('an error inside a query is logged with the app, stream and query names and counted', () => {
    const { runtime, logger } = app(`
      @app:name('Boomer')
      define function boom[javascript] return int { throw new Error('always'); };
      define stream S (v int);
      @info(name='fine') from S select v insert into Ok;
      @info(name='exploding') from S select boom(v) as w insert into O;`);
    runtime.start();
    runtime.getInputHandler('S').send([7]);
    const line = logger.lines.find((l) => l.level === 'error');
    assert.ok(line);
    assert.equal(line['app'], 'Boomer');
    assert.equal(line['stream'], 'S');
    assert.equal(line['query'], 'exploding');
    assert.equal(runtime.statistics.queries.get('exploding')!.errors, 1);
    assert.equal(runtime.statistics.queries.get('fine')!.errors, 0);
  });
});
