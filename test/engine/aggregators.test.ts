import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttributeType } from '../../src/lang/ast.js';
import type { AggregatorImpl, AggregatorState, CallSiteContext } from '../../src/engine/registry/extension-impl.js';
import {
  ExtremeTracker,
  andAggregator,
  avgAggregator,
  builtinAggregators,
  countAggregator,
  distinctCountAggregator,
  maxAggregator,
  maxForeverAggregator,
  minAggregator,
  minForeverAggregator,
  orAggregator,
  stdDevAggregator,
  sumAggregator,
  unionSetAggregator,
} from '../../src/engine/aggregators/index.js';

function ctx(argTypes: AttributeType[], returnType: AttributeType = 'object'): CallSiteContext {
  return { argTypes, constants: argTypes.map(() => undefined), returnType, now: () => 1577836800000 };
}

function state(impl: AggregatorImpl, ...argTypes: AttributeType[]): AggregatorState {
  return impl.create(ctx(argTypes))();
}

/** Applies `+v` / `-v` steps and returns what each step returned. */
function run(s: AggregatorState, steps: [op: '+' | '-', v: unknown][]): unknown[] {
  return steps.map(([op, v]) => (op === '+' ? s.add(v) : s.remove(v)));
}

function roundTrip(s: AggregatorState, fresh: AggregatorState): AggregatorState {
  fresh.restore(JSON.parse(JSON.stringify(s.snapshot())));
  return fresh;
}

describe('builtinAggregators', () => {
  test('lists the twelve core aggregators', () => {
    assert.deepEqual(
      builtinAggregators.map((a) => a.spec.name),
      [
        'sum',
        'count',
        'avg',
        'min',
        'max',
        'distinctCount',
        'maxForever',
        'minForever',
        'stdDev',
        'and',
        'or',
        'unionSet',
      ],
    );
    for (const a of builtinAggregators) {
      assert.equal(a.spec.kind, 'aggregator');
      assert.equal(a.spec.namespace, '');
    }
  });
});

describe('sum', () => {
  test('return type: long for int/long, double for float/double', () => {
    const rt = sumAggregator.spec.returnTypeOf!;
    assert.equal(rt(['int'], [undefined]), 'long');
    assert.equal(rt(['long'], [undefined]), 'long');
    assert.equal(rt(['float'], [undefined]), 'double');
    assert.equal(rt(['double'], [undefined]), 'double');
  });

  test('rejects strings, bools and wrong arity', () => {
    const v = sumAggregator.spec.validate!;
    assert.equal(v(['int'], [undefined]), undefined);
    assert.match(v(['string'], [undefined])!, /string/);
    assert.match(v(['bool'], [undefined])!, /bool/);
    assert.match(v(['int', 'int'], [undefined, undefined])!, /exactly 1/);
    assert.match(v([], [])!, /exactly 1/);
  });

  test('long sum skips nulls; empty is null; reset returns 0', () => {
    const s = state(sumAggregator, 'int');
    assert.equal(s.value(), null);
    assert.deepEqual(
      run(s, [
        ['+', 10],
        ['+', null],
        ['+', 5],
        ['-', 10],
        ['-', null],
        ['-', 5],
      ]),
      [10, 10, 15, 5, 5, null],
    );
    s.add(7);
    assert.equal(s.reset(), 0);
    assert.equal(s.value(), null);
  });

  test('float sum adds the 32-bit values into a double', () => {
    const s = state(sumAggregator, 'float');
    assert.equal(s.add(55.6), 55.599998474121094);
    assert.equal(s.add(10), 65.5999984741211);
    assert.equal(s.reset(), null);
    assert.equal(s.value(), null);
  });

  test('double sum; snapshot and restore', () => {
    const s = state(sumAggregator, 'double');
    s.add(1.5);
    s.add(2.25);
    const r = roundTrip(s, state(sumAggregator, 'double'));
    assert.equal(r.value(), 3.75);
    assert.equal(r.remove(1.5), 2.25);
    assert.equal(r.remove(2.25), null);
  });
});

describe('avg', () => {
  test('double mean; nulls skipped; empty and reset are null', () => {
    const s = state(avgAggregator, 'int');
    assert.equal(avgAggregator.spec.returnTypeOf!(['int'], [undefined]), 'double');
    assert.equal(s.value(), null);
    assert.deepEqual(
      run(s, [
        ['+', 1],
        ['+', 2],
        ['+', null],
        ['-', 1],
        ['-', 2],
      ]),
      [1, 1.5, 1.5, 2, null],
    );
    s.add(4);
    assert.equal(s.reset(), null);
    assert.equal(s.value(), null);
  });

  test('float values averaged as 32-bit values; snapshot', () => {
    const s = state(avgAggregator, 'float');
    assert.equal(s.add(55.6), 55.599998474121094);
    const r = roundTrip(s, state(avgAggregator, 'float'));
    assert.equal(r.add(55.6), 55.599998474121094);
  });

  test('rejects a string argument', () => {
    assert.match(avgAggregator.spec.validate!(['string'], [undefined])!, /string/);
  });
});

