import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { SnapshotError } from '../../src/engine/persistence/snapshot-codec.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';

const START = 1577836800000;

function app(text: string) {
  const logger = memoryLogger();
  const manager = new SiddhiManager({ clock: 'virtual', startTime: START, logger });
  const runtime = manager.createSiddhiAppRuntime(text);
  return { manager, runtime, logger };
}

function collect(runtime: ReturnType<typeof app>['runtime'], query: string) {
  const got = { in: [] as unknown[][], remove: [] as unknown[][], timestamps: [] as number[] };
  runtime.addQueryCallback(query, (_ts, ins, rem) => {
    for (const e of ins ?? []) {
      got.in.push(e.data);
      got.timestamps.push(e.timestamp);
    }
    for (const e of rem ?? []) got.remove.push(e.data);
  });
  return got;
}

describe('typed expressions', () => {
  test('int and long arithmetic truncate and wrap like Java; float stays 32-bit; null propagates', () => {
    const { runtime } = app(`
      define stream S (i int, j int, l long, f float, d double);
      @info(name='q') from S
      select i / j as div, i * j as mul, l / 4L as ldiv, f * 2 as f2, d % 2.0 as m, i + f as mixed, i + d as plus
      insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    const h = runtime.getInputHandler('S');
    h.send([100, 23, 9, 55.6, 9.5]);
    h.send([2147483647, 2, 10, 1.1, -3.5]);
    h.send([null, 1, 1, null, 1.0]);
    assert.deepEqual(got.in[0], [
      4,
      2300,
      2,
      Math.fround(Math.fround(55.6) * 2),
      1.5,
      Math.fround(100 + Math.fround(55.6)),
      109.5,
    ]);
    assert.equal(got.in[1]![1], -2, 'int multiplication wraps at 32 bits');
    assert.deepEqual(got.in[2], [null, null, 0, null, 1, null, null]);
  });

  test("the input handler copies what it is sent: the sender's array may be reused; a non-array is refused", () => {
    const { runtime } = app(`
      define stream S (s string, f float, v long);
      @info(name='q') from S#window.length(5) select s, f, v insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    const h = runtime.getInputHandler('S');
    const reused: unknown[] = ['a', 1.1, 1];
    h.send(reused);
    reused[0] = 'b';
    reused[1] = 2.2;
    h.send(reused);
    h.send(['short']);
    h.send(['long', 3.3, 3, 'extra']);
    assert.deepEqual(got.in, [
      ['a', Math.fround(1.1), 1],
      ['b', Math.fround(2.2), 1],
      ['short', undefined, undefined],
      ['long', Math.fround(3.3), 3],
    ]);
    assert.equal(reused[1], 2.2, "the sender's array is not changed");
    assert.throws(
      () => h.send({ s: 'x' } as unknown as unknown[]),
      new TypeError("an event of stream 'S' is an array of its values (s string, f float, v long), not object"),
    );
  });

  test('a stream the app does not have is named in the error, with the streams it has', () => {
    const { runtime } = app(`@app:name('Named')
      define stream S (v int);
      @info(name='q') from S select v insert into O;`);
    const expected = new Error("no stream 'Nope' in app 'Named'; its streams are S, O");
    assert.throws(() => runtime.getInputHandler('Nope'), expected);
    assert.throws(() => runtime.addStreamCallback('Nope', () => undefined), expected);
  });

  test('comparisons with null are false, and string equality is exact', () => {
    const { runtime } = app(`
      define stream S (s string, v int);
      @info(name='q') from S[v > 5 or s == 'A'] select s, v insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    const h = runtime.getInputHandler('S');
    h.send(['A', null]);
    h.send(['a', 6]);
    h.send(['a', null]);
    h.send([null, 3]);
    assert.deepEqual(got.in, [
      ['A', null],
      ['a', 6],
    ]);
  });
});

describe('queries', () => {
  test('with an aggregate, a chunk emits its last event: an expired event and the current one that pushed it out collapse (Siddhi 5.1 batches every chunk)', () => {
    const { runtime } = app(`
      define stream S (k string, v int);
      @info(name='q') from S#window.length(2) select k, sum(v) as total insert all events into O;
      @info(name='plain') from S#window.length(2) select k, v insert all events into P;`);
    const got = collect(runtime, 'q');
    const plain = collect(runtime, 'plain');
    runtime.start();
    const h = runtime.getInputHandler('S');
    for (const [k, v] of [
      ['a', 1],
      ['b', 2],
      ['c', 4],
    ] as const)
      h.send([k, v]);
    assert.deepEqual(got.in, [
      ['a', 1],
      ['b', 3],
      ['c', 6],
    ]);
    assert.deepEqual(got.remove, []);
    // Without aggregates every event is emitted, the expired one included.
    assert.deepEqual(plain.remove, [['a', 1]]);
  });

  test('insert all events reports the expired events a timer removes from a sliding window (last one per chunk)', () => {
    const { runtime } = app(`
      define stream S (k string, v int);
      @info(name='q') from S#window.time(1 sec) select k, sum(v) as total insert all events into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    const h = runtime.getInputHandler('S');
    h.send(['a', 1]);
    h.send(['b', 2]);
    runtime.manualClock!.advanceBy(1500);
    assert.deepEqual(got.in, [
      ['a', 1],
      ['b', 3],
    ]);
    // Both expire on the same tick, in one chunk: one expired output, after both left the sum.
    assert.deepEqual(got.remove, [['b', null]]);
  });

  test('a batch window with group by emits one event per group, in first-seen order, with order by and limit', () => {
    const { runtime } = app(`
      define stream S (k string, v int);
      @info(name='q') from S#window.lengthBatch(4) select k, sum(v) as total group by k order by total desc limit 2 insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    const h = runtime.getInputHandler('S');
    for (const [k, v] of [
      ['a', 1],
      ['b', 5],
      ['a', 2],
      ['c', 4],
    ] as const)
      h.send([k, v]);
    assert.deepEqual(got.in, [
      ['b', 5],
      ['c', 4],
    ]);
  });

  test('an inferred stream feeds a later query, and a stream callback sees it', () => {
    const { runtime } = app(`
      define stream S (v int);
      @info(name='double') from S select v * 2 as w insert into Mid;
      @info(name='big') from Mid[w > 5] select w insert into Out;`);
    const out: unknown[][] = [];
    runtime.addStreamCallback('Out', (events) => out.push(...events.map((e) => e.data)));
    runtime.start();
    for (const v of [1, 3, 4]) runtime.getInputHandler('S').send([v]);
    assert.deepEqual(out, [[6], [8]]);
    assert.deepEqual(runtime.getOutputStreamNames(), ['Out']);
  });
});

describe('tables in selections', () => {
  test("'in T' works in a select as it does in a filter", () => {
    const { runtime } = app(`
      define stream S (v int); define stream A (v int); define table T (v int);
      from A insert into T;
      @info(name='q') from S select v, (v == T.v) in T as known insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    runtime.getInputHandler('A').send([1]);
    runtime.getInputHandler('S').send([1]);
    runtime.getInputHandler('S').send([2]);
    assert.deepEqual(got.in, [
      [1, true],
      [2, false],
    ]);
  });
});

describe('time', () => {
  test('a time window expires an event exactly at its timestamp + length on the virtual clock', () => {
    const { runtime } = app(`
      define stream S (v int);
      @info(name='q') from S#window.time(1 sec) select v insert expired events into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    runtime.getInputHandler('S').send([1]);
    runtime.advanceTime(999);
    assert.deepEqual(got.remove, []);
    runtime.advanceTime(1);
    assert.deepEqual(got.remove, [[1]]);
  });

  test('a periodic trigger fires on the app clock', () => {
    const { runtime } = app(`
      define trigger T at every 2 sec;
      @info(name='q') from T select triggered_time insert into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    runtime.advanceTime(5000);
    assert.deepEqual(got.in, [[START + 2000], [START + 4000]]);
  });

  test('playback: events drive the clock, and idle time moves it by the increment', () => {
    const { runtime } = app(`
      @app:playback(idle.time = '100 millisecond', increment = '1 sec')
      define stream S (v int);
      @info(name='q') from S#window.time(2 sec) select v insert all events into O;`);
    const got = collect(runtime, 'q');
    runtime.start();
    runtime.getInputHandler('S').send(1000, [1]);
    runtime.getInputHandler('S').send(2500, [2]);
    assert.equal(runtime.manualClock?.now(), 2500);
    assert.deepEqual(got.remove, []);
    runtime.advanceTime(99);
    assert.equal(runtime.manualClock?.now(), 2500, 'not idle long enough yet');
    runtime.advanceTime(1);
    assert.equal(runtime.manualClock?.now(), 3500);
    assert.deepEqual(got.remove, [[1]]);
  });

  test('playback needs both idle.time and increment, as times', () => {
    assert.throws(
      () => app(`@app:playback(idle.time = '') define stream S (v int); from S select v insert into O;`),
      SiddhiAppCreationError,
    );
    assert.throws(
      () =>
        app(
          `@app:playback(idle.time = 'soon', increment = '1 sec') define stream S (v int); from S select v insert into O;`,
        ),
      /is not a time/,
    );
  });

  test('playback times must name their unit: a bare number is rejected', () => {
    assert.throws(
      () =>
        app(
          `@app:playback(idle.time = '100 millisecond', increment = '2') define stream S (v int); from S select v insert into O;`,
        ),
      /'2' is not a time/,
    );
  });
});

describe('errors', () => {
  test('@OnError(action=STREAM) routes a failing event to the fault stream with its cause; others go on', () => {
    const { runtime } = app(`
      define function boom[javascript] return int { if (data[0] < 0) throw new Error('negative'); return data[0]; };
      @OnError(action='STREAM')
      define stream S (v int);
      @info(name='q') from S select boom(v) as w insert into O;
      @info(name='faults') from !S select v, _error insert into Faults;`);
    const got = collect(runtime, 'q');
    const faults = collect(runtime, 'faults');
    runtime.start();
    for (const v of [1, -1, 2]) runtime.getInputHandler('S').send([v]);
    assert.deepEqual(got.in, [[1], [2]]);
    assert.equal(faults.in.length, 1);
    assert.equal(faults.in[0]![0], -1);
    assert.match(String(faults.in[0]![1]), /negative/);
  });

  test('without @OnError a failing event is logged with its data and the process goes on', () => {
    const { runtime, logger } = app(`
      define function boom[javascript] return int { throw new Error('always'); };
      define stream S (v int);
      @info(name='q') from S select boom(v) as w insert into O;`);
    runtime.start();
    runtime.getInputHandler('S').send([7]);
    const line = logger.lines.find((l) => l.level === 'error');
    assert.ok(line);
    assert.match(line.msg, /always/);
    assert.deepEqual(line['events'], [[7]]);
  });

  test('checkSiddhiApp lists what creation would refuse, with positions, and builds nothing', () => {
    const manager = new SiddhiManager({ clock: 'virtual', startTime: START, logger: memoryLogger() });
    const errors = manager.checkSiddhiApp(`define stream S (v int);\nfrom S[w > 1] select v insert into O;`);
    assert.deepEqual(
      errors.map((d) => [d.line, d.column]),
      [[2, 8]],
    );
    assert.match(errors[0]!.message, /'w'/);
    assert.deepEqual(manager.checkSiddhiApp(`define stream S (v int);\nfrom S[v > 1] select v insert into O;`), []);
    assert.deepEqual(manager.getSiddhiAppRuntimes(), []);
  });

  test('validateSiddhiApp leaves a running app of the same name registered', () => {
    const manager = new SiddhiManager({ clock: 'virtual', startTime: START, logger: memoryLogger() });
    const running = manager.createSiddhiAppRuntime(`@app:name('Twin') define stream S (v int);`);
    manager.validateSiddhiApp(`@app:name('Twin') define stream S (v int, w int);`);
    assert.equal(manager.getSiddhiAppRuntime('Twin'), running);
  });

  test('a bad app is rejected with the line and column of every problem', () => {
    try {
      app(`define stream S (v int);\nfrom S[w > 1] select v insert into O;`);
      assert.fail('should not be created');
    } catch (e) {
      assert.ok(e instanceof SiddhiAppCreationError);
      const d = e.diagnostics[0]!;
      assert.equal(d.line, 2);
      assert.equal(d.column, 8);
      assert.match(d.message, /'w'/);
    }
  });
});

describe('state', () => {
  test('persist and restore reproduce the outputs an uninterrupted run gives', () => {
    const text = `
      @app:name('Totals')
      define stream S (k string, v int);
      @info(name='q') from S#window.length(3) select k, sum(v) as total group by k insert into O;`;
    const events: [string, number][] = [
      ['a', 1],
      ['a', 2],
      ['b', 3],
      ['a', 4],
      ['b', 5],
      ['a', 6],
    ];
    const straight = app(text);
    const whole = collect(straight.runtime, 'q');
    straight.runtime.start();
    for (const e of events) straight.runtime.getInputHandler('S').send(e);

    const first = app(text);
    const before = collect(first.runtime, 'q');
    first.runtime.start();
    for (const e of events.slice(0, 3)) first.runtime.getInputHandler('S').send(e);
    const snapshot = first.runtime.snapshot();
    void first.runtime.shutdown();

    const second = app(text);
    const after = collect(second.runtime, 'q');
    second.runtime.start();
    second.runtime.restore(snapshot);
    for (const e of events.slice(3)) second.runtime.getInputHandler('S').send(e);
    assert.deepEqual([...before.in, ...after.in], whole.in);
  });

  test('a corrupt or foreign snapshot is refused before anything changes', () => {
    const a = app(
      `@app:name('A') define stream S (v int); @info(name='q') from S#window.length(2) select sum(v) as s insert into O;`,
    );
    const b = app(
      `@app:name('B') define stream S (v int); @info(name='q') from S#window.length(2) select sum(v) as s insert into O;`,
    );
    a.runtime.start();
    a.runtime.getInputHandler('S').send([5]);
    const snap = a.runtime.snapshot();
    assert.throws(() => b.runtime.restore(snap), SnapshotError);
    const corrupt = Uint8Array.from(snap);
    corrupt[corrupt.length - 1] ^= 0xff;
    assert.throws(() => a.runtime.restore(corrupt), /checksum/);
    const got = collect(a.runtime, 'q');
    a.runtime.getInputHandler('S').send([1]);
    assert.deepEqual(got.in, [[6]], 'the state is unchanged after refused restores');
  });
});
