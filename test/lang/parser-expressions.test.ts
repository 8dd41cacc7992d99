import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bin, expr, int, str, v } from './parser-helpers.js';

describe('parser: literals', () => {
  test('numbers of every type', () => {
    assert.deepEqual(expr('5'), int(5));
    assert.deepEqual(expr('5L'), { kind: 'constant', type: 'long', value: 5 });
    assert.deepEqual(expr('5l'), { kind: 'constant', type: 'long', value: 5 });
    assert.deepEqual(expr('1.5f'), { kind: 'constant', type: 'float', value: 1.5 });
    assert.deepEqual(expr('1.1F'), { kind: 'constant', type: 'float', value: Math.fround(1.1) });
    assert.deepEqual(expr('2.0'), { kind: 'constant', type: 'double', value: 2 });
    assert.deepEqual(expr('2d'), { kind: 'constant', type: 'double', value: 2 });
    assert.deepEqual(expr('1e3'), { kind: 'constant', type: 'double', value: 1000 });
    assert.deepEqual(expr('1.2E-3'), { kind: 'constant', type: 'double', value: 0.0012 });
    assert.deepEqual(expr('.5'), { kind: 'constant', type: 'double', value: 0.5 });
  });

  test('signs fold into constants; minus on other operands negates', () => {
    assert.deepEqual(expr('-5'), int(-5));
    assert.deepEqual(expr('- 2.5'), { kind: 'constant', type: 'double', value: -2.5 });
    assert.deepEqual(expr('-2147483648'), int(-2147483648));
    assert.deepEqual(expr('+7L'), { kind: 'constant', type: 'long', value: 7 });
    assert.deepEqual(expr('-price'), { kind: 'negate', operand: v('price') });
    assert.deepEqual(expr('5 - 3'), bin('-', int(5), int(3)));
  });

  test('strings keep their text verbatim (no escapes)', () => {
    assert.deepEqual(expr(`'a\\nb'`), str('a\\nb'));
    assert.deepEqual(expr('"say \'hi\'"'), str("say 'hi'"));
    assert.deepEqual(expr('"""{"a": "b"}"""'), str('{"a": "b"}'));
  });

  test('booleans and null', () => {
    assert.deepEqual(expr('true'), { kind: 'constant', type: 'bool', value: true });
    assert.deepEqual(expr('FALSE'), { kind: 'constant', type: 'bool', value: false });
    assert.deepEqual(expr('null'), { kind: 'constant', type: 'null', value: null });
  });

  test('time constants sum their parts in milliseconds', () => {
    const time = (value: number): unknown => ({ kind: 'constant', type: 'long', value, isTime: true });
    assert.deepEqual(expr('1 sec'), time(1000));
    assert.deepEqual(expr('500 milliseconds'), time(500));
    assert.deepEqual(expr('3 millisec'), time(3));
    assert.deepEqual(expr('2 hours 30 min'), time(9_000_000));
    assert.deepEqual(expr('1 minute 1 second 1 millisecond'), time(61_001));
    assert.deepEqual(expr('2 days'), time(172_800_000));
    assert.deepEqual(expr('1 week'), time(604_800_000));
    assert.deepEqual(expr('1 month'), time(2_630_000_000));
    assert.deepEqual(expr('1 year'), time(31_556_900_000));
    assert.deepEqual(expr('1 YEARS 1 MONTHS'), time(31_556_900_000 + 2_630_000_000));
  });
});

