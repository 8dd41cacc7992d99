import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';

const T0 = 1577836800000;

const ABC = `define stream A (sym string, price double);
define stream B (sym string, price double);
define stream C (sym string, price double);\n`;

function start(app: string): SiddhiAppRuntime {
  const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
    ABC + app,
  );
  r.start();
  return r;
}

/** The data of every current event the query emitted, in order. */
function collect(r: SiddhiAppRuntime, query = 'q'): unknown[][] {
  const out: unknown[][] = [];
  r.addQueryCallback(query, (_ts, inEvents: Event[] | null) => {
    for (const e of inEvents ?? []) out.push(e.data);
  });
  return out;
}

describe('absent states joined by and / or', () => {
  test('every (not A or not B): each side that waits out its time starts a match of its own', () => {
    const r = start(
      `@info(name='q') from every (not A[price > 10] for 2 sec or not B[price > 20] for 2 sec) -> e3=C select e3.sym as s insert into O;`,
    );
    const out = collect(r);
    r.manualClock!.advanceBy(2100);
    // Both sides fired at 2 s (the left one first): one C completes both matches.
    r.getInputHandler('C').send(['c1', 1]);
    assert.deepEqual(out, [['c1'], ['c1']]);
    r.manualClock!.advanceBy(2100);
    r.getInputHandler('C').send(['c2', 1]);
    assert.deepEqual(out, [['c1'], ['c1'], ['c2'], ['c2']]);
  });

  test('every (not A or not B), nothing for 4 s: four matches wait for the first C', () => {
    const r = start(
      `@info(name='q') from every (not A[price > 10] for 2 sec or not B[price > 20] for 2 sec) -> e3=C select e3.sym as s insert into O;`,
    );
    const out = collect(r);
    r.manualClock!.advanceBy(4100);
    r.getInputHandler('C').send(['c', 1]);
    assert.deepEqual(out, [['c'], ['c'], ['c'], ['c']]);
  });

  for (const [label, logical] of [
    ['present side written first', 'e1=A[price > 10] and not B[price > 20] for 1 sec'],
    ['absent side written first', 'not B[price > 20] for 1 sec and e1=A[price > 10]'],
  ] as const) {
    test(`every (e1=A and not B for 1 sec) -> C, ${label}: an A after a quiet second proceeds at once`, () => {
      const r = start(
        `@info(name='q') from every (${logical}) -> e3=C[price > 30] select e1.sym as a, e3.sym as c insert into O;`,
      );
      const out = collect(r);
      r.manualClock!.advanceBy(1100);
      r.getInputHandler('A').send(['IBM', 25]);
      r.manualClock!.advanceBy(100);
      r.getInputHandler('C').send(['GOOGLE', 35]);
      r.manualClock!.advanceBy(1100);
      r.getInputHandler('A').send(['ORACLE', 45]);
      r.manualClock!.advanceBy(100);
      r.getInputHandler('C').send(['MICROSOFT', 55]);
      r.manualClock!.advanceBy(100);
      assert.deepEqual(out, [
        ['IBM', 'GOOGLE'],
        ['ORACLE', 'MICROSOFT'],
      ]);
    });
  }

  test('sequence e1=A, e2=B or not C for 1 sec: the quiet second completes the match with e2 null', () => {
    const r = start(
      `@info(name='q') from e1=A[price > 10], e2=B[price > 20] or not C[price > 30] for 1 sec select e1.sym as a, e2.sym as b insert into O;`,
    );
    const out = collect(r);
    r.getInputHandler('A').send(['WSO2', 15]);
    r.manualClock!.advanceBy(900);
    assert.deepEqual(out, []);
    r.manualClock!.advanceBy(200);
    assert.deepEqual(out, [['WSO2', null]]);
  });

  test('sequence e1=A, e2=B or not C for 1 sec: a B within the second completes it with B', () => {
    const r = start(
      `@info(name='q') from e1=A[price > 10], e2=B[price > 20] or not C[price > 30] for 1 sec select e1.sym as a, e2.sym as b insert into O;`,
    );
    const out = collect(r);
    r.getInputHandler('A').send(['WSO2', 15]);
    r.manualClock!.advanceBy(100);
    r.getInputHandler('B').send(['IBM', 25]);
    r.manualClock!.advanceBy(2000);
    assert.deepEqual(out, [['WSO2', 'IBM']]);
  });
});