describe('count', () => {
  test('counts events with or without an argument, nulls included; reset returns 0', () => {
    const s = countAggregator.create(ctx([]))();
    assert.equal(s.value(), 0);
    assert.deepEqual(
      run(s, [
        ['+', undefined],
        ['+', null],
        ['+', 'x'],
        ['-', null],
      ]),
      [1, 2, 3, 2],
    );
    const r = roundTrip(s, countAggregator.create(ctx([]))());
    assert.equal(r.value(), 2);
    assert.equal(s.reset(), 0);
    assert.equal(s.value(), 0);
  });

  test('spec: long, zero or one argument', () => {
    assert.equal(countAggregator.spec.returnTypeOf!([], []), 'long');
    assert.equal(countAggregator.spec.validate!([], []), undefined);
    assert.equal(countAggregator.spec.validate!(['string'], [undefined]), undefined);
    assert.match(countAggregator.spec.validate!(['int', 'int'], [undefined, undefined])!, /at most 1/);
  });
});

describe('min and max', () => {
  test('keep the argument type', () => {
    for (const t of ['int', 'long', 'float', 'double'] as const) {
      assert.equal(minAggregator.spec.returnTypeOf!([t], [undefined]), t);
      assert.equal(maxAggregator.spec.returnTypeOf!([t], [undefined]), t);
    }
    assert.match(maxAggregator.spec.validate!(['string'], [undefined])!, /string/);
  });

  test('max over a sliding window: removing the max finds the next one', () => {
    const s = state(maxAggregator, 'double');
    assert.deepEqual(
      run(s, [
        ['+', 36.0],
        ['+', 37.88],
        ['-', 36.0],
        ['-', 37.88],
      ]),
      [36.0, 37.88, 37.88, null],
    );
  });

  test('min with removals in any order and duplicates', () => {
    const s = state(minAggregator, 'int');
    assert.deepEqual(
      run(s, [
        ['+', 5],
        ['+', 1],
        ['+', 3],
        ['+', 1],
        ['-', 1],
        ['-', 1],
        ['-', 5],
        ['+', 4],
        ['-', 3],
        ['-', 4],
        ['-', 4],
      ]),
      [5, 1, 1, 1, 1, 3, 3, 3, 4, null, null],
    );
  });

  test('nulls are skipped; reset gives null; float values kept as 32-bit', () => {
    const s = state(maxAggregator, 'float');
    assert.equal(s.add(null), null);
    assert.equal(s.add(2.3), Math.fround(2.3));
    assert.equal(s.remove(null), Math.fround(2.3));
    assert.equal(s.reset(), null);
    assert.equal(s.value(), null);
    assert.equal(s.add(1), 1);
  });

  test('snapshot and restore keep multiplicities', () => {
    const s = state(maxAggregator, 'long');
    run(s, [
      ['+', 9],
      ['+', 9],
      ['+', 2],
    ]);
    const r = roundTrip(s, state(maxAggregator, 'long'));
    assert.equal(r.remove(9), 9);
    assert.equal(r.remove(9), 2);
    assert.equal(r.remove(2), null);
  });

  test('decreasing stream through a length(3) window matches a brute-force minimum', () => {
    const s = state(minAggregator, 'long');
    const win: number[] = [];
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const v = i % 2 === 0 ? 10000 - i : seed % 50;
      win.push(v);
      let got = s.add(v);
      assert.equal(got, Math.min(...win));
      if (win.length > 3) {
        const out = win.splice(seed % win.length, 1)[0]!;
        got = s.remove(out);
        assert.equal(got, Math.min(...win));
      }
    }
  });
});

describe('ExtremeTracker', () => {
  test('stays bounded while the minimum never leaves', () => {
    const t = new ExtremeTracker(false);
    for (let i = 0; i < 1000; i++) {
      t.add(1000 - i);
      if (i >= 2) t.remove(1000 - i + 2);
    }
    assert.equal(t.peek(), 1);
    assert.deepEqual(
      t.entries().sort((a, b) => a[0] - b[0]),
      [
        [1, 1],
        [2, 1],
      ],
    );
  });
});

describe('maxForever and minForever', () => {
  test('maxForever keeps the highest value; removals and reset change nothing', () => {
    const s = state(maxForeverAggregator, 'int');
    assert.deepEqual(
      run(s, [
        ['+', 36],
        ['+', 78],
        ['+', 9],
        ['-', 78],
        ['+', null],
      ]),
      [36, 78, 78, 78, 78],
    );
    assert.equal(s.reset(), 78);
    assert.equal(s.value(), 78);
    const r = roundTrip(s, state(maxForeverAggregator, 'int'));
    assert.equal(r.add(1), 78);
  });

  test('minForever: null before any value, then the lowest', () => {
    const s = state(minForeverAggregator, 'double');
    assert.equal(s.add(null), null);
    assert.equal(s.add(10.0), 10.0);
    assert.equal(s.add(20.0), 10.0);
    assert.equal(s.remove(10.0), 10.0);
    assert.equal(minForeverAggregator.spec.returnTypeOf!(['long'], [undefined]), 'long');
  });
});

