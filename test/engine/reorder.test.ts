/**
 * `#reorder:kslack` and `#reorder:akslack` (siddhi-execution-reorder) in SiddhiQL apps on a virtual
 * clock. Cases marked "Java:" translate the extension's own test cases (KSlackExtensionTestCase,
 * AlphaKSlackExtensionTestCase): their inputs, with `System.currentTimeMillis()` read as the app clock
 * and `Thread.sleep` as advancing it, and their assertions made exact (whole output, in order, per chunk).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';

const T0 = 100_000;

interface App {
  readonly r: SiddhiAppRuntime;
  /** The `price` (second attribute) of each output event, one array per query callback; clears them. */
  take(): unknown[][];
  /** The same, flattened. */
  flat(): unknown[];
  /** The expired events the query output, as [kind, second attribute]. */
  expired(): unknown[];
  send(...rows: unknown[][]): void;
  /** Sends the rows as one chunk. */
  sendChunk(...rows: unknown[][]): void;
  advance(ms: number): void;
}

const manager = (start = T0): SiddhiManager =>
  new SiddhiManager({ clock: 'virtual', startTime: start, logger: memoryLogger() });

/** Runs `text` (its query inserting into O named 'out'), recording the second attribute of what it outputs. */
function app(text: string, m = manager()): App {
  const named = text.replace(/(^|;\s*)(from [^;]*?into O;)/, "$1@info(name='out') $2");
  const r = m.createSiddhiAppRuntime(named);
  const got: unknown[][] = [];
  const expired: unknown[] = [];
  r.addQueryCallback('out', (_ts, inEvents, removeEvents) => {
    for (const e of removeEvents ?? []) expired.push(e.data[1]);
    if (inEvents && inEvents.length > 0) got.push(inEvents.map((e) => e.data[1]));
  });
  r.start();
  const h = r.getInputHandler('inputStream');
  return {
    r,
    take: () => got.splice(0),
    flat: () => got.splice(0).flat(),
    expired: () => expired.splice(0),
    send: (...rows) => {
      for (const row of rows) h.send(row);
    },
    sendChunk: (...rows) => h.send(rows.map((data) => ({ data }))),
    advance: (ms) => r.advanceTime(ms),
  };
}

const STREAM = 'define stream inputStream (eventtt long, price float, volume long);\n';
const kslack = (args: string): string =>
  `${STREAM}from inputStream#reorder:kslack(${args}) select eventtt, price, volume insert into O;`;

/** The events of the Java cases orderTest2 to 27, at the clock value `now`: [offset from now, price]. */
const rowsAt = (now: number, ...rows: [number, number][]): unknown[][] =>
  rows.map(([offset, price]) => [now + offset, price, offset]);

/** The events of orderTest2 and orderTest25, at T0. */
const ORDER_TEST_ROWS = rowsAt(
  T0,
  [0, 1],
  [-6000, 2],
  [-500, 3],
  [-4000, 4],
  [0, 5],
  [0, 6],
  [0, 7],
  [-6000, 8],
  [-500, 9],
  [0, 10],
  [1000, 11],
);

/**
 * The inputs of orderTest23 to 27: three sends, the clock advanced 2 s, 4 s and 3.5 s after each; `offset4`
 * places the event of price 4 from the second send's clock value.
 */
function sendInThreeParts(a: App, offset4: number): void {
  a.send(...rowsAt(T0, [0, 1], [-6000, 2], [-500, 3]));
  a.advance(2000);
  a.send(...rowsAt(T0 + 2000, [offset4, 4], [0, 5], [0, 6]));
  a.advance(4000);
  a.send(...rowsAt(T0 + 6000, [0, 7], [-6000, 8], [-500, 9], [0, 10], [1000, 11]));
  a.advance(3500);
}

