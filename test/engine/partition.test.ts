import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import { partitionRuntimeOf } from '../../src/engine/partition/inspect.js';
import { timeToMillis } from '../../src/engine/partition/purge-options.js';

const T0 = 1577836800000;

function create(app: string): SiddhiAppRuntime {
  return new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(app);
}

function start(app: string): SiddhiAppRuntime {
  const r = create(app);
  r.start();
  return r;
}

/** Every event inserted into `stream`, as data. */
function events(r: SiddhiAppRuntime, stream: string): unknown[][] {
  const out: unknown[][] = [];
  r.addStreamCallback(stream, (es) => out.push(...es.map((e) => e.data)));
  return out;
}

const S = 'define stream S (symbol string, price double, volume int);\n';

describe('value partitions', () => {
  test('a named window partitioned by key feeds each key its own reader; an unpartitioned one feeds all', () => {
    const r = start(
      `${S}define window W (symbol string, price double, volume int) lengthBatch(2);
      @info(name='p') partition with (symbol of W) begin
        @info(name='q') from W select symbol, count() as n insert into Out;
      end;
      @info(name='p2') partition with (symbol of S) begin
        from S select symbol insert into Seen;
        @info(name='q2') from W select symbol, count() as n insert into All;
      end;
      from S insert into W;`,
    );
    const out = events(r, 'Out');
    const all = events(r, 'All');
    const h = r.getInputHandler('S');
    h.send(['A', 1, 0]);
    h.send(['B', 2, 0]);
    h.send(['A', 3, 0]);
    h.send(['A', 4, 0]);
    // The batch [A, B]: each key's instance counts only its own events.
    assert.deepEqual(out, [
      ['A', 1],
      ['B', 1],
      ['A', 2],
    ]);
    assert.deepEqual(partitionRuntimeOf(r, 'p')!.keys().sort(), ['A', 'B']);
    // p2's instances (A and B, created by S) each see every batch of the window.
    assert.equal(all.length, 4);
  });

  test('each key has its own window and aggregate; instances are created on first use', () => {
    const r = start(
      `${S}@info(name='p') partition with (symbol of S) begin
        @info(name='q') from S#window.length(2) select symbol, sum(price) as total insert into Out;
      end;`,
    );
    const out = events(r, 'Out');
    const p = partitionRuntimeOf(r, 'p')!;
    assert.deepEqual(p.keys(), []);
    const h = r.getInputHandler('S');
    h.send(['A', 1, 0]);
    h.send(['B', 10, 0]);
    h.send(['A', 2, 0]);
    h.send(['A', 4, 0]);
    h.send(['B', 20, 0]);
    assert.deepEqual(out, [
      ['A', 1],
      ['B', 10],
      ['A', 3],
      ['A', 6],
      ['B', 30],
    ]);
    assert.deepEqual(p.keys(), ['A', 'B']);
  });

  test('a null key is dropped; numeric keys partition by value', () => {
    const r = start(
      `define stream T (id int, v int);
      partition with (id of T) begin from T select id, count() as n insert into Out; end;`,
    );
    const out = events(r, 'Out');
    const h = r.getInputHandler('T');
    h.send([1, 0]);
    h.send([null, 0]);
    h.send([2, 0]);
    h.send([1, 0]);
    assert.deepEqual(out, [
      [1, 1],
      [2, 1],
      [1, 2],
    ]);
  });

  test('keys of different types meet by their Java text: a double 4 is "4.0", 10^7 "1.0E7", a float 0.1 "0.1"', () => {
    const r = start(
      `define stream Named (id string, tag string);
      define stream Measured (id double, v int);
      define stream Rated (id float, v int);
      @info(name='p') partition with (id of Named, id of Measured, id of Rated) begin
        from every e1=Named -> e2=Measured select e1.tag as tag, e2.v as v insert into Paired;
        from every e1=Named -> e2=Rated select e1.tag as tag, e2.v as v insert into Rates;
      end;`,
    );
    const paired = events(r, 'Paired');
    const rates = events(r, 'Rates');
    const named = r.getInputHandler('Named');
    named.send(['4.0', 'four point zero']);
    named.send(['4', 'four']);
    named.send(['0.1', 'a tenth']);
    named.send(['1.0E7', 'ten million']);
    r.getInputHandler('Measured').send([4, 1]);
    r.getInputHandler('Measured').send([1e7, 3]);
    r.getInputHandler('Rated').send([0.1, 2]);
    assert.deepEqual(paired, [
      ['four point zero', 1],
      ['ten million', 3],
    ]);
    assert.deepEqual(rates, [['a tenth', 2]]);
    assert.deepEqual(partitionRuntimeOf(r, 'p')!.keys(), ['4.0', '4', '0.1', '1.0E7']);
  });

  test('a chunk is split into runs of one key, each delivered as one chunk', () => {
    const r = start(
      `${S}partition with (symbol of S) begin
        @info(name='q') from S#window.lengthBatch(2) select symbol, sum(price) as total insert into Out;
      end;`,
    );
    const calls: unknown[][][] = [];
    r.addQueryCallback('q', (_t, inEvents) => calls.push((inEvents ?? []).map((e) => e.data)));
    r.getInputHandler('S').send([
      { data: ['A', 1, 0] },
      { data: ['A', 2, 0] },
      { data: ['B', 5, 0] },
      { data: ['B', 6, 0] },
    ]);
    assert.deepEqual(calls, [[['A', 3]], [['B', 11]]]);
  });

  test('inner streams stay inside their instance; unpartitioned streams reach every instance', () => {
    const r = start(
      `${S}define stream Reset (x int);
      partition with (symbol of S) begin
        from S select symbol, price insert into #Seen;
        from #Seen select symbol, price * 2 as doubled insert into Out;
        from Reset select 'reset' as symbol, cast(x, 'double') as doubled insert into Out;
      end;`,
    );
    const out = events(r, 'Out');
    r.getInputHandler('Reset').send([0]);
    r.getInputHandler('S').send(['A', 1, 0]);
    r.getInputHandler('S').send(['B', 2, 0]);
    r.getInputHandler('Reset').send([7]);
    assert.deepEqual(out, [
      ['A', 2],
      ['B', 4],
      ['reset', 7],
      ['reset', 7],
    ]);
  });

  test('a query callback receives the output of every instance', () => {
    const r = start(
      `${S}partition with (symbol of S) begin @info(name='q') from S select symbol insert into Out; end;`,
    );
    const seen: unknown[] = [];
    r.addQueryCallback('q', (_t, inEvents) => seen.push(...(inEvents ?? []).map((e) => e.data[0])));
    for (const s of ['A', 'B', 'A', 'C']) r.getInputHandler('S').send([s, 1, 0]);
    assert.deepEqual(seen, ['A', 'B', 'A', 'C']);
    assert.deepEqual(r.getQueryNames(), ['q']);
  });

  test('several streams share the instances of equal keys', () => {
    const r = start(
      `${S}define stream U (name string, price double);
      partition with (symbol of S, name of U) begin
        from S select symbol as k, price insert into #All;
        from U select name as k, price insert into #All;
        from #All select k, sum(price) as total insert into Out;
      end;`,
    );
    const out = events(r, 'Out');
    r.getInputHandler('S').send(['A', 1, 0]);
    r.getInputHandler('U').send(['A', 10]);
    r.getInputHandler('U').send(['B', 100]);
    assert.deepEqual(out, [
      ['A', 1],
      ['A', 11],
      ['B', 100],
    ]);
  });
});

