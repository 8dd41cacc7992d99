import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { strFunctions } from '../../src/engine/functions/str/index.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { agg, check, finder, fn, rows } from './call-site.js';

const get = finder(strFunctions);

describe('str: scalar functions', () => {
  test('charAt gives the UTF-16 unit at an index and rejects nulls and out-of-range indexes', () => {
    const f = fn(get('charAt'), ['string', 'int']);
    assert.equal(f('WSO2', 1), 'S');
    assert.equal(f('XYZ', 1), 'Y');
    assert.throws(() => f(null, 1), ExtensionRuntimeError);
    assert.throws(() => f('IBM', 3), /Index argument 3/);
    assert.equal(check(get('charAt'), ['string', 'int', 'int']) !== undefined, true);
    assert.equal(check(get('charAt'), ['long', 'int']) !== undefined, true);
    assert.equal(check(get('charAt'), ['string', 'long']) !== undefined, true);
    assert.equal(check(get('charAt'), ['string', 'int']), undefined);
  });

  test("charFrequency counts a character, and its error text is Siddhi's", () => {
    const f = fn(get('charFrequency'), ['string', 'string']);
    assert.deepEqual(
      ['IBM', 'WSO2', 'XYZ22'].map((s) => f(s, '2')),
      [0, 1, 2],
    );
    assert.equal(f('XYZ', 'Y'), 1);
    try {
      f('IBM', '33');
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ExtensionRuntimeError);
      assert.equal(
        e.faultText(),
        "io.siddhi.core.exception.SiddhiAppRuntimeException: Invalid input given to str:charFrequency() function. `char` parameter is expected to be a character, found '33'.. Exception on class 'io.siddhi.extension.execution.string.CharFrequencyFunctionExtension'",
      );
    }
  });

  test('coalesce, concat: nulls skipped, Java number text, argument counts checked', () => {
    assert.equal(fn(get('coalesce'), ['string', 'string', 'string'])(null, 'BBB', 'CCC'), 'BBB');
    assert.equal(get('coalesce').spec.returnTypeOf?.(['int', 'int'], []), 'int');
    assert.notEqual(check(get('coalesce'), []), undefined);
    assert.notEqual(check(get('coalesce'), ['int', 'string']), undefined);
    const c = fn(get('concat'), ['string', 'string', 'string']);
    assert.equal(c('AAA', null, 'CCC'), 'AAACCC');
    assert.equal(c('D533', '8JU^', 'XYZ'), 'D5338JU^XYZ');
    assert.equal(
      fn(get('concat'), ['string', 'float', 'double', 'int'])('a', Math.fround(111.11), 75, 3),
      'a111.1175.03',
    );
    assert.notEqual(check(get('concat'), ['string']), undefined);
  });

  test('contains and equalsIgnoreCase follow Java null rules', () => {
    const c = fn(get('contains'), ['string', 'string']);
    assert.deepEqual(
      ['IBM', 'WSO2', 'One of the best middleware is from WSO2.'].map((s) => c(s, 'WSO2')),
      [false, true, true],
    );
    assert.equal(c(null, 'WSO2'), false);
    assert.throws(() => c('IBM', null), ExtensionRuntimeError);
    assert.notEqual(check(get('contains'), ['string', 'int']), undefined);
    const e = fn(get('equalsIgnoreCase'), ['string', 'string']);
    assert.deepEqual(
      ['IBM', 'WSO2', 'wso2', ''].map((s) => e(s, 'WSO2')),
      [false, true, true, false],
    );
    assert.notEqual(check(get('equalsIgnoreCase'), ['string']), undefined);
  });

  test('fillTemplate fills positional and map placeholders', () => {
    const f = fn(get('fillTemplate'), ['string', 'string', 'float', 'long']);
    const template = 'The stock price of {{1}}. Volume of {{1}} is {{3}} and the stock price is {{2}}';
    assert.equal(
      f(template, 'WSO2', Math.fround(111.11), 100),
      'The stock price of WSO2. Volume of WSO2 is 100 and the stock price is 111.11',
    );
    const m = fn(get('fillTemplate'), ['string', 'object']);
    assert.equal(
      m(
        '{{symbol}} sold {{ volume }}',
        new Map<string, unknown>([
          ['symbol', 'IBM'],
          ['volume', 200],
        ]),
      ),
      'IBM sold 200',
    );
    assert.throws(() => f('{{1}} and {{4}}', 'a', 1, 2));
    assert.notEqual(check(get('fillTemplate'), ['string']), undefined);
    assert.notEqual(check(get('fillTemplate'), ['string', 'object', 'string']), undefined);
  });

  test('hex, unhex, length, lower, upper, reverse, trim, repeat, strcmp', () => {
    assert.equal(fn(get('hex'), ['string'])('MySQL'), '4d7953514c');
    assert.equal(fn(get('unhex'), ['string'])('4d7953514c'), 'MySQL');
    assert.throws(() => fn(get('hex'), ['string'])(null), ExtensionRuntimeError);
    assert.notEqual(check(get('hex'), ['int']), undefined);
    assert.equal(fn(get('length'), ['string'])('AbCDefghiJ KLMN'), 15);
    assert.equal(fn(get('length'), ['string'])('😀'), 2);
    assert.equal(fn(get('lower'), ['string'])(' My name Is ThArindU'), ' my name is tharindu');
    assert.equal(fn(get('upper'), ['string'])('123456XyZ abC 78aaaaaa'), '123456XYZ ABC 78AAAAAA');
    assert.equal(fn(get('reverse'), ['string'])('Hello World'), 'dlroW olleH');
    assert.equal(fn(get('trim'), ['string'])('  AbCDefghiJ KLMN  '), 'AbCDefghiJ KLMN');
    assert.equal(fn(get('trim'), ['string'])('\u00a0x\u00a0'), '\u00a0x\u00a0');
    assert.equal(fn(get('repeat'), ['string', 'int'])('Str 3', 6), 'Str 3Str 3Str 3Str 3Str 3Str 3');
    assert.throws(() => fn(get('repeat'), ['string', 'int'])('WSO2', null));
    const s = fn(get('strcmp'), ['string', 'string']);
    assert.deepEqual([s('AbCDefghiJ KLMN', 'Hello'), s(' ertyut', 'Hello'), s('Hello', 'Hello')], [-7, -40, 0]);
  });

  test('locate: with a start position, not found gives start - 1', () => {
    const f = fn(get('locate'), ['string', 'string']);
    assert.deepEqual(
      ['IBM', 'ramindus@wso2.com'].map((s) => f('@wso2.com', s)),
      [-1, 8],
    );
    const g = fn(get('locate'), ['string', 'string', 'int']);
    assert.equal(g('@wso2.com', 'ramindus@wso2.com @wso2.com', 9), 18);
    assert.equal(g('@wso2.com', 'IBM but longer', 9), 8);
  });

  test('regexp matches the whole string with Java syntax', () => {
    const f = fn(get('regexp'), ['string', 'string']);
    assert.equal(f('hello hi hello', '^WSO2(.*)'), false);
    assert.equal(f('WSO2 abcdh', 'WSO(.*h)'), true);
    assert.equal(f('aaWSO2 hi hello', '^WSO2(.*)'), false);
    assert.equal(f('WSO2', 'WSO'), false);
    assert.equal(f('abc1', '\\p{Alpha}++\\d'), true);
    assert.throws(() => f(null, 'x'), ExtensionRuntimeError);
    assert.notEqual(check(get('regexp'), ['int', 'string']), undefined);
    assert.notEqual(check(get('regexp'), ['string', 'string'], [undefined, '(unclosed']), undefined);
  });

  test('replaceAll / replaceFirst with Java replacement syntax', () => {
    const all = fn(get('replaceAll'), ['string', 'string', 'string']);
    assert.equal(all('hello hi hello', 'hello', 'test'), 'test hi test');
    assert.equal(all('WSO2 hi hello', 'O2', 'D3'), 'WSD3 hi hello');
    assert.equal(all('a1b22', '(\\d+)', '<$1>'), 'a<1>b<22>');
    assert.equal(all('cost', 'cost', '\\$5'), '$5');
    assert.throws(() => all('hello', null, 'x'), /Second argument cannot be null/);
    const first = fn(get('replaceFirst'), ['string', 'string', 'string']);
    assert.equal(first('WSO2 hi hello', 'hello', 'test'), 'WSO2 hi test');
    assert.equal(first('hello hi hello', 'hello', 'test'), 'test hi hello');
    assert.notEqual(check(get('replaceFirst'), ['string', 'int', 'string']), undefined);
  });

  test('split drops trailing empty strings and rejects a bad index', () => {
    const f = fn(get('split'), ['string', 'string', 'int']);
    assert.equal(f('Prod_WSO2_', '_', 1), 'WSO2');
    assert.equal(f('DELL/IBM/HP/', '/', 0), 'DELL');
    assert.equal(f('WSO2_CEP_SIDDHI engine', '_', 2), 'SIDDHI engine');
    assert.throws(() => f('DELL/IBM/HP/', '/', 3), ExtensionRuntimeError);
    assert.throws(() => f('DELL/IBM/HP/', '/', null), ExtensionRuntimeError);
    assert.notEqual(check(get('split'), ['string', 'string']), undefined);
  });

  test('substr by index, length, regex and group', () => {
    assert.equal(fn(get('substr'), ['string', 'int'])(' ertyut', 4), 'yut');
    assert.equal(fn(get('substr'), ['string', 'int', 'int'])('Helloooo', 2, 4), 'lloo');
    const g = fn(get('substr'), ['string', 'string', 'int'], [undefined, 'WSO2(.*)A(.*)']);
    assert.equal(g('hello hi hWSO2 hiA ello', 'WSO2(.*)A(.*)', 2), ' ello');
    assert.equal(g('WSO2 cep WSO2 XX E hi hA WSO2 heAllo', 'WSO2(.*)A(.*)', 2), 'llo');
    assert.equal(fn(get('substr'), ['string', 'string'])('This is a 1234', '[0-9]+'), '1234');
    assert.equal(fn(get('substr'), ['string', 'string'])('none', '[0-9]+'), '');
    assert.throws(() => fn(get('substr'), ['string', 'int', 'int'])('abc', 2, 4), ExtensionRuntimeError);
    assert.notEqual(check(get('substr'), ['string', 'long']), undefined);
    assert.notEqual(check(get('substr'), ['string']), undefined);
  });
});

