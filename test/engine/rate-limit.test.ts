import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutputRate, Span } from '../../src/lang/ast.js';
import { CURRENT, EXPIRED, RESET, type EventType, type StreamEvent } from '../../src/engine/event/stream-event.js';
import { ManualScheduler } from '../../src/engine/time/manual-scheduler.js';
import { createRateLimiter } from '../../src/engine/query/rate-limit/create-rate-limiter.js';
import type { RateLimiter, RateLimiterOptions } from '../../src/engine/query/rate-limit/rate-limiter.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { Event } from '../../src/engine/runtime/event.js';

const T0 = 1577836800000;
const span: Span = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

const events = (type: 'all' | 'first' | 'last', count: number): OutputRate => ({ kind: 'events', type, count, span });
const every = (type: 'all' | 'first' | 'last', millis: number): OutputRate => ({ kind: 'time', type, millis, span });
const snapshot = (millis: number): OutputRate => ({ kind: 'snapshot', millis, span });

const plain: RateLimiterOptions = { groupBy: false, windowed: false, aggregates: false };
/** Grouped by the first output attribute. */
const byFirst: RateLimiterOptions = { ...plain, groupBy: true, groupKeyOf: (e) => String(e.data[0]) };

/** A limiter on a virtual clock, recording what it emits as [type, ...data] rows, one array per chunk. */
function harness(rate: OutputRate, opts: RateLimiterOptions) {
  const clock = new ManualScheduler(T0);
  const chunks: unknown[][][] = [];
  const limiter: RateLimiter = createRateLimiter(rate, clock, (c) => chunks.push(c.map(row)), opts);
  limiter.start?.();
  const send = (...evs: StreamEvent[]): void => limiter.process(evs);
  const flat = (): unknown[][] => chunks.flat();
  return { clock, chunks, limiter, send, flat };
}

function ev(type: EventType, data: unknown[], ts?: number): StreamEvent {
  return { timestamp: ts ?? 0, data, type };
}
const row = (e: StreamEvent): unknown[] => [
  e.type === CURRENT ? 'in' : e.type === EXPIRED ? 'out' : 'other',
  ...e.data,
];

describe('output every N events', () => {
  test('all every 2 events emits each pair together and holds the odd one', () => {
    const h = harness(events('all', 2), plain);
    for (const ip of ['a', 'a', 'b', 'a', 'c']) h.send(ev(CURRENT, [ip]));
    assert.deepEqual(h.chunks, [
      [
        ['in', 'a'],
        ['in', 'a'],
      ],
      [
        ['in', 'b'],
        ['in', 'a'],
      ],
    ]);
  });

  test('first every 2 and every 3 events restart after each N', () => {
    const ips = ['5', '3', '9', '4', '3'];
    const two = harness(events('first', 2), plain);
    const three = harness(events('first', 3), plain);
    for (const ip of ips) {
      two.send(ev(CURRENT, [ip]));
      three.send(ev(CURRENT, [ip]));
    }
    assert.deepEqual(two.flat(), [
      ['in', '5'],
      ['in', '9'],
      ['in', '3'],
    ]);
    assert.deepEqual(three.flat(), [
      ['in', '5'],
      ['in', '4'],
    ]);
  });

  test('first every 1 event emits every event', () => {
    const h = harness(events('first', 1), plain);
    h.send(ev(CURRENT, ['x']), ev(CURRENT, ['y']));
    assert.deepEqual(h.flat(), [
      ['in', 'x'],
      ['in', 'y'],
    ]);
  });

  test('last every 2 events emits the second of each pair', () => {
    const h = harness(events('last', 2), plain);
    for (const ip of ['3', '5', '3', '4', '3']) h.send(ev(CURRENT, [ip]));
    assert.deepEqual(h.flat(), [
      ['in', '5'],
      ['in', '4'],
    ]);
  });

  test('first every N events with group by counts per group', () => {
    const h = harness(events('first', 2), byFirst);
    for (const ip of ['5', '5', '3', '5', '5', '9', '4', '4', '4', '5', '30']) h.send(ev(CURRENT, [ip]));
    assert.deepEqual(
      h.flat().map((r) => r[1]),
      ['5', '3', '5', '9', '4', '4', '5', '30'],
    );
  });

  test('last every N events with group by emits the last of each group, groups in first-seen order', () => {
    const h = harness(events('last', 5), byFirst);
    for (const ip of ['5', '5', '3', '9', '4', '4', '4', '30', '3', '30']) h.send(ev(CURRENT, [ip]));
    assert.deepEqual(h.chunks, [
      [
        ['in', '5'],
        ['in', '3'],
        ['in', '9'],
        ['in', '4'],
      ],
      [
        ['in', '4'],
        ['in', '30'],
        ['in', '3'],
      ],
    ]);
  });

  test('expired events count and keep their type; resets are ignored', () => {
    const h = harness(events('last', 2), plain);
    h.send(ev(EXPIRED, ['9', 0]), ev(RESET, []));
    assert.deepEqual(h.chunks, []);
    h.send(ev(EXPIRED, ['4', 0]));
    assert.deepEqual(h.flat(), [['out', '4', 0]]);
  });

  test('the group key the selector attached wins over the output data', () => {
    const h = harness(events('first', 3), { ...plain, groupBy: true });
    const tagged = (v: number, groupKey: string): StreamEvent => Object.assign(ev(CURRENT, [v]), { groupKey });
    h.send(tagged(1, 'a'), tagged(2, 'b'), tagged(3, 'a'), tagged(4, 'b'), tagged(5, 'a'), tagged(6, 'a'));
    assert.deepEqual(h.flat(), [
      ['in', 1],
      ['in', 2],
      ['in', 6],
    ]);
  });

  test('snapshot and restore carry the count and the held events', () => {
    const a = harness(events('all', 3), plain);
    a.send(ev(CURRENT, ['x']), ev(CURRENT, ['y']));
    const state = JSON.parse(JSON.stringify(a.limiter.stateful!.snapshot())) as unknown;
    const b = harness(events('all', 3), plain);
    b.limiter.stateful!.restore(state);
    b.send(ev(CURRENT, ['z']));
    assert.deepEqual(b.flat(), [
      ['in', 'x'],
      ['in', 'y'],
      ['in', 'z'],
    ]);

    const g = harness(events('last', 3), byFirst);
    g.send(ev(CURRENT, ['p', 1]), ev(CURRENT, ['q', 2]));
    const gs = JSON.parse(JSON.stringify(g.limiter.stateful!.snapshot())) as unknown;
    const g2 = harness(events('last', 3), byFirst);
    g2.limiter.stateful!.restore(gs);
    g2.send(ev(CURRENT, ['p', 3]));
    assert.deepEqual(g2.flat(), [
      ['in', 'p', 3],
      ['in', 'q', 2],
    ]);
  });
});

