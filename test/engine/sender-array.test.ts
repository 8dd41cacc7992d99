import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { StreamJunction } from '../../src/engine/runtime/stream-junction.js';
import type { StreamEvent } from '../../src/engine/event/stream-event.js';
import { readsValuesOnly } from '../../src/engine/query/stateless-lane.js';
import { callStack } from './call-stack.js';

const F75_6 = Math.fround(75.6);

function app(text: string): ReturnType<SiddhiManager['createSiddhiAppRuntime']> {
  return new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(text);
}

describe('input a junction lends to lanes that borrow', () => {
  const schema = {
    id: 'S',
    attributes: [
      { name: 'k', type: 'string' as const },
      { name: 'p', type: 'float' as const },
    ],
  };

  test('a lane that borrows reads the sender array itself, while it is the only subscriber', () => {
    const j = new StreamJunction(schema, () => assert.fail('no error expected'));
    const seen: unknown[][] = [];
    const lane = (_ts: number, d: unknown[]): void => {
      seen.push(d);
    };
    j.subscribe(() => assert.fail('single events take the lane'), lane, true);
    const sent = ['a', 75.6];
    j.sendInput(1, sent);
    assert.equal(seen[0], sent);

    const chunks: StreamEvent[][] = [];
    const callback = (c: StreamEvent[]): void => {
      chunks.push(c);
    };
    j.subscribe(callback);
    j.sendInput(2, sent);
    assert.notEqual(seen[1], sent);
    assert.deepEqual(seen[1], ['a', F75_6]);
    assert.deepEqual(chunks, [[{ timestamp: 2, data: ['a', F75_6], type: 0 }]]);

    j.unsubscribe(callback);
    j.sendInput(3, sent);
    assert.equal(seen[2], sent);

    // Two lanes that borrow get copies: a callback of the first might change the array the second reads.
    const other = (): void => {};
    j.subscribe(other, (_ts, d) => seen.push(d), true);
    j.sendInput(4, sent);
    assert.notEqual(seen[3], sent);
    assert.equal(seen[4], seen[3]);
    j.unsubscribe(other);
    j.sendInput(5, sent);
    assert.equal(seen[5], sent);
    assert.equal(j.eventsIn, 5);
  });

  test('a lane subscribed without borrowing gets a copy', () => {
    const j = new StreamJunction(schema, () => assert.fail('no error expected'));
    const seen: unknown[][] = [];
    j.subscribe(
      () => assert.fail('single events take the lane'),
      (_ts, d) => seen.push(d),
    );
    const sent = ['a', 1.1];
    j.sendInput(1, sent);
    assert.notEqual(seen[0], sent);
    assert.deepEqual(seen[0], ['a', Math.fround(1.1)]);
  });

  test('an error keeps a copy of the event: the sender may change its array afterwards', () => {
    const errors: StreamEvent[][] = [];
    const j = new StreamJunction(schema, (_e, chunk) => errors.push(chunk));
    j.subscribe(
      () => assert.fail('single events take the lane'),
      () => {
        throw new Error('bad');
      },
      true,
    );
    const sent = ['a', 75.6];
    j.sendInput(7, sent);
    sent[0] = 'changed';
    assert.deepEqual(errors, [[{ timestamp: 7, data: ['a', F75_6], type: 0 }]]);
  });
});

