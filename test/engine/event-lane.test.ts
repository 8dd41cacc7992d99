import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { StreamJunction } from '../../src/engine/runtime/stream-junction.js';
import type { StreamEvent } from '../../src/engine/event/stream-event.js';
import { callStack } from './call-stack.js';

describe('the per-event lane of a junction', () => {
  const schema = { id: 'S', attributes: [{ name: 'v', type: 'int' as const }] };

  test('a single event goes through each lane; subscribers without one share one chunk of it', () => {
    const errors: [unknown, StreamEvent[]][] = [];
    const j = new StreamJunction(schema, (e, chunk) => errors.push([e, chunk]));
    const lane: [number, unknown[]][] = [];
    const chunks: StreamEvent[][] = [];
    j.subscribe(
      () => assert.fail('a subscriber with a lane gets single events through it'),
      (ts, d) => lane.push([ts, d]),
    );
    j.subscribe((c) => chunks.push(c));
    j.subscribe((c) => chunks.push(c));
    const data = [7];
    j.sendOne(100, data);
    assert.deepEqual(lane, [[100, [7]]]);
    assert.equal(lane[0]![1], data);
    assert.equal(chunks.length, 2);
    assert.equal(chunks[0], chunks[1]);
    assert.deepEqual(chunks[0], [{ timestamp: 100, data: [7], type: 0 }]);
    assert.equal(j.eventsIn, 1);
    assert.deepEqual(errors, []);
  });

  test('a lane that throws goes to the error handler with the event as a chunk; the others still get it', () => {
    const errors: [string, StreamEvent[]][] = [];
    const j = new StreamJunction(schema, (e, chunk) => errors.push([(e as Error).message, chunk]));
    const after: StreamEvent[][] = [];
    const failing = (): void => {
      throw new Error('bad event');
    };
    j.subscribe(failing, failing);
    j.subscribe((c) => after.push(c));
    j.sendOne(5, [1]);
    assert.deepEqual(errors, [['bad event', [{ timestamp: 5, data: [1], type: 0 }]]]);
    assert.deepEqual(after, [[{ timestamp: 5, data: [1], type: 0 }]]);
    j.unsubscribe(failing);
    j.sendOne(6, [2]);
    assert.equal(errors.length, 1);
    assert.equal(after.length, 2);
  });
});

/** The outputs of `app`'s query q1 and of stream Out for `inputs`, sent one by one or each as a chunk of one. */
function run(app: string, inputs: unknown[][], asChunks: boolean): { query: unknown[]; out: unknown[] } {
  const runtime = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(
    app,
  );
  const query: unknown[] = [];
  const out: unknown[] = [];
  runtime.addQueryCallback('q1', (ts, ins, rem) => query.push([ts, ins?.map((e) => e.data), rem?.map((e) => e.data)]));
  runtime.addStreamCallback('Out', (events) => out.push(events.map((e) => e.data)));
  runtime.start();
  const h = runtime.getInputHandler('S');
  for (const data of inputs) {
    if (asChunks) h.send([{ data }]);
    else h.send(data);
    runtime.manualClock!.advanceBy(100);
  }
  void runtime.shutdown();
  return { query, out };
}