describe('reorder:kslack', () => {
  test('Java: orderTest — the paper scenario: K grows to 2 then 3, the timeout releases the last event', () => {
    const a = app(`define stream inputStream (eventtt long, price long, volume long);
from inputStream#reorder:kslack(eventtt, 1000L) select eventtt, eventtt as ts, volume insert into O;`);
    a.send(...[1, 4, 3, 5, 6, 9, 7, 8, 10, 13].map((t) => [t, 0, 0]));
    assert.deepEqual(a.take(), [[1], [4], [3], [5, 6], [7], [8, 9, 10]]);
    a.advance(999);
    assert.deepEqual(a.take(), []);
    a.advance(1); // the first tick, timeout after the start: 13 is below the tick time + timeout
    assert.deepEqual(a.take(), [[13]]);
  });

  test('Java: orderTest2 — events hours of slack apart; the first tick releases all it holds in order', () => {
    const a = app(kslack('eventtt, 1000L'));
    a.send(...ORDER_TEST_ROWS);
    assert.deepEqual(a.take(), [[1], [2, 8]]);
    a.advance(3500);
    assert.deepEqual(a.take(), [[4, 3, 9, 5, 6, 7, 10, 11]]);
  });

  test('Java: orderTest23 — the ticks stop when nothing is ordered and restart on the next whole second', () => {
    const a = app(kslack('eventtt, 1000L'));
    // Before the second send, the tick at +1 s finds 2 and 3 still waiting unordered (no new greatest after them).
    sendInThreeParts(a, -4000);
    assert.deepEqual(a.take(), [[1], [2], [4, 3, 5], [8, 6, 9, 7, 10], [11]]);
  });

  test('Java: orderTest24 — a late event that is a new greatest releases at once', () => {
    const a = app(kslack('eventtt, 1000L'));
    sendInThreeParts(a, -500);
    assert.deepEqual(a.flat(), [1, 2, 3, 4, 5, 8, 6, 9, 7, 10, 11]);
  });

  test('Java: orderTest25 — no timeout: one chunk in, one chunk out, the rest stays held', async () => {
    const a = app(kslack('eventtt'));
    a.sendChunk(...ORDER_TEST_ROWS);
    assert.deepEqual(a.take(), [[1, 2, 8]]);
    a.advance(3500);
    await a.r.shutdown(); // nothing held is released at shutdown
    assert.deepEqual(a.take(), []);
  });

  test('Java: orderTest26 — discard.late.arrival drops what arrives below the last released timestamp', () => {
    const a = app(kslack('eventtt, 1000L, true'));
    sendInThreeParts(a, -500);
    assert.deepEqual(a.flat(), [1, 4, 5, 6, 9, 7, 10, 11]);
  });

  test('Java: orderTest27 — discard without a timeout', () => {
    const a = app(kslack('eventtt, true'));
    sendInThreeParts(a, -500);
    assert.deepEqual(a.flat(), [1, 4, 5, 6]);
  });

  test('max.k caps K: a very late event no longer holds back the others', () => {
    const capped = app(kslack('eventtt, -1L, 2L'));
    const free = app(kslack('eventtt'));
    for (const a of [capped, free]) a.send(...[10, 1, 11, 12, 13, 14].map((t) => [t, t, 0]));
    // 11 grows K to 10 (11 - 1), releasing 1; capped at 2, 11 is then released by 13 and 12 by 14.
    assert.deepEqual(capped.flat(), [10, 1, 11, 12]);
    assert.deepEqual(free.flat(), [10, 1]);
  });

  test('events arriving at or below the greatest timestamp wait for the next greater one', () => {
    const a = app(kslack('eventtt'));
    a.send([5, 1, 0], [5, 2, 0], [3, 3, 0], [5, 4, 0]);
    assert.deepEqual(a.take(), [[1]]);
    a.send([6, 5, 0]); // K grows to 3 (6 - 3): releases time 3
    assert.deepEqual(a.take(), [[3]]);
    a.send([9, 6, 0]); // releases up to 9 - 3: time 5 (in arrival order), then 6
    assert.deepEqual(a.take(), [[2, 4, 5]]);
  });

  test('timestamps up to 0 never start a release (the greatest starts at 0)', () => {
    const a = app(kslack('eventtt'));
    a.send([0, 1, 0], [-5, 2, 0]);
    assert.deepEqual(a.take(), []);
    a.send([1, 3, 0]); // K = 6: releases nothing at or below -5
    assert.deepEqual(a.take(), [[2]]);
  });

  test('the released events keep their arrival timestamps and are current events', () => {
    const a = app(`${STREAM}from inputStream#reorder:kslack(eventtt) select eventtt, price insert all events into O;`);
    const stamps: number[] = [];
    a.r.addStreamCallback('O', (events) => stamps.push(...events.map((e) => e.timestamp)));
    a.send([2, 1, 0]);
    a.advance(10);
    a.send([1, 2, 0]);
    a.advance(10);
    a.send([3, 3, 0]); // K = 2: releases the event of time 1, sent at T0 + 10
    assert.deepEqual(a.take(), [[1], [2]]);
    assert.deepEqual(a.expired(), []);
    assert.deepEqual(stamps, [T0, T0 + 10]);
  });

  test('an aggregate after kslack sees each released chunk as a batch', () => {
    const a = app(
      `${STREAM}from inputStream#reorder:kslack(eventtt, -1L, 0L) select eventtt, count() as n insert into O;`,
    );
    a.send([1, 0, 0], [3, 0, 0], [2, 0, 0], [4, 0, 0]);
    // K stays 0: 4 releases 2 and 4 together, and count() outputs once for the two.
    assert.deepEqual(a.take(), [[1], [2], [4]]);
  });

  test('timeout: ticks every second while events are ordered, on the schedule of the first', () => {
    const a = app(kslack('eventtt, 500L'));
    a.advance(200);
    a.send([T0 + 5000, 1, 0], [T0 + 1000, 2, 0], [T0 + 9000, 3, 0], [T0 + 3000, 4, 0], [T0 + 9500, 5, 0]);
    // K = 8,000 by 9,000; 3,000, 9,000 and 9,500 are ordered, left for the ticks (each releases below its time + 500).
    assert.deepEqual(a.take(), [[1], [2]]);
    a.advance(2300); // ticks at T0 + 500, 1,500, 2,500: 3,000 is not below 3,000
    assert.deepEqual(a.take(), []);
    a.advance(1000);
    assert.deepEqual(a.take(), [[4]]);
    a.advance(5000);
    assert.deepEqual(a.take(), []);
    a.advance(1000); // T0 + 9,500: the ordered buffer empties and the ticks stop
    assert.deepEqual(a.take(), [[3, 5]]);
    a.advance(22_200);
    // At T0 + 31,700 an event restarts them on the next whole second of their schedule: T0 + 32,500.
    a.send([T0 + 40_000, 6, 0]);
    a.advance(8799); // T0 + 40,499
    assert.deepEqual(a.take(), []);
    a.advance(1); // the tick at T0 + 40,500
    assert.deepEqual(a.take(), [[6]]);
  });
});

