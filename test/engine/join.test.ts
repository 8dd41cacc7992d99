import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';
import { SiddhiAppCreationError } from '../../src/lang/errors.js';
import { findableOf, joinInfoOf } from '../../src/engine/join/inspect.js';
import { InMemoryTable } from '../../src/engine/table/in-memory-table.js';

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

interface Got {
  in: unknown[][];
  remove: unknown[][];
  inTs: number[];
  removeTs: number[];
  calls: number;
}

function collect(r: SiddhiAppRuntime, query = 'q'): Got {
  const got: Got = { in: [], remove: [], inTs: [], removeTs: [], calls: 0 };
  r.addQueryCallback(query, (_ts, inEvents: Event[] | null, removeEvents: Event[] | null) => {
    got.calls++;
    for (const e of inEvents ?? []) {
      got.in.push(e.data);
      got.inTs.push(e.timestamp);
    }
    for (const e of removeEvents ?? []) {
      got.remove.push(e.data);
      got.removeTs.push(e.timestamp);
    }
  });
  return got;
}

/** The message of the join builder (the app checker, which runs first, is skipped); the checker must reject it too. */
function creationError(app: string): string {
  assert.throws(() => start(app), SiddhiAppCreationError);
  try {
    start(app, true);
  } catch (e) {
    assert.ok(e instanceof SiddhiAppCreationError, String(e));
    return e.message;
  }
  assert.fail('expected the app to be rejected');
}

/** Repeatable pseudo-random whole numbers: rand(n) is in 0..n-1. */
function randomInts(seed: number): (n: number) => number {
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return (seed >>> 16) % n;
  };
}

const STREAMS = 'define stream L (k string, v int); define stream R (k string, w int);';

function lengthJoin(join: string, select = 'select L.k as lk, R.k as rk, v, w'): string {
  return `${STREAMS}
@info(name = 'q') from L#window.length(1) ${join} R#window.length(1) on L.k == R.k
${select} insert all events into Out;`;
}