describe('output every <time>', () => {
  test('last every 1 sec with group by emits each group once per tick (TimeOutputRateLimit 7)', () => {
    const h = harness(every('last', 1000), byFirst);
    for (const ip of ['5', '5', '3', '9', '4']) h.send(ev(CURRENT, [ip]));
    assert.deepEqual(h.chunks, []);
    h.clock.advanceBy(1100);
    for (const ip of ['4', '4', '30']) h.send(ev(CURRENT, [ip]));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [
        ['in', '5'],
        ['in', '3'],
        ['in', '9'],
        ['in', '4'],
      ],
      [
        ['in', '4'],
        ['in', '30'],
      ],
    ]);
  });

  test('all every 1 sec emits current and expired events of the period, nothing when idle', () => {
    const h = harness(every('all', 1000), plain);
    h.send(ev(CURRENT, ['a', 1]), ev(CURRENT, ['b', 1]));
    h.clock.advanceBy(1000);
    h.clock.advanceBy(1000);
    h.send(ev(EXPIRED, ['a', 0]), ev(CURRENT, ['c', 1]));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [
        ['in', 'a', 1],
        ['in', 'b', 1],
      ],
      [
        ['out', 'a', 0],
        ['in', 'c', 1],
      ],
    ]);
  });

  test('last every 1 sec emits the latest event of each period', () => {
    const h = harness(every('last', 1000), plain);
    h.send(ev(CURRENT, ['a']), ev(CURRENT, ['b']));
    h.clock.advanceBy(999);
    assert.deepEqual(h.chunks, []);
    h.clock.advanceBy(1);
    h.send(ev(CURRENT, ['c']));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.flat(), [
      ['in', 'b'],
      ['in', 'c'],
    ]);
  });

  test('first every 1 sec lets an event through once a period has passed since the last output', () => {
    const h = harness(every('first', 1000), plain);
    h.send(ev(CURRENT, ['a']), ev(CURRENT, ['b']));
    h.clock.advanceBy(500);
    h.send(ev(CURRENT, ['c']));
    h.clock.advanceBy(500);
    h.send(ev(CURRENT, ['d']));
    h.send(ev(CURRENT, ['e']));
    assert.deepEqual(h.flat(), [
      ['in', 'a'],
      ['in', 'd'],
    ]);
  });

  test('first every 1 sec with group by tracks each group', () => {
    const h = harness(every('first', 1000), byFirst);
    h.send(ev(CURRENT, ['a', 1]), ev(CURRENT, ['b', 1]), ev(CURRENT, ['a', 2]));
    h.clock.advanceBy(600);
    h.send(ev(CURRENT, ['c', 1]));
    h.clock.advanceBy(400);
    h.send(ev(CURRENT, ['a', 3]), ev(CURRENT, ['c', 2]));
    assert.deepEqual(h.flat(), [
      ['in', 'a', 1],
      ['in', 'b', 1],
      ['in', 'c', 1],
      ['in', 'a', 3],
    ]);
  });

  test('the first tick is one period after start; stop() cancels it', () => {
    const h = harness(every('all', 1000), plain);
    assert.equal(h.clock.nextDue(), T0 + 1000);
    h.send(ev(CURRENT, ['a']));
    h.limiter.stop?.();
    h.clock.advanceBy(5000);
    assert.deepEqual(h.chunks, []);
  });

  test('a tick registered at start fires before a timer registered later for the same instant', () => {
    const h = harness(every('all', 1000), plain);
    const order: string[] = [];
    h.clock.schedule(T0 + 1000, () => {
      order.push(`window:${h.chunks.length}`);
    });
    h.send(ev(CURRENT, ['a']));
    h.clock.advanceBy(1000);
    assert.deepEqual(order, ['window:1']);
  });

  test('snapshot and restore keep held events; the schedule comes from start()', () => {
    const a = harness(every('last', 1000), byFirst);
    a.send(ev(CURRENT, ['x', 1]), ev(CURRENT, ['y', 1]), ev(CURRENT, ['x', 2]));
    const state = JSON.parse(JSON.stringify(a.limiter.stateful!.snapshot())) as unknown;
    const b = harness(every('last', 1000), byFirst);
    b.limiter.stateful!.restore(state);
    b.clock.advanceBy(1000);
    assert.deepEqual(b.flat(), [
      ['in', 'x', 2],
      ['in', 'y', 1],
    ]);

    const f = harness(every('first', 1000), plain);
    f.send(ev(CURRENT, ['x']));
    const fs = f.limiter.stateful!.snapshot();
    const f2 = harness(every('first', 1000), plain);
    f2.limiter.stateful!.restore(fs);
    f2.send(ev(CURRENT, ['y']));
    f2.clock.advanceBy(1000);
    f2.send(ev(CURRENT, ['z']));
    assert.deepEqual(f2.flat(), [['in', 'z']]);
  });
});

