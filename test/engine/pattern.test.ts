import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';
import { patternRuntimeOf } from '../../src/engine/pattern/inspect.js';

const T0 = 1577836800000;

function start(app: string): SiddhiAppRuntime {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(app);
  r.start();
  return r;
}

/** Collects the query's output, one entry per callback invocation. */
function collect(r: SiddhiAppRuntime, query = 'q'): unknown[][][] {
  const calls: unknown[][][] = [];
  r.addQueryCallback(query, (_ts, inEvents: Event[] | null) => {
    calls.push((inEvents ?? []).map((e) => e.data));
  });
  return calls;
}

const AB = `define stream A (sym string, price double);
define stream B (sym string, price double);\n`;

describe('patterns', () => {
  test('every: one event completing several matches emits each on its own, oldest first', () => {
    const r = start(
      `${AB}@info(name='q') from every e1=A -> e2=B[price > e1.price] select e1.sym as a, e2.sym as b insert into O;`,
    );
    const calls = collect(r);
    r.getInputHandler('A').send(['a1', 10]);
    r.getInputHandler('A').send(['a2', 20]);
    r.getInputHandler('A').send(['a3', 30]);
    r.getInputHandler('B').send(['b1', 25]);
    r.getInputHandler('B').send(['b2', 35]);
    assert.deepEqual(calls, [[['a1', 'b1']], [['a2', 'b1']], [['a3', 'b2']]]);
  });

  test('without every the pattern matches once', () => {
    const r = start(`${AB}@info(name='q') from e1=A -> e2=B select e1.sym as a, e2.sym as b insert into O;`);
    const calls = collect(r);
    for (const s of ['x', 'y']) {
      r.getInputHandler('A').send([`a${s}`, 1]);
      r.getInputHandler('B').send([`b${s}`, 1]);
    }
    assert.deepEqual(calls, [[['ax', 'bx']]]);
  });

  test('one event cannot fill two consecutive states over the same stream', () => {
    const r = start(`${AB}@info(name='q') from every e1=A -> e2=A select e1.sym as a, e2.sym as b insert into O;`);
    const calls = collect(r);
    for (const s of ['1', '2', '3']) r.getInputHandler('A').send([s, 1]);
    assert.deepEqual(calls, [[['1', '2']], [['2', '3']]]);
  });

  test('counting: e1.price is the list, e1[0] and e1[last] index it', () => {
    const r = start(
      `${AB}@info(name='q') from e1=A<2:> -> e2=B select e1.price as all, e1[0].price as first, e1[last].price as last, e2.price as b insert into O;`,
    );
    const calls = collect(r);
    for (const p of [1, 2, 3]) r.getInputHandler('A').send(['a', p]);
    r.getInputHandler('B').send(['b', 9]);
    assert.deepEqual(calls, [[[[1, 2, 3], 1, 3, 9]]]);
  });

  test('logical and completes when the second side arrives', () => {
    const r = start(`${AB}@info(name='q') from every (e1=A and e2=B) select e1.sym as a, e2.sym as b insert into O;`);
    const calls = collect(r);
    r.getInputHandler('A').send(['a1', 1]);
    r.getInputHandler('A').send(['a1-ignored', 1]);
    r.getInputHandler('B').send(['b1', 1]);
    r.getInputHandler('A').send(['a2', 1]);
    r.getInputHandler('B').send(['b2', 1]);
    assert.deepEqual(calls, [[['a1', 'b1']], [['a2', 'b2']]]);
  });

  test('within drops partial matches older than the window', () => {
    const r = start(
      `${AB}@info(name='q') from every e1=A -> e2=B within 1 sec select e1.sym as a, e2.sym as b insert into O;`,
    );
    const calls = collect(r);
    r.getInputHandler('A').send(['old', 1]);
    r.manualClock!.advanceBy(800);
    r.getInputHandler('A').send(['new', 1]);
    r.manualClock!.advanceBy(700);
    r.getInputHandler('B').send(['b', 1]);
    assert.deepEqual(calls, [[['new', 'b']]]);
  });

  test('absent: A -> not B for 1 sec fires on the clock unless B comes', () => {
    const r = start(
      `${AB}@info(name='q') from every e1=A -> not B[price > e1.price] for 1 sec select e1.sym as a insert into O;`,
    );
    const calls = collect(r);
    r.getInputHandler('A').send(['quiet', 20]);
    r.manualClock!.advanceBy(100);
    r.getInputHandler('A').send(['answered', 10]);
    r.manualClock!.advanceBy(100);
    r.getInputHandler('B').send(['b', 11]);
    assert.deepEqual(calls, []);
    r.manualClock!.advanceBy(1000);
    assert.deepEqual(calls, [[['quiet']]]);
  });

  test('a million events under within keep the partial matches bounded', () => {
    const r = start(
      `${AB}@info(name='q') from every e1=A -> e2=B[price > e1.price] within 1 sec select e1.price as p1, e2.price as p2 insert into O;`,
    );
    let matches = 0;
    r.addQueryCallback('q', (_ts, inEvents) => {
      matches += inEvents?.length ?? 0;
    });
    const rt = patternRuntimeOf(r, 'q')!;
    const a = r.getInputHandler('A');
    const b = r.getInputHandler('B');
    let max = 0;
    // Every other A is priced above any B: only `within` can prune those; the others match at once.
    for (let i = 0; i < 500_000; i++) {
      a.send(['a', (i & 1) === 0 ? 1000 : 1]);
      b.send(['b', 500]);
      r.manualClock!.advanceBy(10);
      if ((i & 255) === 0) max = Math.max(max, rt.partialMatchCount());
    }
    assert.equal(matches, 250_000);
    // One unmatched A per 20 ms lives 1 s: about 50, never the 250k that never matched.
    assert.ok(max <= 60, `partial matches grew to ${max}`);
    assert.ok(rt.partialMatchCount() <= 60);
  });

  test('snapshot and restore keep partial matches', () => {
    const app = `@app:name('P')\n${AB}@info(name='q') from every e1=A -> e2=B[price > e1.price] select e1.sym as a, e2.sym as b insert into O;`;
    const r1 = start(app);
    r1.getInputHandler('A').send(['a1', 10]);
    const snap = r1.snapshot();
    r1.shutdown();
    const r2 = start(app);
    r2.restore(snap);
    const calls = collect(r2);
    r2.getInputHandler('A').send(['a2', 30]);
    r2.getInputHandler('B').send(['b', 20]);
    assert.deepEqual(calls, [[['a1', 'b']]]);
  });
});

describe('sequences', () => {
  test('an event of another involved stream in between breaks the match', () => {
    const r = start(`${AB}@info(name='q') from every e1=A, e2=B select e1.sym as a, e2.sym as b insert into O;`);
    const calls = collect(r);
    r.getInputHandler('A').send(['a1', 1]);
    r.getInputHandler('A').send(['a2', 1]);
    r.getInputHandler('B').send(['b1', 1]);
    r.getInputHandler('B').send(['b2', 1]);
    assert.deepEqual(calls, [[['a2', 'b1']]]);
  });

  test('+ collects consecutive events', () => {
    const r = start(
      `${AB}@info(name='q') from every e1=A, e2=B+, e3=A select e1.sym as a, e2.price as bs, e3.sym as c insert into O;`,
    );
    const calls = collect(r);
    r.getInputHandler('A').send(['a1', 1]);
    r.getInputHandler('B').send(['b', 1]);
    r.getInputHandler('B').send(['b', 2]);
    r.getInputHandler('A').send(['a2', 1]);
    assert.deepEqual(calls, [[['a1', [1, 2], 'a2']]]);
  });
});