describe('range partitions', () => {
  test('an event matching overlapping ranges is processed once per range, in written order; none: dropped', () => {
    const r = start(
      `${S}partition with (price >= 100 as 'large' or price < 100 as 'medium' or price < 50 as 'small' or price < 0 as 'neg' of S)
      begin from S[price >= 0] select symbol, sum(price) as total, count() as n insert into Out; end;`,
    );
    const out = events(r, 'Out');
    const h = r.getInputHandler('S');
    h.send(['a', 25, 0]); // medium and small
    h.send(['b', 150, 0]); // large
    h.send(['c', 60, 0]); // medium
    h.send(['d', 10, 0]); // medium and small
    assert.deepEqual(out, [
      ['a', 25, 1],
      ['a', 25, 1],
      ['b', 150, 1],
      ['c', 85, 2],
      ['d', 95, 3],
      ['d', 35, 2],
    ]);
  });

  test('in a chunk, overlapping ranges give each range its own run', () => {
    const r = start(
      `${S}partition with (price < 100 as 'low' or price < 50 as 'lower' of S) begin
        @info(name='q') from S select symbol, count() as n insert into Out;
      end;`,
    );
    const calls: unknown[][][] = [];
    r.addQueryCallback('q', (_t, inEvents) => calls.push((inEvents ?? []).map((e) => e.data)));
    r.getInputHandler('S').send([{ data: ['x', 10, 0] }, { data: ['y', 70, 0] }, { data: ['z', 200, 0] }]);
    assert.deepEqual(calls, [[['x', 1]], [['x', 1]], [['y', 2]]]);
  });
});