describe('parser: operators', () => {
  test('precedence: * over +, + over comparison, comparison over ==, then in, and, or', () => {
    assert.deepEqual(expr('a + b * c'), bin('+', v('a'), bin('*', v('b'), v('c'))));
    assert.deepEqual(expr('a - b - c'), bin('-', bin('-', v('a'), v('b')), v('c')));
    assert.deepEqual(expr('a % 2 / 3'), bin('/', bin('%', v('a'), int(2)), int(3)));
    assert.deepEqual(expr('a + 1 > b'), bin('>', bin('+', v('a'), int(1)), v('b')));
    assert.deepEqual(expr('a > 1 == b < 2'), bin('==', bin('>', v('a'), int(1)), bin('<', v('b'), int(2))));
    assert.deepEqual(
      expr('a == 1 or b != 2 and c >= 3'),
      bin('or', bin('==', v('a'), int(1)), bin('and', bin('!=', v('b'), int(2)), bin('>=', v('c'), int(3)))),
    );
    assert.deepEqual(expr('(a or b) and c'), bin('and', bin('or', v('a'), v('b')), v('c')));
    assert.deepEqual(expr('a <= b'), bin('<=', v('a'), v('b')));
  });

  test('not binds tighter than any binary operator, as in Siddhi', () => {
    assert.deepEqual(expr('not a and b'), bin('and', { kind: 'not', operand: v('a') }, v('b')));
    assert.deepEqual(expr('not (a == b)'), { kind: 'not', operand: bin('==', v('a'), v('b')) });
    assert.deepEqual(expr('NOT not a'), { kind: 'not', operand: { kind: 'not', operand: v('a') } });
  });

  test('in a table', () => {
    assert.deepEqual(expr('symbol == T.symbol in T'), {
      kind: 'in',
      operand: bin('==', v('symbol'), v('symbol', 'T')),
      sourceId: 'T',
    });
    assert.deepEqual(expr('a in T and b'), bin('and', { kind: 'in', operand: v('a'), sourceId: 'T' }, v('b')));
  });

  test('is null on attributes and calls', () => {
    assert.deepEqual(expr('price is null'), { kind: 'isNull', operand: v('price') });
    assert.deepEqual(expr('S.price IS NULL'), { kind: 'isNull', operand: v('price', 'S') });
    assert.deepEqual(expr('f(x) is null'), {
      kind: 'isNull',
      operand: { kind: 'call', name: 'f', args: [v('x')] },
    });
  });
});

describe('parser: references and calls', () => {
  test('qualified, indexed, inner and fault references', () => {
    assert.deepEqual(expr('e1[0].price'), { ...(v('price', 'e1') as object), streamIndex: { kind: 'at', index: 0 } });
    assert.deepEqual(expr('e1[last].price'), {
      ...(v('price', 'e1') as object),
      streamIndex: { kind: 'last', minus: 0 },
    });
    assert.deepEqual(expr('e1[last - 2].price'), {
      ...(v('price', 'e1') as object),
      streamIndex: { kind: 'last', minus: 2 },
    });
    assert.deepEqual(expr('#S.price'), { ...(v('price', 'S') as object), isInnerStream: true });
    assert.deepEqual(expr('!S.price'), { ...(v('price', 'S') as object), isFaultStream: true });
  });

  test('keywords usable as names: time, min, last, year, events', () => {
    assert.deepEqual(expr('time + min'), bin('+', v('time'), v('min')));
    assert.deepEqual(expr('S.year'), v('year', 'S'));
    assert.deepEqual(expr('max(last)'), { kind: 'call', name: 'max', args: [v('last')] });
    assert.deepEqual(expr('`from`'), v('from'));
  });

  test('function calls: plain, namespaced, no arguments, star', () => {
    assert.deepEqual(expr('count()'), { kind: 'call', name: 'count', args: [] });
    assert.deepEqual(expr('count(*)'), { kind: 'call', name: 'count', args: [], star: true });
    assert.deepEqual(expr("str:concat(a, '-', 5)"), {
      kind: 'call',
      namespace: 'str',
      name: 'concat',
      args: [v('a'), str('-'), int(5)],
    });
    assert.deepEqual(
      expr('math:floor(x) * 2'),
      bin('*', { kind: 'call', namespace: 'math', name: 'floor', args: [v('x')] }, int(2)),
    );
  });
});