describe('a stateless query reads the sender array', () => {
  const S = 'define stream S (sym string, price float, volume long);';

  test('float semantics hold, and the sender may reuse its array after each send', () => {
    const runtime = app(`${S}
      @info(name='q1') from S[price >= 75.6] select sym, price, price * 2 as p2, volume insert into Out;`);
    const got: unknown[][] = [];
    let stack = '';
    runtime.addQueryCallback('q1', (_ts, ins) => {
      stack ||= callStack();
      for (const e of ins ?? []) got.push(e.data);
    });
    runtime.start();
    const h = runtime.getInputHandler('S');
    const d: unknown[] = ['a', 75.6, 1];
    h.send(d); // 75.6 as a 32-bit float is 75.59999847..., below the double 75.6 (as in Siddhi)
    d[0] = 'b';
    d[1] = 80.1;
    d[2] = 2;
    h.send(d);
    d[1] = null;
    h.send(d);
    d[0] = 'c';
    d[1] = 76;
    d[2] = 3;
    h.send(d);
    d[0] = 'changed';
    assert.deepEqual(got, [
      ['b', Math.fround(80.1), Math.fround(Math.fround(80.1) * 2), 2],
      ['c', 76, 152, 3],
    ]);
    // The junction handed the sender's array to the query's lane: no copy was made on the way.
    assert.match(stack, /sendInput/);
    assert.doesNotMatch(stack, /sendOne \(/);
    void runtime.shutdown();
  });

  test('a stream callback on the input makes the junction copy; both see the values sent', () => {
    const runtime = app(`${S}
      @info(name='q1') from S select sym, price insert into Out;`);
    const got: unknown[][] = [];
    const raw: unknown[][] = [];
    runtime.addQueryCallback('q1', (_ts, ins) => got.push(...(ins ?? []).map((e) => e.data)));
    runtime.addStreamCallback('S', (events) => raw.push(...events.map((e) => e.data)));
    runtime.start();
    const d: unknown[] = ['a', 75.6, 1];
    runtime.getInputHandler('S').send(d);
    d[0] = 'changed';
    assert.deepEqual(got, [['a', F75_6]]);
    assert.deepEqual(raw, [['a', F75_6, 1]]);
    void runtime.shutdown();
  });

  test('a failing event reaches the fault stream with the values sent, though the sender changed its array', () => {
    const runtime = app(`
      define function boom[javascript] return int { if (data[0] < 0) throw new Error('negative'); return data[0]; };
      @OnError(action='STREAM')
      define stream S (v int, p float);
      @info(name='q') from S[p > 1] select boom(v) as w insert into O;
      @info(name='faults') from !S select v, p, _error insert into Faults;`);
    const got: unknown[][] = [];
    const faults: unknown[][] = [];
    let stack = '';
    runtime.addQueryCallback('q', (_ts, ins) => got.push(...(ins ?? []).map((e) => e.data)));
    runtime.addQueryCallback('faults', (_ts, ins) => {
      stack ||= callStack();
      faults.push(...(ins ?? []).map((e) => e.data));
    });
    runtime.start();
    const d: unknown[] = [1, 2.2];
    const h = runtime.getInputHandler('S');
    h.send(d);
    d[0] = -1;
    h.send(d);
    d[0] = 3;
    d[1] = 0.5;
    h.send(d);
    assert.deepEqual(got, [[1]]);
    assert.equal(faults.length, 1);
    assert.deepEqual(faults[0]!.slice(0, 2), [-1, Math.fround(2.2)]);
    assert.match(String(faults[0]![2]), /negative/);
    // The error came from the lane the junction lent the sender's array to.
    assert.match(stack, /StreamJunction\.lentFailed [^\n]*\n\s+at StreamJunction\.sendInput /);
    void runtime.shutdown();
  });

  test('generated code that names its data array other than by index does not borrow', () => {
    // Functions of the shape `instantiate` makes.
    const make = (body: string): ((d: unknown[]) => unknown) =>
      new Function('f', `return function generated(d, ts) {\n${body}\n};`)([]) as (d: unknown[]) => unknown;
    assert.equal(readsValuesOnly(make('return [d[0], d [1], x.d, ts];')), true);
    assert.equal(readsValuesOnly(make('return f[0](d);')), false);
    assert.equal(readsValuesOnly(make('return [d];')), false);
    assert.equal(readsValuesOnly(make('return d.length;')), false);
    assert.equal(readsValuesOnly(make('return "d";')), false);
  });
});

describe('a windowed query reads the sender array', () => {
  const f = Math.fround;

  /** Sends each row through one reused array; returns q1's current outputs and whether the lane borrowed. */
  function sendReused(
    text: string,
    rows: unknown[][],
    opts: { copy?: boolean; step?: number } = {},
  ): { out: unknown[][]; borrowed: boolean } {
    const runtime = app(text);
    const out: unknown[][] = [];
    let stack = '';
    runtime.addQueryCallback('q1', (_ts, ins) => {
      stack ||= callStack();
      for (const e of ins ?? []) out.push(e.data);
    });
    // A stream callback on the input is a second reader: the junction copies for everyone.
    if (opts.copy) runtime.addStreamCallback('S', () => {});
    runtime.start();
    const h = runtime.getInputHandler('S');
    const d: unknown[] = [];
    for (const row of rows) {
      d.length = 0;
      d.push(...row);
      h.send(d);
      d.fill('changed');
      runtime.manualClock!.advanceBy(opts.step ?? 0);
    }
    void runtime.shutdown();
    return { out, borrowed: /sendInput/.test(stack) && !/sendOne \(/.test(stack) };
  }

  const rows = [
    ['a', 1.1],
    ['a', 2.2],
    ['b', 3.3],
    ['a', 4.4],
    ['b', 5.5],
  ];

  test('length: what leaves is what was sent, rounded to float, though the sender changed its array', () => {
    const text = `define stream S (k string, v float);
      @info(name='q1') from S#window.length(2) select k, sum(v) as s group by k insert into Out;`;
    const got = sendReused(text, rows);
    const a = ((f(1.1) + f(2.2) - f(1.1)) as number) - f(2.2) + f(4.4);
    assert.deepEqual(got.out, [
      ['a', f(1.1)],
      ['a', f(1.1) + f(2.2)],
      ['b', f(3.3)],
      ['a', a],
      ['b', f(3.3) - f(3.3) + f(5.5)],
    ]);
    assert.equal(got.borrowed, true);
    const copied = sendReused(text, rows, { copy: true });
    assert.equal(copied.borrowed, false);
    assert.deepEqual(copied.out, got.out);
  });

  test('time: events expire with the values sent', () => {
    const text = `define stream S (k string, v float);
      @info(name='q1') from S#window.time(250 millisec) select k, sum(v) as s insert into Out;`;
    const got = sendReused(text, rows, { step: 100 });
    // 100 ms apart in a 250 ms window: each event sees itself and the two before it.
    assert.deepEqual(got.out, [
      ['a', f(1.1)],
      ['a', f(1.1) + f(2.2)],
      ['b', f(1.1) + f(2.2) + f(3.3)],
      ['a', f(1.1) + f(2.2) + f(3.3) - f(1.1) + f(4.4)],
      ['b', f(1.1) + f(2.2) + f(3.3) - f(1.1) + f(4.4) - f(2.2) + f(5.5)],
    ]);
    assert.equal(got.borrowed, true);
    assert.deepEqual(sendReused(text, rows, { step: 100, copy: true }).out, got.out);
  });

  test('lengthBatch: a batch holds the values sent', () => {
    const text = `define stream S (k string, v float);
      @info(name='q1') from S#window.lengthBatch(2) select k, v, sum(v) as s insert all events into Out;`;
    const got = sendReused(text, rows);
    assert.deepEqual(got.out, [
      ['a', f(2.2), f(1.1) + f(2.2)],
      ['a', f(4.4), f(3.3) + f(4.4)],
    ]);
    assert.equal(got.borrowed, true);
    assert.deepEqual(sendReused(text, rows, { copy: true }).out, got.out);
  });

  test('a window that keeps the events it is given (sort) makes the junction copy', () => {
    const text = `define stream S (k string, v float);
      @info(name='q1') from S#window.sort(2, v) select k, v insert into Out;`;
    const got = sendReused(text, rows);
    assert.equal(got.borrowed, false);
    assert.deepEqual(got.out, [
      ['a', f(1.1)],
      ['a', f(2.2)],
      ['b', f(3.3)],
      ['a', f(4.4)],
      ['b', f(5.5)],
    ]);
  });
});