describe('@purge', () => {
  const app = `${S}@info(name='p') @purge(enable='true', interval='1 sec', idle.period='2 sec')
    partition with (symbol of S) begin
      from S#window.length(5) select symbol, count() as n insert into Out;
    end;`;

  test('instances idle for longer than idle.period are removed at the next purge tick', () => {
    const r = start(app);
    const out = events(r, 'Out');
    const clock = r.manualClock!;
    const p = partitionRuntimeOf(r, 'p')!;
    const h = r.getInputHandler('S');
    h.send(['A', 1, 0]);
    h.send(['B', 1, 0]);
    clock.advanceBy(1500);
    h.send(['A', 1, 0]); // A used at T0+1500
    clock.advanceBy(1500); // tick at T0+3000: B idle since T0 (> 2 s): purged; A kept
    assert.deepEqual(p.keys(), ['A']);
    h.send(['B', 1, 0]); // a fresh instance: its window starts empty
    h.send(['A', 1, 0]);
    assert.deepEqual(out, [
      ['A', 1],
      ['B', 1],
      ['A', 2],
      ['B', 1],
      ['A', 3],
    ]);
    clock.advanceBy(4000);
    assert.deepEqual(p.keys(), []);
  });

  test('enable=false keeps every instance; a bad annotation is a creation error', () => {
    const r = start(app.replace("enable='true'", "enable='false'"));
    const clock = r.manualClock!;
    r.getInputHandler('S').send(['A', 1, 0]);
    clock.advanceBy(60_000);
    assert.deepEqual(partitionRuntimeOf(r, 'p')!.keys(), ['A']);
    assert.throws(() => create(app.replace("enable='true'", "enable='maybe'")), /enable/);
    assert.throws(() => create(app.replace(", idle.period='2 sec'", '')), /idle\.period/);
  });

  test('time texts', () => {
    assert.equal(timeToMillis('1 sec'), 1000);
    assert.equal(timeToMillis('500 millisec'), 500);
    assert.equal(timeToMillis('2 min'), 120_000);
    assert.equal(timeToMillis('1500'), 1500);
    assert.equal(timeToMillis('soon'), undefined);
  });
});

describe('snapshot and restore', () => {
  const app = `@app:name('P') ${S}@info(name='p') partition with (symbol of S) begin
    @info(name='q') from S#window.length(2) select symbol, sum(price) as total insert into Out;
  end;`;

  test('every instance is restored, recreated in a new runtime', () => {
    const r1 = start(app);
    const h1 = r1.getInputHandler('S');
    h1.send(['A', 1, 0]);
    h1.send(['B', 10, 0]);
    h1.send(['A', 2, 0]);
    h1.send(['C', 100, 0]);
    const snap = r1.snapshot();
    h1.send(['A', 1000, 0]); // after the snapshot: forgotten

    const r2 = start(app);
    const out = events(r2, 'Out');
    r2.restore(snap);
    assert.deepEqual(partitionRuntimeOf(r2, 'p')!.keys(), ['A', 'B', 'C']);
    const h2 = r2.getInputHandler('S');
    h2.send(['A', 4, 0]); // window [2, 4]
    h2.send(['B', 20, 0]); // [10, 20]
    h2.send(['C', 200, 0]); // [100, 200]
    h2.send(['D', 5, 0]); // new
    assert.deepEqual(out, [
      ['A', 6],
      ['B', 30],
      ['C', 300],
      ['D', 5],
    ]);
  });

  test('restore drops instances the snapshot does not have', () => {
    const r = start(app);
    const out = events(r, 'Out');
    const h = r.getInputHandler('S');
    h.send(['A', 1, 0]);
    const snap = r.snapshot();
    h.send(['B', 10, 0]);
    h.send(['A', 2, 0]);
    r.restore(snap);
    assert.deepEqual(partitionRuntimeOf(r, 'p')!.keys(), ['A']);
    h.send(['A', 5, 0]);
    h.send(['B', 7, 0]);
    assert.deepEqual(out.slice(3), [
      ['A', 6],
      ['B', 7],
    ]);
  });
});

describe('creation errors', () => {
  test('partitioning an undefined stream, an unknown key attribute, an undefined inner stream', () => {
    assert.throws(() => create(`${S}partition with (symbol of X) begin from S select symbol insert into O; end;`), /X/);
    assert.throws(
      () => create(`${S}partition with (name of S) begin from S select symbol insert into O; end;`),
      /name/,
    );
    assert.throws(
      () => create(`${S}partition with (symbol of S) begin from #Nope select symbol insert into O; end;`),
      /Nope/,
    );
  });

  test('inner stream names do not leak out of the partition', () => {
    const r = start(`${S}partition with (symbol of S) begin from S select symbol insert into #Inner; end;`);
    assert.equal(r.getStreamNames().includes('#Inner'), false);
    assert.equal(r.getStreamNames().includes('Inner'), false);
  });
});