describe('output snapshot every <time>', () => {
  test('without a window, the last current event is re-emitted on every tick (Snapshot 2)', () => {
    const h = harness(snapshot(1000), plain);
    h.clock.advanceBy(1200);
    h.send(ev(CURRENT, ['5'], T0 + 1200));
    h.clock.advanceBy(500);
    h.send(ev(CURRENT, ['3'], T0 + 1700));
    h.clock.advanceBy(2200);
    assert.deepEqual(h.chunks, [[['in', '3']], [['in', '3']]]);
  });

  test('without a window, with group by: the last event of each group (Snapshot 5)', () => {
    const h = harness(snapshot(1000), byFirst);
    h.clock.advanceBy(1100);
    h.send(ev(CURRENT, ['5', 3], T0 + 1100), ev(CURRENT, ['3', 6], T0 + 1100));
    h.clock.advanceBy(2200);
    h.send(ev(CURRENT, ['5', 5], T0 + 3300), ev(CURRENT, ['3', 16], T0 + 3300));
    h.clock.advanceBy(1200);
    assert.deepEqual(h.flat(), [
      ['in', '5', 3],
      ['in', '3', 6],
      ['in', '5', 3],
      ['in', '3', 6],
      ['in', '5', 5],
      ['in', '3', 16],
    ]);
  });

  test('windowed without aggregates: the window content, an expired event removing its match', () => {
    const h = harness(snapshot(1000), { ...plain, windowed: true });
    h.send(ev(CURRENT, ['5']), ev(CURRENT, ['3']), ev(CURRENT, ['5']));
    h.clock.advanceBy(1000);
    h.send(ev(EXPIRED, ['5']));
    h.clock.advanceBy(1000);
    h.send(ev(EXPIRED, ['3']), ev(EXPIRED, ['5']));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [
        ['in', '5'],
        ['in', '3'],
        ['in', '5'],
      ],
      [
        ['in', '3'],
        ['in', '5'],
      ],
    ]);
  });

  test('windowed without aggregates: a reset empties the window', () => {
    const h = harness(snapshot(1000), { ...plain, windowed: true });
    h.send(ev(CURRENT, ['a']), ev(CURRENT, ['b']), ev(RESET, []), ev(CURRENT, ['c']));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.flat(), [['in', 'c']]);
  });

  test('windowed, only aggregates: the last aggregate, forgotten after an expiry (Snapshot 8)', () => {
    const h = harness(snapshot(1000), {
      ...plain,
      windowed: true,
      aggregates: true,
      aggregatePositions: [0],
      outputNames: ['total'],
    });
    h.clock.advanceBy(1100);
    h.send(ev(CURRENT, [3]));
    h.clock.advanceBy(100);
    h.send(ev(CURRENT, [9]));
    h.clock.advanceBy(900); // tick at 2 s
    h.send(ev(EXPIRED, [6]));
    h.clock.advanceBy(1300); // tick at 3 s: nothing
    h.send(ev(CURRENT, [8]));
    h.clock.advanceBy(600); // tick at 4 s
    assert.deepEqual(h.chunks, [[['in', 9]], [['in', 8]]]);
  });

  test('windowed, attribute and aggregate: every event in the window with the latest aggregate (Snapshot 19)', () => {
    const h = harness(snapshot(1000), {
      ...plain,
      windowed: true,
      aggregates: true,
      aggregatePositions: [1],
      outputNames: ['ip', 'total'],
    });
    h.clock.advanceBy(1100);
    h.send(ev(CURRENT, ['5', 3]), ev(CURRENT, ['3', 9]));
    h.clock.advanceBy(900); // 2 s
    h.send(ev(CURRENT, ['5', 11]), ev(CURRENT, ['3', 21]));
    h.clock.advanceBy(1000); // 3 s
    h.send(ev(EXPIRED, ['5', 18]), ev(EXPIRED, ['3', 12]));
    h.clock.advanceBy(1000); // 4 s
    h.send(ev(EXPIRED, ['5', 10]), ev(EXPIRED, ['3', 0]));
    h.clock.advanceBy(1000); // 5 s: empty
    assert.deepEqual(h.chunks, [
      [
        ['in', '5', 9],
        ['in', '3', 9],
      ],
      [
        ['in', '5', 21],
        ['in', '3', 21],
        ['in', '5', 21],
        ['in', '3', 21],
      ],
      [
        ['in', '5', 12],
        ['in', '3', 12],
      ],
    ]);
  });

  test('windowed, attribute and aggregate with group by: one event per group with its aggregate (Snapshot 20)', () => {
    const h = harness(snapshot(1000), {
      ...byFirst,
      windowed: true,
      aggregates: true,
      aggregatePositions: [1],
      outputNames: ['ip', 'total'],
    });
    h.send(ev(CURRENT, ['5', 3]), ev(CURRENT, ['3', 6]));
    h.clock.advanceBy(1000);
    h.send(ev(CURRENT, ['5', 5]), ev(CURRENT, ['3', 16]));
    h.clock.advanceBy(1000);
    h.send(ev(EXPIRED, ['5', 2]), ev(EXPIRED, ['3', 10]));
    h.clock.advanceBy(1000);
    h.send(ev(EXPIRED, ['5', 0]), ev(EXPIRED, ['3', 0]));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [
        ['in', '5', 3],
        ['in', '3', 6],
      ],
      [
        ['in', '5', 5],
        ['in', '3', 16],
      ],
      [
        ['in', '5', 2],
        ['in', '3', 10],
      ],
    ]);
  });

  test('windowed, only aggregates with group by: the latest event per live group, expired ones as expired (Snapshot 7)', () => {
    const keys = new Map<StreamEvent, string>();
    const tag = (e: StreamEvent, k: string): StreamEvent => (keys.set(e, k), e);
    const h = harness(snapshot(1000), {
      ...plain,
      groupBy: true,
      windowed: true,
      aggregates: true,
      aggregatePositions: [0],
      outputNames: ['total'],
      groupKeyOf: (e) => keys.get(e) ?? '?',
    });
    h.send(tag(ev(CURRENT, [3]), '5'), tag(ev(CURRENT, [6]), '3'));
    h.clock.advanceBy(1000);
    h.send(tag(ev(CURRENT, [5]), '5'), tag(ev(CURRENT, [16]), '3'));
    h.clock.advanceBy(1000);
    h.send(tag(ev(EXPIRED, [2]), '5'), tag(ev(EXPIRED, [10]), '3'));
    h.clock.advanceBy(1000);
    h.send(tag(ev(EXPIRED, [0]), '5'), tag(ev(EXPIRED, [0]), '3'));
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [
        ['in', 3],
        ['in', 6],
      ],
      [
        ['in', 5],
        ['in', 16],
      ],
      [
        ['out', 2],
        ['out', 10],
      ],
    ]);
  });

  test('an event reaching the due tick flushes the snapshot before it is taken', () => {
    const h = harness(snapshot(1000), { ...plain, windowed: true });
    h.send(ev(CURRENT, ['a'], T0));
    h.send(ev(CURRENT, ['b'], T0 + 1000));
    assert.deepEqual(h.chunks, [[['in', 'a']]]);
    h.clock.advanceBy(1000); // the stale timer at 1 s emits nothing more
    assert.deepEqual(h.chunks, [[['in', 'a']]]);
    h.clock.advanceBy(1000);
    assert.deepEqual(h.chunks, [
      [['in', 'a']],
      [
        ['in', 'a'],
        ['in', 'b'],
      ],
    ]);
  });

  test('emitted events are copies: changing them does not change what is held', () => {
    const h = harness(snapshot(1000), plain);
    const got: StreamEvent[] = [];
    const lim = createRateLimiter(snapshot(1000), h.clock, (c) => got.push(...c), plain);
    lim.start?.();
    lim.process([ev(CURRENT, ['a'])]);
    h.clock.advanceBy(1000);
    got[0]!.data[0] = 'changed';
    h.clock.advanceBy(1000);
    assert.deepEqual(
      got.map((e) => e.data),
      [['changed'], ['a']],
    );
  });

  test('snapshot and restore of the window content', () => {
    const opts: RateLimiterOptions = { ...plain, windowed: true, aggregatePositions: [1], outputNames: ['ip', 'n'] };
    const a = harness(snapshot(1000), opts);
    a.send(ev(CURRENT, ['x', 1]), ev(CURRENT, ['y', 2]));
    const state = JSON.parse(JSON.stringify(a.limiter.stateful!.snapshot())) as unknown;
    const b = harness(snapshot(1000), opts);
    b.limiter.stateful!.restore(state);
    b.send(ev(EXPIRED, ['x', 1]));
    b.clock.advanceBy(1000);
    assert.deepEqual(b.flat(), [['in', 'y', 1]]);
  });
});