const AK_ROWS: [number, number][] = [
  [1, 79.0],
  [4, 60.0],
  [3, 65.0],
  [5, 30.0],
  [6, 43.0],
  [9, 90.0],
  [7, 98.7],
  [8, 80.0],
  [10, 100.0],
  [12, 19.0],
  [13, 45.0],
  [14, 110.0],
  [11, 92.0],
  [15, 29.0],
  [17, 55.0],
  [18, 61.0],
  [19, 33.0],
  [16, 30.0],
  [20, 66.0],
  [22, 42.0],
  [23, 61.0],
  [24, 33.0],
  [25, 30.0],
  [26, 14.0],
  [21, 42.0],
  [27, 45.0],
  [29, 29.0],
  [30, 9.0],
  [31, 13.0],
  [33, 66.0],
  [28, 29.0],
  [34, 51.0],
  [32, 27.0],
];
const AK = 'define stream inputStream (eventtt long, data double);\n';

describe('reorder:akslack', () => {
  test('Java: testcase — alpha steered every 20 events; the first 26 come out as the Java case expects', () => {
    const a = app(`${AK}from inputStream#reorder:akslack(eventtt, data, 20l) select data, eventtt insert into O;`);
    a.send(...AK_ROWS);
    // The Java case asserts 33 values but waits without checking the count; with no timeout the
    // extension releases only these 26 (the greatest, 34, less K = 7 leaves 28 to 34 held).
    assert.deepEqual(
      a.flat(),
      [1, 4, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 22, 21, 23, 24, 25, 26, 27],
    );
  });

  test('Java: testcase4 — an int correlation field is accepted', () => {
    assert.doesNotThrow(() =>
      manager().createSiddhiAppRuntime(
        'define stream inputStream (eventtt long, data int);\nfrom inputStream#reorder:akslack(eventtt, data, 20l) select eventtt, data insert into O;',
      ),
    );
  });

  test('a timeout tick releases the ordered events, then those still waiting, in one chunk', () => {
    const a = app(
      `${AK}from inputStream#reorder:akslack(eventtt, data, 100L, 1000L) select data, eventtt insert into O;`,
    );
    a.send([T0 + 50, 1], [T0 + 10, 2], [T0 + 60, 3], [T0 + 20, 4], [T0 + 5, 5]);
    // K = 50 by 60 releases 10; 60 is ordered, 20 and 5 wait unordered (nothing greater came after them).
    assert.deepEqual(a.take(), [[T0 + 50], [T0 + 10]]);
    a.advance(999);
    assert.deepEqual(a.take(), []);
    a.advance(1); // the first tick, timeout after the start
    assert.deepEqual(a.take(), [[T0 + 60, T0 + 5, T0 + 20]]);
  });

  test('max.k -1 is unbounded and a batch steers alpha, changing K', () => {
    const rows = AK_ROWS.map(([t, v]) => [t, v]);
    const a = app(
      `${AK}from inputStream#reorder:akslack(eventtt, data, 20L, -1L, -1L) select data, eventtt insert into O;`,
    );
    const b = app(`${AK}from inputStream#reorder:akslack(eventtt, data, 20L) select data, eventtt insert into O;`);
    const c = app(`${AK}from inputStream#reorder:akslack(eventtt, data, 1000L) select data, eventtt insert into O;`);
    a.send(...rows);
    b.send(...rows);
    c.send(...rows);
    const steered = b.flat();
    assert.deepEqual(a.flat(), steered);
    // Never steered (alpha stays 1): plain K-slack, which holds 21 and 22 differently.
    assert.notDeepEqual(c.flat(), steered);
  });

  test('error.threshold and confidence.level change the steering', () => {
    const out = (extra: string): unknown[] => {
      const a = app(
        `${AK}from inputStream#reorder:akslack(eventtt, data, 20L, -1L, -1L, false${extra}) select data, eventtt insert into O;`,
      );
      a.send(...AK_ROWS.map(([t, v]) => [t, v]), ...AK_ROWS.map(([t, v]) => [t + 40, v]));
      return a.flat();
    };
    assert.deepEqual(out(', 0.03, 0.95'), out(''));
    assert.notDeepEqual(out(', 0.001, 0.999'), out(''));
  });

  test('Java: testcase16 — persisted after the first event, restored, the next event comes out', async () => {
    const text = `@app:name('AKSlackRestore')\n${AK}from inputStream#reorder:akslack(eventtt, data, 20l) select data, eventtt insert into O;`;
    const first = app(text);
    first.send([1, 79.0]);
    assert.deepEqual(first.flat(), [1]);
    const bytes = first.r.snapshot();
    await first.r.shutdown();
    const second = app(text);
    second.r.restore(bytes);
    second.send([4, 60.0]);
    assert.deepEqual(second.flat(), [4]);
    await second.r.shutdown();
  });
});