describe('distinctCount', () => {
  test('counts distinct values with removal; reset returns 0', () => {
    const s = state(distinctCountAggregator, 'string');
    assert.equal(distinctCountAggregator.spec.returnTypeOf!(['string'], [undefined]), 'long');
    assert.deepEqual(
      run(s, [
        ['+', 'WEB_PAGE_1'],
        ['+', 'WEB_PAGE_2'],
        ['+', 'WEB_PAGE_1'],
        ['-', 'WEB_PAGE_1'],
        ['-', 'WEB_PAGE_1'],
        ['-', 'NEVER_SEEN'],
      ]),
      [1, 2, 2, 2, 1, 1],
    );
    const r = roundTrip(s, state(distinctCountAggregator, 'string'));
    assert.equal(r.add('WEB_PAGE_2'), 1);
    assert.equal(s.reset(), 0);
    assert.equal(s.value(), 0);
    assert.match(distinctCountAggregator.spec.validate!(['bool'], [undefined])!, /bool/);
  });
});

describe('stdDev', () => {
  test('population deviation over a length(3) window (Siddhi stdDevAggregatorTest6)', () => {
    const s = state(stdDevAggregator, 'double');
    const out = run(s, [
      ['+', 23.3],
      ['+', 1003.2],
      ['+', 500.1],
      ['-', 23.3],
      ['+', 10.9],
      ['-', 1003.2],
      ['+', 234.5],
    ]);
    const expected = [0, 489.95000000000005, 400.0905258674453, 251.55, 405.1180266978447, 244.6, 199.96026271903798];
    for (let i = 0; i < expected.length; i++)
      assert.ok(Math.abs((out[i] as number) - expected[i]!) < 1e-9, `step ${i}`);
  });

  test('0.0 for one value, null for none and after reset', () => {
    const s = state(stdDevAggregator, 'int');
    assert.equal(s.value(), null);
    assert.equal(s.add(1), 0);
    assert.equal(s.add(2), 0.5);
    assert.equal(s.remove(1), 0);
    assert.equal(s.remove(2), null);
    s.add(3);
    assert.equal(s.reset(), null);
    assert.equal(s.value(), null);
    assert.equal(stdDevAggregator.spec.returnTypeOf!(['int'], [undefined]), 'double');
  });

  test('snapshot and restore', () => {
    const s = state(stdDevAggregator, 'double');
    s.add(10000.0);
    s.add(10000.5);
    const r = roundTrip(s, state(stdDevAggregator, 'double'));
    assert.ok(Math.abs((r.add(10001.0) as number) - 0.408248290463863) < 1e-9);
  });
});

describe('and / or', () => {
  test('and: true only when all are true; removal; reset returns false', () => {
    const s = state(andAggregator, 'bool');
    assert.equal(s.value(), false);
    assert.deepEqual(
      run(s, [
        ['+', true],
        ['+', false],
        ['+', true],
        ['-', false],
        ['+', null],
      ]),
      [true, false, false, true, true],
    );
    const r = roundTrip(s, state(andAggregator, 'bool'));
    assert.equal(r.add(false), false);
    assert.equal(s.reset(), false);
    assert.equal(s.value(), false);
    assert.match(andAggregator.spec.validate!(['int'], [undefined])!, /int/);
  });

  test('or: true when any is true; removal; reset returns false', () => {
    const s = state(orAggregator, 'bool');
    assert.deepEqual(
      run(s, [
        ['+', false],
        ['+', true],
        ['+', false],
        ['-', true],
      ]),
      [false, true, true, false],
    );
    s.add(true);
    const r = roundTrip(s, state(orAggregator, 'bool'));
    assert.equal(r.value(), true);
    assert.equal(s.reset(), false);
    assert.equal(orAggregator.spec.returnTypeOf!(['bool'], [undefined]), 'bool');
  });
});

describe('unionSet', () => {
  test('union with counted removal; fresh sets; reset returns an empty set', () => {
    const s = state(unionSetAggregator, 'object');
    const a = s.add(new Set(['IBM', 'WSO2']));
    assert.deepEqual(a, new Set(['IBM', 'WSO2']));
    const b = s.add(new Set(['IBM']));
    assert.notEqual(a, b);
    assert.deepEqual(a, new Set(['IBM', 'WSO2']));
    assert.deepEqual(s.remove(new Set(['IBM', 'WSO2'])), new Set(['IBM']));
    assert.deepEqual(s.add(null), new Set(['IBM']));
    const r = roundTrip(s, state(unionSetAggregator, 'object'));
    assert.deepEqual(r.remove(new Set(['IBM'])), new Set());
    assert.deepEqual(s.reset(), new Set());
    assert.deepEqual(s.value(), new Set());
  });

  test('only objects', () => {
    assert.equal(unionSetAggregator.spec.validate!(['object'], [undefined]), undefined);
    assert.match(unionSetAggregator.spec.validate!(['string'], [undefined])!, /string/);
    assert.equal(unionSetAggregator.spec.returnTypeOf!(['object'], [undefined]), 'object');
  });
});