describe('str:groupConcat', () => {
  test('default separator, nulls skipped when there is one argument', () => {
    const s = agg(get('groupConcat'), ['string']);
    assert.equal(s.add(null), '');
    assert.equal(s.add('$%$6'), '$%$6');
    assert.equal(s.add('8JU^'), '$%$6,8JU^');
  });

  test('a length(2) window keeps first-arrival order; ASC and DESC sort', () => {
    const feed = (order?: string) => {
      const s = agg(
        get('groupConcat'),
        order === undefined ? ['string', 'string'] : ['string', 'string', 'bool', 'string'],
        [undefined, '-', false, order],
      );
      const args = (v: string) => (order === undefined ? [v, '-'] : [v, '-', false, order]);
      const out: unknown[] = [];
      const input = ['AAA', 'AAA', 'BBB', 'BBB', 'CCC'];
      input.forEach((v, i) => {
        if (i >= 2) s.remove(...args(input[i - 2] as string));
        out.push(s.add(...args(v)));
      });
      return out;
    };
    assert.deepEqual(feed(), ['AAA', 'AAA-AAA', 'AAA-BBB', 'BBB-BBB', 'BBB-CCC']);
    assert.deepEqual(feed('DESC'), ['AAA', 'AAA-AAA', 'BBB-AAA', 'BBB-BBB', 'CCC-BBB']);
    assert.deepEqual(feed('ASC'), ['AAA', 'AAA-AAA', 'AAA-BBB', 'BBB-BBB', 'BBB-CCC']);
  });

  test('distinct, reset, snapshot and restore; wrong argument types rejected', () => {
    const s = agg(get('groupConcat'), ['string', 'string', 'bool'], [undefined, ',', true]);
    s.add('a', ',', true);
    assert.equal(s.add('a', ',', true), 'a');
    const snap = s.snapshot();
    assert.equal(s.reset(), '');
    s.restore(snap);
    assert.equal(s.add('b', ',', true), 'a,b');
    assert.notEqual(
      check(get('groupConcat'), ['string', 'string', 'string', 'bool'], [undefined, '-', 'ASC', false]),
      undefined,
    );
    assert.notEqual(
      check(get('groupConcat'), ['string', 'string', 'bool', 'string'], [undefined, '-', false, 'UP']),
      undefined,
    );
  });
});

describe('#str:tokenize', () => {
  test('one row per piece, optionally distinct; regex must compile', () => {
    const t = get('tokenize');
    assert.deepEqual(rows(t, ['string', 'string'], [undefined, "\\s|\\'|,"], ["You're a good girl", "\\s|\\'|,"]), [
      ['You'],
      ['re'],
      ['a'],
      ['good'],
      ['girl'],
    ]);
    assert.deepEqual(
      rows(t, ['string', 'string', 'bool'], [undefined, ',', true], ['Android,iOS,Android,Symbian', ',', true]),
      [['Android'], ['iOS'], ['Symbian']],
    );
    assert.equal(rows(t, ['string', 'string'], [undefined, ','], ['Android,iOS,Android,Symbian', ',']).length, 4);
    assert.notEqual(check(t, ['string', 'string'], [undefined, "\\s|\\'|,|*"]), undefined);
    assert.notEqual(check(t, ['string']), undefined);
    assert.notEqual(check(t, ['double', 'string'], [undefined, ' ']), undefined);
    assert.throws(() => rows(t, ['string', 'string'], [undefined, ' '], [null, ' ']), ExtensionRuntimeError);
  });
});
