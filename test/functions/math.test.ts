import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mathFunctions } from '../../src/engine/functions/math/index.js';
import { javaDoubleToString, javaFloatToString } from '../../src/engine/functions/shared/java-format.js';
import { agg, check, finder, fn } from './call-site.js';

const get = finder(mathFunctions);
const f32 = Math.fround;

describe('math: scalar functions', () => {
  test("sin and cos round as Java's Math.sin and Math.cos do (values printed by Java 17), where V8's differ", () => {
    // V8: sin(0.48) 0.46177917554148284, sin(2.17) 0.8257849931056082, cos(2.19) -0.5803868631552218
    assert.equal(fn(get('sin'), ['double'])(0.48), 0.4617791755414829);
    assert.equal(fn(get('sin'), ['double'])(0.51), 0.4881772468829075);
    assert.equal(fn(get('sin'), ['double'])(2.17), 0.825784993105608);
    assert.equal(fn(get('cos'), ['double'])(2.19), -0.5803868631552219);
    assert.equal(fn(get('cos'), ['double'])(2.2800000000000002), -0.6512296605275459);
    assert.equal(fn(get('cos'), ['double'])(2.34), -0.6955633264629021);
  });

  test('trigonometry and logarithms on every numeric type, null gives null', () => {
    assert.equal(fn(get('abs'), ['float'])(f32(62.342)), 62.34199905395508);
    assert.equal(fn(get('acos'), ['double'])(0.123), 1.4474840516030247);
    assert.equal(fn(get('asin'), ['float'])(f32(0.63242)), 0.6846733366105354);
    assert.equal(fn(get('asin'), ['double'])(null), null);
    assert.equal(fn(get('atan'), ['int', 'int'])(12, 5), 1.1760052070951352);
    assert.equal(fn(get('atan'), ['long'])(6234), 1.5706359161450052);
    assert.equal(fn(get('cos'), ['float'])(f32(5.33)), 0.5790891024694853);
    assert.equal(fn(get('cosh'), ['double'])(6), 201.7156361224559);
    assert.equal(fn(get('tan'), ['long'])(6345), -1.6178107185944584);
    assert.equal(fn(get('tanh'), ['float'])(f32(6324.234)), 1);
    assert.equal(fn(get('sinh'), ['int'])(6), 201.71315737027922);
    assert.equal(fn(get('exp'), ['int'])(10), 22026.465794806718);
    assert.equal(fn(get('ln'), ['long'])(1123442), 13.931907744886864);
    assert.equal(fn(get('log10'), ['double'])(19.234), 1.2840696117100832);
    assert.equal(fn(get('log2'), ['long'])(9234234), 23.138560860771687);
    assert.equal(fn(get('log'), ['int', 'double'])(345234, 234.34), 2.3369082065330566);
    assert.throws(() => fn(get('log'), ['double', 'double'])(34, 1), /base argument/);
    assert.equal(fn(get('power'), ['double', 'double'])(5.6, 3), 175.61599999999996);
    assert.equal(fn(get('power'), ['double', 'double'])(null, 3), null);
    assert.equal(fn(get('sqrt'), ['long'])(423423), 650.7096126537551);
    assert.equal(fn(get('cbrt'), ['double'])(17), 2.5712815906582356);
    assert.equal(fn(get('toDegrees'), ['double'])(6), 343.77467707849394);
    assert.equal(fn(get('toRadians'), ['double'])(180), Math.PI);
    assert.equal(fn(get('pi'), [])(), 3.141592653589793);
    assert.equal(fn(get('e'), [])(), Math.E);
  });

  test('rounding, sign and min/max return Java types', () => {
    assert.equal(fn(get('ceil'), ['double'])(423.187), 424);
    assert.equal(fn(get('floor'), ['float'])(f32(1023.42)), 1023);
    assert.equal(fn(get('round'), ['double'])(6.45), 6);
    assert.equal(fn(get('round'), ['float'])(f32(62.334)), 62);
    assert.equal(fn(get('round'), ['double'])(-2.5), -2);
    assert.equal(fn(get('round'), ['double'])(NaN), 0);
    assert.equal(get('round').spec.returnTypeOf?.(['float'], []), 'int');
    assert.equal(get('round').spec.returnTypeOf?.(['double'], []), 'long');
    assert.equal(fn(get('signum'), ['double'])(-6.32), -1);
    assert.equal(fn(get('signum'), ['float'])(f32(623.423)), 1);
    assert.equal(fn(get('copySign'), ['int', 'int'])(56, -3), -56);
    assert.equal(fn(get('copySign'), ['float', 'float'])(f32(563.4), f32(32.34)), 563.4000244140625);
    assert.equal(fn(get('max'), ['double', 'int'])(1232.342342, 1133), 1232.342342);
    assert.equal(fn(get('min'), ['float', 'double'])(f32(123.1324), 91.324), 91.324);
    assert.equal(fn(get('min'), ['double', 'int'])(123.67, null), null);
  });

  test('bin, oct, hex and conv write numbers as Java does', () => {
    assert.equal(fn(get('bin'), ['long'])(10), '1010');
    assert.equal(fn(get('bin'), ['int'])(-1), '1'.repeat(32));
    assert.equal(fn(get('oct'), ['int'])(99), '143');
    assert.equal(fn(get('hex'), ['int'])(200), 'c8');
    assert.equal(fn(get('hex'), ['long'])(2002342), '1e8da6');
    assert.equal(fn(get('hex'), ['long'])(-1), 'f'.repeat(16));
    assert.equal(fn(get('hex'), ['float'])(f32(2002.342)), '0x1.f495e4p10');
    assert.equal(fn(get('hex'), ['double'])(2002.342), '0x1.f495e353f7ceep10');
    assert.equal(fn(get('hex'), ['int'])(null), null);
    assert.equal(fn(get('conv'), ['string', 'int', 'int'])('7f', 16, 10), '127');
    assert.equal(fn(get('conv'), ['string', 'int', 'int'])('-255', 10, 16), '-ff');
    assert.equal(fn(get('conv'), ['string', 'int', 'int'])(null, 16, 10), null);
    assert.throws(() => fn(get('conv'), ['string', 'int', 'int'])('zz', 16, 10));
  });

  test('getExponent, isInfinite, isNan', () => {
    assert.equal(fn(get('getExponent'), ['int'])(60984), 15);
    assert.equal(fn(get('getExponent'), ['long'])(609843242), 29);
    assert.equal(fn(get('getExponent'), ['float'])(f32(609843.242)), 19);
    assert.equal(fn(get('isInfinite'), ['double'])(Infinity), true);
    assert.equal(fn(get('isInfinite'), ['float'])('Infinity'), true);
    assert.equal(fn(get('isInfinite'), ['double'])(null), false);
    assert.equal(fn(get('isNan'), ['double'])(NaN), true);
    assert.equal(fn(get('isNan'), ['double'])(null), false);
  });

  test('parse functions use Java number syntax and fail on bad text', () => {
    assert.equal(fn(get('parseDouble'), ['string'])('123'), 123);
    assert.equal(fn(get('parseDouble'), ['string'])(' 1.5e2d '), 150);
    assert.equal(fn(get('parseFloat'), ['string'])('123.1'), f32(123.1));
    assert.equal(fn(get('parseFloat'), ['string'])(null), null);
    assert.equal(fn(get('parseLong'), ['string'])('123'), 123);
    assert.equal(fn(get('parseInt'), ['string'])('-42'), -42);
    assert.throws(() => fn(get('parseInt'), ['string'])('2147483648'), /For input string/);
    assert.throws(() => fn(get('parseInt'), ['string'])('12.5'), /For input string/);
    assert.throws(() => fn(get('parseDouble'), ['string'])('abc'));
  });

  test('rand with a constant seed repeats java.util.Random', () => {
    const r = fn(get('rand'), ['int'], [12]);
    assert.deepEqual([r(), r(), r()], [0.7298928061101974, 0.2750691655200749, 0.4809864913712196]);
    const l = fn(get('rand'), ['long'], [1223]);
    assert.deepEqual([l(), l(), l()], [0.6447009579757824, 0.5117900231544226, 0.8338343141679073]);
    const u = fn(get('rand'), [])() as number;
    assert.ok(u >= 0 && u < 1);
    assert.notEqual(check(get('rand'), ['int'], [undefined]), undefined);
    assert.notEqual(check(get('rand'), ['double'], [1.5]), undefined);
    assert.notEqual(check(get('rand'), ['int', 'int'], [1, 2]), undefined);
  });

  test('creation checks reject wrong types and counts', () => {
    assert.notEqual(check(get('abs'), ['string']), undefined);
    assert.notEqual(check(get('acos'), ['int']), undefined);
    assert.notEqual(check(get('ceil'), ['int']), undefined);
    assert.notEqual(check(get('bin'), ['double']), undefined);
    assert.notEqual(check(get('power'), ['double']), undefined);
    assert.notEqual(check(get('parseInt'), ['int']), undefined);
    assert.equal(check(get('atan'), ['float', 'long']), undefined);
  });
});