describe('single events and chunks of one give the same results', () => {
  const S = 'define stream S (k string, v float, n long);';
  const inputs = [
    ['a', 1.5, 1],
    ['b', 20, 2],
    ['a', 30.25, 3],
    ['c', 4, 4],
    ['b', 50, 5],
    ['a', 6, 6],
  ];
  const cases: [string, string, [number, unknown[][], unknown[][] | undefined][]][] = [
    [
      'two filters and a projection (one closure on the per-event lane)',
      `@info(name='q1') from S[v > 10][n < 5] select k, n insert into Out;`,
      [
        [100, [['b', 2]], undefined],
        [200, [['a', 3]], undefined],
      ],
    ],
    [
      'a projection of everything, with no filter',
      `@info(name='q1') from S select * insert into Out;`,
      [
        [0, [['a', 1.5, 1]], undefined],
        [100, [['b', 20, 2]], undefined],
        [200, [['a', 30.25, 3]], undefined],
        [300, [['c', 4, 4]], undefined],
        [400, [['b', 50, 5]], undefined],
        [500, [['a', 6, 6]], undefined],
      ],
    ],
    [
      'filter and projection',
      `@info(name='q1') from S[v > 10] select k, v * 2 as w insert into Out;`,
      [
        [100, [['b', 40]], undefined],
        [200, [['a', 60.5]], undefined],
        [400, [['b', 100]], undefined],
      ],
    ],
    [
      'a length window averaged by group, all events',
      `@info(name='q1') from S#window.length(2) select k, avg(v) as av group by k insert all events into Out;`,
      // a chunk of an expired event and the current one that pushed it out emits the last event per group
      [
        [0, [['a', 1.5]], undefined],
        [100, [['b', 20]], undefined],
        [200, [['a', 30.25]], undefined],
        [300, [['c', 4]], [['b', null]]],
        [400, [['b', 50]], [['a', null]]],
        [500, [['a', 6]], [['c', null]]],
      ],
    ],
    [
      'a length window averaged by group (an expired event and the current one pass as a pair)',
      `@info(name='q1') from S#window.length(2) select k, avg(v) as av group by k insert into Out;`,
      [
        [0, [['a', 1.5]], undefined],
        [100, [['b', 20]], undefined],
        [200, [['a', 30.25]], undefined],
        [300, [['c', 4]], undefined],
        [400, [['b', 50]], undefined],
        [500, [['a', 6]], undefined],
      ],
    ],
    [
      'a length window summed, no group (as a pair)',
      `@info(name='q1') from S#window.length(2) select sum(n) as total insert into Out;`,
      [
        [0, [[1]], undefined],
        [100, [[3]], undefined],
        [200, [[5]], undefined],
        [300, [[7]], undefined],
        [400, [[9]], undefined],
        [500, [[11]], undefined],
      ],
    ],
    [
      'a length window with having (the pair goes as its chunk)',
      `@info(name='q1') from S#window.length(2) select k, sum(n) as total group by k having total > 3 insert into Out;`,
      [
        [300, [['c', 4]], undefined],
        [400, [['b', 5]], undefined],
        [500, [['a', 6]], undefined],
      ],
    ],
    [
      'a time window summed (events leave on the virtual clock)',
      `@info(name='q1') from S#window.time(250) select sum(n) as total insert into Out;`,
      [
        [0, [[1]], undefined],
        [100, [[3]], undefined],
        [200, [[6]], undefined],
        [300, [[9]], undefined],
        [400, [[12]], undefined],
        [500, [[15]], undefined],
      ],
    ],
    [
      'a length batch summed',
      `@info(name='q1') from S#window.lengthBatch(3) select k, sum(n) as total insert into Out;`,
      [
        [200, [['a', 6]], undefined],
        [500, [['a', 15]], undefined],
      ],
    ],
    [
      'having, order by and limit',
      `@info(name='q1') from S[n > 1] select k, v, n having v < 40 order by n desc limit 1 insert into Out;`,
      [
        [100, [['b', 20, 2]], undefined],
        [200, [['a', 30.25, 3]], undefined],
        [300, [['c', 4, 4]], undefined],
        [500, [['a', 6, 6]], undefined],
      ],
    ],
  ];
  for (const [name, query, expected] of cases) {
    test(name, () => {
      const app = `${S} ${query}`;
      const one = run(app, inputs, false);
      assert.deepEqual(one.query, expected);
      assert.deepEqual(run(app, inputs, true), one);
      // `insert into Out` delivers what the query emitted, expired events (as current ones) included
      assert.deepEqual(
        one.out,
        expected.map(([, ins, rem]) => [...(rem ?? []), ...(ins ?? [])]),
      );
    });
  }

  test('a chain of queries: what one inserts goes through the next one event at a time', () => {
    const app = `${S}
      @info(name='q0') from S[v > 5] select k, n insert into Mid;
      @info(name='q1') from Mid#window.length(2) select k, sum(n) as total insert into Out;`;
    const one = run(app, inputs, false);
    assert.deepEqual(one.out, [[['b', 2]], [['a', 5]], [['b', 8]], [['a', 11]]]);
    assert.deepEqual(run(app, inputs, true), one);
  });

  test('a value partition: each key instance takes single events, through its inner stream too', () => {
    const app = `${S}
      partition with (k of S) begin
        @info(name='q1') from S#window.length(2) select k, avg(v) as av insert into #Avg;
        from #Avg[av > 5] select k, av insert into Out;
      end;`;
    const one = run(app, inputs, false);
    // per key: a 1.5 → 15.875 → 18.125; b 20 → 35; c 4
    assert.deepEqual(one.out, [[['b', 20]], [['a', 15.875]], [['b', 35]], [['a', 18.125]]]);
    assert.deepEqual(run(app, inputs, true), one);
    // the single event reached the instance's window through its lane
    const runtime = new SiddhiManager({ clock: 'virtual', startTime: 0 }).createSiddhiAppRuntime(app);
    let stack = '';
    runtime.addStreamCallback('Out', () => (stack = callStack()));
    runtime.start();
    runtime.getInputHandler('S').send(['b', 20, 1]);
    void runtime.shutdown();
    assert.match(stack, /LengthWindow\.processOne/);
  });

  test('a range partition, which has no per-event lane, gives the same results', () => {
    const app = `${S}
      partition with (v < 10 as 'low' or v >= 10 as 'high' of S) begin
        @info(name='q1') from S#window.length(2) select k, sum(n) as total insert into Out;
      end;`;
    const one = run(app, inputs, false);
    assert.deepEqual(one.out, [[['a', 1]], [['b', 2]], [['a', 5]], [['c', 5]], [['b', 8]], [['a', 10]]]);
    assert.deepEqual(run(app, inputs, true), one);
  });
});