describe('through an app', () => {
  function run(app: string, steps: (send: (d: unknown[]) => void, sleep: (ms: number) => void) => void) {
    const r = new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(
      app,
    );
    const got = { in: [] as unknown[][], remove: [] as unknown[][] };
    r.addQueryCallback('q', (_ts, ins: Event[] | null, outs: Event[] | null) => {
      for (const e of ins ?? []) got.in.push(e.data);
      for (const e of outs ?? []) got.remove.push(e.data);
    });
    r.start();
    const s = r.getInputHandler('S');
    steps(
      (d) => s.send(d),
      (ms) => r.manualClock!.advanceBy(ms),
    );
    r.shutdown();
    return got;
  }

  test('the selector shape picks the snapshot limiter: attribute + aggregate re-emits the window', () => {
    const got = run(
      "define stream S (ip string, calls int); @info(name = 'q') from S#window.time(5 sec) select ip, sum(calls) as total output snapshot every 1 sec insert all events into O;",
      (send, sleep) => {
        sleep(100);
        send(['a', 1]);
        send(['b', 2]);
        sleep(1000);
      },
    );
    assert.deepEqual(got, {
      in: [
        ['a', 3],
        ['b', 3],
      ],
      remove: [],
    });
  });

  test('only aggregates in a window emits one event per tick', () => {
    const got = run(
      "define stream S (ip string, calls int); @info(name = 'q') from S#window.time(5 sec) select sum(calls) as total output snapshot every 1 sec insert all events into O;",
      (send, sleep) => {
        sleep(100);
        send(['a', 1]);
        send(['b', 2]);
        sleep(2000);
      },
    );
    assert.deepEqual(got, { in: [[3], [3]], remove: [] });
  });
});

describe('snapshot limiting needs all events', () => {
  test("a query inserting only current events cannot use 'output snapshot'", () => {
    const clock = new ManualScheduler(T0);
    assert.throws(
      () => createRateLimiter(snapshot(1000), clock, () => {}, { ...plain, outputEventType: 'current' }),
      /must insert 'all events', not 'current events'/,
    );
    const app =
      "define stream S (ip string); @info(name = 'q') from S select ip output snapshot every 1 sec insert into O;";
    assert.throws(
      () => new SiddhiManager({ clock: 'virtual', startTime: T0, logger: memoryLogger() }).createSiddhiAppRuntime(app),
      /must insert 'all events'/,
    );
  });
});
