import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';

const T0 = 1577836800000;

function start(app: string, skipCheck = false): SiddhiAppRuntime {
  const r = new SiddhiManager({
    clock: 'virtual',
    startTime: T0,
    logger: memoryLogger(),
    skipCheck,
  }).createSiddhiAppRuntime(app);
  r.start();
  return r;
}

/** Collects a query's current and expired events. */
function collect(r: SiddhiAppRuntime, query: string): { in: unknown[][]; remove: unknown[][] } {
  const got = { in: [] as unknown[][], remove: [] as unknown[][] };
  r.addQueryCallback(query, (_ts, inEvents: Event[] | null, removeEvents: Event[] | null) => {
    for (const e of inEvents ?? []) got.in.push(e.data);
    for (const e of removeEvents ?? []) got.remove.push(e.data);
  });
  return got;
}

const lengthApp = (output: string): string => `@app:name('W${output.replace(/\W/g, '')}')
define stream S (symbol string, price double);
define window W (symbol string, price double) length(2) ${output};
@info(name = 'feed') from S insert into W;
@info(name = 'read') from W select symbol, price insert all events into Out;`;

describe('named windows', () => {
  test('readers receive current and expired events (output all events, the default)', () => {
    for (const output of ['', 'output all events']) {
      const r = start(lengthApp(output));
      const got = collect(r, 'read');
      const s = r.getInputHandler('S');
      s.send(['A', 1]);
      s.send(['B', 2]);
      s.send(['C', 3]);
      assert.deepEqual(got.in, [
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]);
      assert.deepEqual(got.remove, [['A', 1]]);
    }
  });

  test('output current events / output expired events filter what readers see', () => {
    const cur = start(lengthApp('output current events'));
    const gotCur = collect(cur, 'read');
    const exp = start(lengthApp('output expired events'));
    const gotExp = collect(exp, 'read');
    for (const r of [cur, exp]) {
      const s = r.getInputHandler('S');
      s.send(['A', 1]);
      s.send(['B', 2]);
      s.send(['C', 3]);
    }
    assert.deepEqual(gotCur, {
      in: [
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ],
      remove: [],
    });
    assert.deepEqual(gotExp, { in: [], remove: [['A', 1]] });
  });

  test('several readers share one window; on-demand queries read its contents', () => {
    const r = start(`@app:name('shared')
      define stream S (symbol string, price double);
      define window W (symbol string, price double) length(3);
      from S insert into W;
      @info(name = 'cheap') from W[price < 10] select symbol insert into Cheap;
      @info(name = 'total') from W select sum(price) as total insert into Totals;`);
    const cheap = collect(r, 'cheap');
    const total = collect(r, 'total');
    const s = r.getInputHandler('S');
    for (const [sym, p] of [
      ['A', 5],
      ['B', 50],
      ['C', 7],
      ['D', 100],
    ] as const)
      s.send([sym, p]);
    assert.deepEqual(cheap.in, [['A'], ['C']]);
    assert.deepEqual(total.in, [[5], [55], [62], [157]]);
    assert.deepEqual(r.query('from W select symbol'), [['B'], ['C'], ['D']]);
    assert.deepEqual(r.query('from W on price > 60 select symbol, price'), [['D', 100]]);
    assert.deepEqual(r.query('from W select count() as n, max(price) as m'), [[3, 100]]);
  });

  test('readers of a batch window aggregate per batch', () => {
    const r = start(`@app:name('batch')
      define stream S (symbol string, price double);
      define window W (symbol string, price double) lengthBatch(2);
      from S insert into W;
      @info(name = 'sum') from W select sum(price) as total insert into Totals;`);
    const got = collect(r, 'sum');
    const s = r.getInputHandler('S');
    for (const p of [1, 2, 3, 4, 5]) s.send(['X', p]);
    assert.deepEqual(got.in, [[3], [7]]);
  });

  test('timer-driven windows fire on the virtual clock', () => {
    const r = start(`@app:name('timed')
      define stream S (symbol string);
      define window W (symbol string) time(1 sec) output expired events;
      from S insert into W;
      @info(name = 'gone') from W select symbol insert expired events into Gone;`);
    const got = collect(r, 'gone');
    r.getInputHandler('S').send(['A']);
    r.manualClock!.advanceBy(500);
    assert.deepEqual(got.remove, []);
    r.manualClock!.advanceBy(600);
    assert.deepEqual(got.remove, [['A']]);
    assert.deepEqual(r.query('from W'), []);
  });

  test('the window is a source for queries defined before its feeders, and for the in operator', () => {
    const r = start(
      `@app:name('inw')
      define stream S (symbol string);
      define stream C (symbol string);
      define window W (symbol string) length(2);
      @info(name = 'check') from C[(symbol == W.symbol) in W] select symbol insert into Known;
      from S insert into W;`,
      // The semantic checker does not know `in <window>` yet; the builder does.
      true,
    );
    const got = collect(r, 'check');
    r.getInputHandler('S').send(['A']);
    r.getInputHandler('C').send(['A']);
    r.getInputHandler('C').send(['B']);
    assert.deepEqual(got.in, [['A']]);
  });

  test('snapshot and restore carry the window contents', () => {
    const app = lengthApp('');
    const r = start(app);
    const s = r.getInputHandler('S');
    s.send(['A', 1]);
    s.send(['B', 2]);
    const bytes = r.snapshot();
    const r2 = start(app);
    r2.restore(bytes);
    const got = collect(r2, 'read');
    r2.getInputHandler('S').send(['C', 3]);
    assert.deepEqual(got.remove, [['A', 1]]);
    assert.deepEqual(r2.query('from W select symbol'), [['B'], ['C']]);
  });

  test('creation fails for wrong inserts, writes other than insert, and clashing names', () => {
    const m = new SiddhiManager({ clock: 'virtual', startTime: T0 });
    const bad = [
      `define stream S (a int); define window W (a string) length(1); from S insert into W;`,
      `define stream S (a string); define window W (a string) length(1); from S delete W on W.a == a;`,
      `define stream W (a string); define window W (a string) length(1);`,
      `define window W (a string) nope(1);`,
    ];
    for (const app of bad) assert.throws(() => m.createSiddhiAppRuntime(app), Error, app);
  });
});