describe('reorder: a restored app continues as an uninterrupted one', () => {
  const cases: [string, string][] = [
    ['kslack with a timeout', 'from inputStream#reorder:kslack(eventtt, 1500L) select eventtt, price insert into O;'],
    ['kslack with max.k', 'from inputStream#reorder:kslack(eventtt, -1L, 400L) select eventtt, price insert into O;'],
    ['akslack', 'from inputStream#reorder:akslack(eventtt, price, 15L, 2000L) select eventtt, price insert into O;'],
  ];
  /** Event times slightly shuffled, 100 ms of clock apart, with pauses that let the ticks fire and stop. */
  const offsets = [
    0, 30, 10, 50, 20, 90, 60, 70, 40, 120, 80, 110, 100, 200, 150, 130, 170, 160, 260, 190, 250, 220, 300, 240,
  ];
  function feed(a: App, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      a.send([T0 + offsets[i]! * 10, 1 + i * 3 + (i % 4), 0]);
      a.advance(i % 7 === 6 ? 2_600 : 100);
    }
  }
  for (const [name, query] of cases) {
    test(name, async () => {
      const text = `@app:name('ReorderRestore')\n${STREAM}${query}`;
      const whole = app(text);
      feed(whole, 0, offsets.length);
      whole.advance(10_000);
      const expected = whole.flat();

      const first = app(text);
      feed(first, 0, 11);
      const before = first.flat();
      const bytes = first.r.snapshot();
      await first.r.shutdown();
      // A new app on a clock where the first one stopped: the restored ticks keep their schedule.
      const second = app(text, manager(T0 + 10 * 100 + 2_600));
      second.r.restore(bytes);
      feed(second, 11, offsets.length);
      second.advance(10_000);
      assert.ok(expected.length > 12, 'the run emits enough to compare');
      assert.ok(before.length > 0 && before.length < expected.length, 'the snapshot holds events');
      assert.deepEqual([...before, ...second.flat()], expected);
      await whole.r.shutdown();
      await second.r.shutdown();
    });
  }
});