describe('math:percentile', () => {
  const feed = (type: 'int' | 'float' | 'double', values: number[], window?: number) => {
    const s = agg(get('percentile'), [type, 'double'], [undefined, 97]);
    return values.map((v, i) => {
      if (window !== undefined && i >= window) s.remove(values[i - window], 97);
      return s.add(type === 'float' ? f32(v) : v, 97);
    });
  };
  const input = [10, 30, 50, 40, 80, 60, 20, 90, 70, 100];
  test('running percentile without a window', () => {
    const expected = [10, 30, 50, 50, 80, 80, 80, 90, 90, 100];
    assert.deepEqual(feed('double', input), expected);
    assert.deepEqual(feed('int', input), expected);
  });
  test('a length(5) window', () => {
    const windowed = [10, 30, 100, 40, 80, 60, 20, 90, 70, 50];
    assert.deepEqual(feed('float', windowed, 5), [10, 30, 100, 100, 100, 100, 100, 90, 90, 90]);
    assert.deepEqual(feed('int', windowed, 5), [10, 30, 100, 100, 100, 100, 100, 90, 90, 90]);
  });
  test('reset, snapshot and a percentile outside (0, 100] rejected', () => {
    const s = agg(get('percentile'), ['double', 'double'], [undefined, 50]);
    s.add(1, 50);
    s.add(3, 50);
    assert.equal(s.value(), 2);
    const snap = s.snapshot();
    assert.equal(s.reset(), 0);
    s.restore(snap);
    assert.equal(s.add(5, 50), 3);
    assert.notEqual(check(get('percentile'), ['double', 'double'], [undefined, 0]), undefined);
    assert.notEqual(check(get('percentile'), ['double', 'double'], [undefined, undefined]), undefined);
    assert.notEqual(check(get('percentile'), ['double', 'int'], [undefined, 5]), undefined);
  });
});

describe('Java number text (shared)', () => {
  test('Double.toString and Float.toString', () => {
    assert.deepEqual([75, 0.001, 1e7, 1e-4, 55.645, 100 / 3, -0, NaN, -Infinity].map(javaDoubleToString), [
      '75.0',
      '0.001',
      '1.0E7',
      '1.0E-4',
      '55.645',
      '33.333333333333336',
      '-0.0',
      'NaN',
      '-Infinity',
    ]);
    assert.deepEqual([111.11, 75, 1e10, 0.1, 55.6].map(javaFloatToString), ['111.11', '75.0', '1.0E10', '0.1', '55.6']);
    assert.equal(javaDoubleToString(f32(55.6)), '55.599998474121094');
  });
});