describe('stream joins', () => {
  test('inner join: current and expired matches, with the arriving event timestamp', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(2) join R#window.length(2) on L.k == R.k
select L.k as k, v, w insert all events into Out;`);
    const got = collect(r);
    const l = r.getInputHandler('L');
    const rr = r.getInputHandler('R');
    l.send(['a', 1]);
    r.manualClock!.advanceBy(10);
    rr.send(['a', 10]);
    r.manualClock!.advanceBy(10);
    l.send(['a', 2]);
    l.send(['b', 3]);
    rr.send(['b', 20]);
    r.manualClock!.advanceBy(10);
    rr.send(['c', 30]);
    assert.deepEqual(got.in, [
      ['a', 1, 10],
      ['a', 2, 10],
      ['b', 3, 20],
    ]);
    assert.deepEqual(got.inTs, [T0 + 10, T0 + 20, T0 + 20]);
    assert.deepEqual(got.remove, [
      ['a', 1, 10],
      ['a', 2, 10],
    ]);
    // An expired joined event carries the time its event left the window.
    assert.deepEqual(got.removeTs, [T0 + 20, T0 + 30]);
  });

  test('left outer join: unmatched left events pass with nulls, right events match only', () => {
    const r = start(lengthJoin('left outer join'));
    const got = collect(r);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('R').send(['a', 10]);
    r.getInputHandler('R').send(['b', 20]);
    r.getInputHandler('L').send(['c', 2]);
    assert.deepEqual(got.in, [
      ['a', null, 1, null],
      ['a', 'a', 1, 10],
      ['c', null, 2, null],
    ]);
    assert.deepEqual(got.remove, [
      ['a', 'a', 1, 10],
      ['a', null, 1, null],
    ]);
  });

  test('right outer join mirrors the left outer join', () => {
    const r = start(lengthJoin('right outer join'));
    const got = collect(r);
    r.getInputHandler('R').send(['a', 10]);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('L').send(['b', 2]);
    r.getInputHandler('R').send(['c', 20]);
    assert.deepEqual(got.in, [
      [null, 'a', null, 10],
      ['a', 'a', 1, 10],
      [null, 'c', null, 20],
    ]);
    assert.deepEqual(got.remove, [
      ['a', 'a', 1, 10],
      [null, 'a', null, 10],
    ]);
  });

  test('full outer join: unmatched events of both sides pass', () => {
    const r = start(lengthJoin('full outer join'));
    const got = collect(r);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('R').send(['b', 10]);
    r.getInputHandler('R').send(['a', 20]);
    assert.deepEqual(got.in, [
      ['a', null, 1, null],
      [null, 'b', null, 10],
      ['a', 'a', 1, 20],
    ]);
    assert.deepEqual(got.remove, [[null, 'b', null, 10]]);
  });

  test('unidirectional on the left: only left events trigger, the right window still fills', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(2) unidirectional join R#window.length(2) on L.k == R.k
select L.k as k, v, w insert into Out;`);
    const got = collect(r);
    r.getInputHandler('R').send(['a', 10]);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('R').send(['a', 20]);
    r.getInputHandler('L').send(['a', 2]);
    assert.deepEqual(got.in, [
      ['a', 1, 10],
      ['a', 2, 10],
      ['a', 2, 20],
    ]);
    assert.deepEqual(joinInfoOf(r, 'q')?.plans, [undefined, 'index']);
  });

  test('unidirectional on the right: only right events trigger', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(2) join R#window.length(2) unidirectional on L.k == R.k
select L.k as k, v, w insert into Out;`);
    const got = collect(r);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('R').send(['a', 10]);
    r.getInputHandler('L').send(['a', 2]);
    r.getInputHandler('R').send(['a', 20]);
    assert.deepEqual(got.in, [
      ['a', 1, 10],
      ['a', 1, 20],
      ['a', 2, 20],
    ]);
    assert.deepEqual(joinInfoOf(r, 'q')?.plans, ['index', undefined]);
  });

  test('time windows: events leaving a window join as expired events at the time they leave', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.time(1 sec) join R#window.time(1 sec) on L.k == R.k
select L.k as k, v, w insert expired events into Out;`);
    const got = collect(r);
    r.getInputHandler('L').send(['a', 1]);
    r.manualClock!.advanceBy(500);
    r.getInputHandler('R').send(['a', 10]);
    r.manualClock!.advanceBy(600);
    assert.deepEqual(got.remove, [['a', 1, 10]]);
    assert.deepEqual(got.removeTs, [T0 + 1000]);
    r.manualClock!.advanceBy(1000);
    assert.deepEqual(got.remove, [['a', 1, 10]]);
    assert.deepEqual(got.in, []);
  });

  test('a side without a window holds nothing: only the arriving event joins', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L join R#window.length(3) on L.k == R.k select L.k as k, v, w insert all events into Out;`);
    const got = collect(r);
    r.getInputHandler('L').send(['a', 1]);
    r.getInputHandler('R').send(['a', 10]);
    r.getInputHandler('L').send(['a', 2]);
    assert.deepEqual(got.in, [['a', 2, 10]]);
    // Siddhi's empty window expires the event at once: with 'all events' it joins again as expired.
    assert.deepEqual(got.remove, [['a', 2, 10]]);
    assert.deepEqual(joinInfoOf(r, 'q')?.plans, ['none', 'index']);
  });

  test('aggregates: one output per arriving event, the last of its matches', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(5) join R#window.length(5) on L.k == R.k
select L.k as k, count() as n, sum(w) as s insert into Out;`);
    const got = collect(r);
    for (const w of [1, 2, 3]) r.getInputHandler('R').send(['a', w]);
    r.getInputHandler('R').send(['b', 100]);
    r.getInputHandler('L').send(['a', 0]);
    r.getInputHandler('L').send(['a', 0]);
    assert.deepEqual(got.in, [
      ['a', 3, 6],
      ['a', 6, 12],
    ]);
  });

  test('group by: one output per group per arriving event', () => {
    const r = start(`define stream L (k string, v int); define stream R (k string, g string, w int);
@info(name = 'q') from L#window.length(5) join R#window.length(5) on L.k == R.k
select g, sum(w) as s group by g insert into Out;`);
    const got = collect(r);
    r.getInputHandler('R').send(['a', 'x', 1]);
    r.getInputHandler('R').send(['a', 'y', 2]);
    r.getInputHandler('R').send(['a', 'x', 3]);
    r.getInputHandler('L').send(['a', 0]);
    assert.deepEqual(got.in, [
      ['x', 4],
      ['y', 2],
    ]);
  });

  test('a stream without a window joined to a table restarts aggregates for each event', () => {
    const r = start(`define stream S (k string); define stream TIn (k string, p int);
define table T (k string, p int);
from TIn insert into T;
@info(name = 'q') from S join T select S.k as k, count() as n insert into Out;`);
    const got = collect(r);
    for (let i = 0; i < 3; i++) r.getInputHandler('TIn').send([`t${i}`, i]);
    r.getInputHandler('S').send(['x']);
    r.getInputHandler('S').send(['y']);
    assert.deepEqual(got.in, [
      ['x', 3],
      ['y', 3],
    ]);
  });

  test('a table side is probed through its primary key, never scanned, and never triggers', () => {
    for (const order of ['S join T', 'T join S']) {
      const r = start(`define stream S (k string); define stream TIn (k string, p int);
@PrimaryKey('k') define table T (k string, p int);
from TIn insert into T;
@info(name = 'q') from ${order} on T.k == S.k select S.k as k, T.p as p insert into Out;`);
      const got = collect(r);
      for (let i = 0; i < 100; i++) r.getInputHandler('TIn').send([`k${i}`, i]);
      const table = findableOf(r, 'T');
      assert.ok(table instanceof InMemoryTable);
      const before = table.rowsExamined;
      r.getInputHandler('S').send(['k5']);
      r.getInputHandler('S').send(['nope']);
      r.getInputHandler('S').send(['k42']);
      assert.deepEqual(got.in, [
        ['k5', 5],
        ['k42', 42],
      ]);
      assert.equal(table.rowsExamined - before, 2);
      const plans = joinInfoOf(r, 'q')?.plans;
      assert.deepEqual(plans, order === 'S join T' ? [undefined, 'primaryKey'] : ['primaryKey', undefined]);
    }
  });

  test('a table joined with left outer join gives nulls when no row matches', () => {
    const r = start(`define stream S (k string); define stream TIn (k string, p int);
@PrimaryKey('k') define table T (k string, p int);
from TIn insert into T;
@info(name = 'q') from S left outer join T on T.k == S.k select S.k as k, T.p as p insert into Out;`);
    const got = collect(r);
    r.getInputHandler('TIn').send(['a', 1]);
    r.getInputHandler('S').send(['a']);
    r.getInputHandler('S').send(['b']);
    assert.deepEqual(got.in, [
      ['a', 1],
      ['b', null],
    ]);
  });

  test('the key index finds exactly what a scan finds, in the same order', () => {
    const app = (on: string): string => `${STREAMS}
@info(name = 'q') from L#window.length(7) join R#window.time(50 milliseconds) on ${on}
select L.k as k, v, w insert all events into Out;`;
    const indexed = start(app('R.k == L.k and v < w'));
    const scanned = start(app('not (L.k != R.k) and v < w'));
    assert.deepEqual(joinInfoOf(indexed, 'q')?.plans, ['index', 'index']);
    assert.deepEqual(joinInfoOf(scanned, 'q')?.plans, ['scan', 'scan']);
    const a = collect(indexed);
    const b = collect(scanned);
    const rand = randomInts(7);
    for (let i = 0; i < 400; i++) {
      const stream = rand(2) === 0 ? 'L' : 'R';
      const data = [`k${rand(4)}`, rand(100)];
      const step = rand(20);
      for (const r of [indexed, scanned]) {
        r.manualClock!.advanceBy(step);
        r.getInputHandler(stream).send(data);
      }
    }
    assert.ok(a.in.length > 50 && a.remove.length > 50, `${a.in.length} / ${a.remove.length}`);
    assert.deepEqual(a.in, b.in);
    assert.deepEqual(a.remove, b.remove);
    assert.deepEqual(a.removeTs, b.removeTs);
  });

  test('events leaving a time window one by one keep the key index as the chunk of expired events did', () => {
    // `insert into` reads no joined expired event: events leave the windows one by one, changing only
    // the key index. `insert all events` reads them: they leave as a chunk of expired events.
    const app = (output: string, join = 'join'): string => `${STREAMS}
@info(name = 'q') from L#window.time(40 milliseconds) ${join} R#window.time(60 milliseconds) on L.k == R.k
select L.k as k, v, w insert ${output} into Out;`;
    const quiet = start(app(''));
    const chunked = start(app('all events'));
    const oneSided = start(app('all events', 'unidirectional join'));
    const scanned = start(app('all events', 'unidirectional join').replace('L.k == R.k', 'not (L.k != R.k)'));
    assert.deepEqual(joinInfoOf(oneSided, 'q')?.plans, [undefined, 'index']);
    assert.deepEqual(joinInfoOf(scanned, 'q')?.plans, [undefined, 'scan']);
    const runtimes = [quiet, chunked, oneSided, scanned];
    const [a, b, c, d] = runtimes.map((r) => collect(r));
    const rand = randomInts(11);
    for (let i = 0; i < 600; i++) {
      const stream = rand(2) === 0 ? 'L' : 'R';
      const data = [`k${rand(5)}`, i];
      // Mostly small steps (events leave as others arrive), now and then a long one (a timer expires many).
      const step = rand(30) === 0 ? 200 : rand(15);
      // Now and then two events in one chunk (they take the window's chunk path).
      const second = rand(10) === 0 ? [`k${rand(5)}`, -i] : undefined;
      for (const r of runtimes) {
        r.manualClock!.advanceBy(step);
        const h = r.getInputHandler(stream);
        if (second) h.send([{ data }, { data: second }]);
        else h.send(data);
      }
    }
    assert.ok(a!.in.length > 100, `${a!.in.length} current matches`);
    assert.deepEqual(a!.remove, []);
    assert.deepEqual(a!.in, b!.in);
    assert.deepEqual(a!.inTs, b!.inTs);
    assert.ok(c!.remove.length > 50, `${c!.remove.length} expired matches`);
    assert.deepEqual(c!.in, d!.in);
    assert.deepEqual(c!.remove, d!.remove);
    assert.deepEqual(c!.removeTs, d!.removeTs);
  });

  test('a burst of events leaving a time window at once leaves none of them matchable', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.time(1 sec) join R#window.time(1 sec) on L.k == R.k
select L.k as k, v, w insert into Out;`);
    const got = collect(r);
    const l = r.getInputHandler('L');
    for (let i = 0; i < 5000; i++) l.send([`k${i % 50}`, i]);
    r.manualClock!.advanceBy(999);
    r.getInputHandler('R').send(['k7', 1]);
    assert.equal(got.in.length, 100);
    r.manualClock!.advanceBy(1);
    r.getInputHandler('R').send(['k7', 2]);
    l.send(['k7', 5000]);
    assert.deepEqual(got.in.slice(100), [
      ['k7', 5000, 1],
      ['k7', 5000, 2],
    ]);
  });

  test('the key index survives persist and restore', () => {
    const app = `@app:name('JoinRestore') ${STREAMS}
@info(name = 'q') from L#window.length(3) join R#window.length(3) on L.k == R.k select L.k as k, v, w insert into Out;`;
    const manager = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() });
    const r1 = manager.createSiddhiAppRuntime(app);
    r1.start();
    r1.getInputHandler('R').send(['a', 10]);
    r1.getInputHandler('R').send(['b', 20]);
    const bytes = r1.snapshot();
    const r2 = manager.createSiddhiAppRuntime(app);
    r2.start();
    r2.restore(bytes);
    const got = collect(r2);
    r2.getInputHandler('L').send(['b', 2]);
    r2.getInputHandler('L').send(['a', 1]);
    assert.deepEqual(got.in, [
      ['b', 2, 20],
      ['a', 1, 10],
    ]);
  });

  test('no condition: every pair matches, select * is the left attributes then the right', () => {
    const r = start(`define stream L (a string); define stream R (b int);
@info(name = 'q') from L#window.length(2) join R#window.length(2) select * insert into Out;`);
    const got = collect(r);
    r.getInputHandler('L').send(['x']);
    r.getInputHandler('L').send(['y']);
    r.getInputHandler('R').send([1]);
    assert.deepEqual(got.in, [
      ['x', 1],
      ['y', 1],
    ]);
  });

  test('having filters joined events, current and expired alike', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(1) join R#window.length(3) on L.k == R.k
select v, w having v + w > 15 insert all events into Out;`);
    const got = collect(r);
    for (const w of [5, 10, 20]) r.getInputHandler('R').send(['a', w]);
    r.getInputHandler('L').send(['a', 6]);
    r.getInputHandler('L').send(['b', 0]);
    assert.deepEqual(got.in, [
      [6, 10],
      [6, 20],
    ]);
    assert.deepEqual(got.remove, [
      [6, 10],
      [6, 20],
    ]);
  });

  test('order by and limit apply to the matches of each arriving event', () => {
    const r = start(`${STREAMS}
@info(name = 'q') from L#window.length(5) join R#window.length(5) on L.k == R.k
select w order by w desc limit 2 insert into Out;`);
    const got = collect(r);
    for (const w of [5, 9, 1, 7]) r.getInputHandler('R').send(['a', w]);
    r.getInputHandler('L').send(['a', 0]);
    r.getInputHandler('L').send(['a', 0]);
    assert.deepEqual(got.in, [[9], [7], [9], [7]]);
  });

  test('a stream joined with itself: each event goes through the left side, then the right', () => {
    const r = start(`define stream S (k string, v int);
@info(name = 'q') from S#window.length(2) as a join S#window.length(2) as b on a.k == b.k
select a.v as x, b.v as y insert into Out;`);
    const got = collect(r);
    r.getInputHandler('S').send([{ data: ['a', 1] }, { data: ['a', 2] }]);
    // a1: the left window holds it before the right does, so only the right side finds it.
    assert.deepEqual(got.in, [
      [1, 1],
      [2, 1],
      [1, 2],
      [2, 2],
    ]);
  });
});

describe('join validation', () => {
  test('an unqualified attribute both sides have is ambiguous', () => {
    const m = creationError(`define stream L (k string, v int); define stream R (k string, w int);
from L#window.length(1) join R#window.length(1) on L.k == R.k select k insert into Out;`);
    assert.match(m, /'k' is ambiguous: both L and R have it/);
  });

  test('an aliased side is known by its alias only', () => {
    const m = creationError(`${STREAMS}
from L#window.length(1) as x join R#window.length(1) on x.k == R.k select L.v insert into Out;`);
    assert.match(m, /unknown stream 'L'/);
  });

  test('select * that would output an attribute twice is rejected', () => {
    const m = creationError(`${STREAMS}
from L#window.length(1) join R#window.length(1) on L.k == R.k select * insert into Out;`);
    assert.match(m, /outputs 'k' twice/);
  });

  test("'within' and 'per' need an aggregation; two tables cannot be joined", () => {
    assert.match(
      creationError(`${STREAMS}
from L#window.length(1) join R#window.length(1) on L.k == R.k within 1000, 2000 per 'seconds' select v insert into Out;`),
      /'within' and 'per' need an aggregation/,
    );
    assert.match(
      creationError(`define table A (k string); define table B (k string);
from A join B on A.k == B.k select A.k insert into Out;`),
      /both inputs of the join/,
    );
  });

  test('a window must end its side of the join', () => {
    const m = creationError(`${STREAMS}
from L#window.length(1)[v > 1] join R#window.length(1) on L.k == R.k select v insert into Out;`);
    assert.match(m, /the window must be the last handler of 'L'/);
  });

  test("the 'on' condition must be a bool", () => {
    const m = creationError(`${STREAMS}
from L#window.length(1) join R#window.length(1) on v + w select v insert into Out;`);
    assert.match(m, /'on' condition needs a bool/);
  });
});