describe('reorder: argument errors at app creation', () => {
  const K = 'define stream inputStream (eventtt long, price long, volume long, data string, flag bool);\n';
  const bad: [string, RegExp][] = [
    // Java: orderTest3, 4, 5, 6, 9, 12, 13.
    ['#reorder:kslack(eventtt, price, volume, data, data)', /2:\d+ .*reorder:kslack.*takes .* but got 5 arguments/],
    [
      '#reorder:kslack(data)',
      /2:\d+ argument 1 \('timestamp'\) of stream processor 'reorder:kslack' must be long, but found string/,
    ],
    ['#reorder:kslack(data, 1000L)', /2:\d+ .*'timestamp'.*must be long/],
    ['#reorder:kslack(eventtt, data)', /2:\d+ .*argument 2 .*reorder:kslack/],
    ["#reorder:kslack(eventtt, 12l, 'maxk')", /2:\d+ .*argument 3 .*reorder:kslack/],
    ["#reorder:kslack(eventtt, 12l, 'maxK', true)", /2:\d+ .*'max\.k'.*must be long/],
    ["#reorder:kslack(eventtt, 12l, 15l, 'expireFlag')", /2:\d+ .*'discard\.late\.arrival'.*must be bool/],
    ['#reorder:kslack(eventtt, 1000)', /2:\d+ .*'timeout'.*must be long, but found int/],
    ['#reorder:kslack(eventtt, price)', /2:\d+ .*'timeout'.*must be a constant/],
    ['#reorder:kslack(eventtt, flag)', /2:42 argument 2 .*of stream processor 'reorder:kslack'/],
    // Java: AlphaKSlack testcase2, 3, 5, 6, 7, 8, 10, 11, 13, 14, 15; 7 arguments are no overload.
    ['#reorder:akslack(eventtt)', /2:\d+ .*reorder:akslack.*but got 1 argument/],
    ['#reorder:akslack(data, price)', /2:\d+ .*'timestamp'.*must be long/],
    [
      '#reorder:akslack(eventtt, data)',
      /2:\d+ .*'correlation\.field'.*must be int, long, float or double|2:\d+ .*'correlation\.field'/,
    ],
    ['#reorder:akslack(eventtt, price, volume)', /2:\d+ .*'batch\.size'.*must be a constant/],
    ["#reorder:akslack(eventtt, price, 'batchSize')", /2:\d+ .*'batch\.size'.*must be long/],
    ["#reorder:akslack(eventtt, price, 20l, 'timerDuration')", /2:\d+ .*'timeout'.*must be long/],
    ['#reorder:akslack(eventtt, price, 20l, volume)', /2:\d+ .*'timeout'.*must be a constant/],
    ["#reorder:akslack(eventtt, price, 20l, 12l, 'maxK')", /2:\d+ .*'max\.k'.*must be long/],
    [
      "#reorder:akslack(eventtt, price, 20l, 12l, 10l, 'discardFlag')",
      /2:\d+ .*'discard\.late\.arrival'.*must be bool/,
    ],
    [
      '#reorder:akslack(eventtt, price, 20l, 12l, 10l, true, volume, volume)',
      /2:\d+ .*'error\.threshold'.*must be double/,
    ],
    [
      "#reorder:akslack(eventtt, price, 20l, 12l, 10l, true, 'errorThreshold', 12)",
      /2:\d+ .*'error\.threshold'.*must be double/,
    ],
    [
      "#reorder:akslack(eventtt, price, 20l, 12l, 10l, true, 12.5, 'confidenceLevel')",
      /2:\d+ .*'confidence\.level'.*must be double/,
    ],
    ['#reorder:akslack(eventtt, price, 20l, 12l, 10l, true, 0.1)', /2:\d+ .*reorder:akslack.*but got 7 arguments/],
  ];
  for (const [call, message] of bad) {
    test(call, () => {
      assert.throws(
        () => manager().createSiddhiAppRuntime(`${K}from inputStream${call} select eventtt insert into O;`),
        message,
      );
    });
  }
});
