import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { regexFunctions } from '../../src/engine/functions/regex/index.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { check, finder, fn } from './call-site.js';

const get = finder(regexFunctions);
const TEXT = '21 products are produced by WSO2 currently';

describe('regex: functions', () => {
  test('find searches anywhere, or from a starting index where anchors still see index 0', () => {
    const f = fn(get('find'), ['string', 'string'], ['\\d\\d(.*)WSO2']);
    assert.equal(f('\\d\\d(.*)WSO2', TEXT), true);
    assert.equal(f('\\d\\d(.*)WSO2', 'no digits WSO2'), false);
    const from = fn(get('find'), ['string', 'string', 'int'], ['\\d\\d(.*)WSO2']);
    assert.equal(from('\\d\\d(.*)WSO2', '21 products are produced by WSO2.', 4), false);
    assert.equal(from('\\d\\d(.*)WSO2', 'ab 21 products by WSO2.', 3), true);
    const anchored = fn(get('find'), ['string', 'string', 'int']);
    assert.equal(anchored('^b', 'ab', 1), false);
    assert.equal(anchored('(?<=a)b', 'ab', 1), true);
    assert.equal(anchored('x?', 'ab', 2), true);
  });

  test('find: null input or index gives false, a null regex or a bad index is an error', () => {
    const f = fn(get('find'), ['string', 'string', 'int']);
    assert.equal(f('a', null, 0), false);
    assert.equal(f('a', 'a', null), false);
    assert.throws(() => f('a', 'abc', 4), /Illegal start index/);
    assert.throws(() => f('a', 'abc', -1), /Illegal start index/);
    try {
      f(null, 'a', 0);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ExtensionRuntimeError);
      assert.equal(
        e.faultText(),
        "io.siddhi.core.exception.SiddhiAppRuntimeException: Invalid input given to regex:find() function. First argument cannot be null. Exception on class 'io.siddhi.extension.execution.regex.FindFunctionExtension'",
      );
    }
    assert.throws(() => f('(', 'a', 0), ExtensionRuntimeError);
  });

  test('group gives the group of the first match; null past the groups or with no match', () => {
    const g = fn(get('group'), ['string', 'string', 'int']);
    const re = '\\d\\d(.*)(WSO2.*)(WSO2.*)';
    const input = '21 products are produced within 10 years by WSO2 currently by WSO2 employees';
    assert.equal(g(re, input, 3), 'WSO2 employees');
    assert.equal(g(re, input, 2), 'WSO2 currently by ');
    assert.equal(g(re, input, 0), input);
    assert.equal(g(re, input, 4), null);
    assert.equal(g(re, 'nothing here', 1), null);
    assert.equal(g('a(x)?b', 'zab', 1), null);
    assert.equal(g('(\\d+)', 'a 12 b 34', 1), '12');
    assert.throws(() => g(re, input, -1), /No group -1/);
    assert.throws(() => g(re, null, 1), /Second argument cannot be null/);
    assert.throws(() => g(re, input, null), /Third argument cannot be null/);
  });

  test('a value of another class in a string or int argument fails the event, as a Java cast does', () => {
    const f = fn(get('find'), ['string', 'string', 'int']);
    assert.throws(() => f('\\d', 'a 1', 'WSO2'), /regex:find\(\) function. Third argument should be an integer/);
    assert.throws(() => f('\\d', 'a 1', 1.5), /Third argument should be an integer/);
    assert.throws(() => f('\\d', 21, 0), /Second argument should be a string, found java.lang.Integer/);
    assert.throws(() => f(7, 'a 7', 0), /First argument should be a string, found java.lang.Integer/);
    const g = fn(get('group'), ['string', 'string', 'int']);
    assert.throws(() => g('(a)', 'a', 'one'), /regex:group\(\) function. Third argument should be an integer/);
    assert.throws(() => g('(a)', true, 1), /Second argument should be a string, found java.lang.Boolean/);
    const m = fn(get('matches'), ['string', 'string']);
    assert.throws(() => m('\\d+', 42), /regex:matches\(\) function. Second argument should be a string/);
    const l = fn(get('lookingAt'), ['string', 'string']);
    assert.throws(() => l('\\d', 4.5), /regex:lookingAt\(\) function. Second argument should be a string/);
  });

  test('lookingAt matches a prefix, matches the whole input, even under (?m)', () => {
    const l = fn(get('lookingAt'), ['string', 'string']);
    assert.equal(l('\\d\\d(.*)(WSO2.*)', '21 products are produced by WSO2 currently in Sri Lanka'), true);
    assert.equal(
      l('WSO2(.*)middleware(.*)', "sample test string and WSO2 is situated in trace and it's a middleware company"),
      false,
    );
    assert.equal(l('WSO2', 'WSO2 rocks'), true);
    assert.equal(l('a', null), false);
    const m = fn(get('matches'), ['string', 'string']);
    assert.equal(m('WSO2(.*)middleware(.*)', 'WSO2 is situated in trace and its a middleware company'), true);
    assert.equal(m('WSO2(.*)middleware', 'WSO2 is situated in trace and its a middleware company'), false);
    assert.equal(m('WSO2', 'WSO2 rocks'), false);
    assert.equal(m('(?m)a$', 'a\nb'), false);
    assert.equal(m('a|ab', 'ab'), true);
    assert.equal(m('\\p{Alpha}++', 'abc'), true);
    assert.equal(m('a', null), false);
    assert.throws(() => m(null, 'a'), /regex:matches\(\) function. First argument cannot be null/);
  });

  test('calls are checked at app creation: types, counts and a constant regex that does not compile', () => {
    assert.equal(check(get('find'), ['string', 'string']), undefined);
    assert.equal(check(get('find'), ['string', 'string', 'int']), undefined);
    assert.notEqual(check(get('find'), ['string', 'string', 'long']), undefined);
    assert.notEqual(check(get('group'), ['string', 'string']), undefined);
    assert.notEqual(check(get('matches'), ['string', 'int']), undefined);
    assert.match(check(get('lookingAt'), ['string', 'string'], ['(']) ?? '', /regular expression of regex:lookingAt/);
  });
});

describe('regex: in an app', () => {
  test('an event whose index is not an int is dropped and logged; the next event still runs', () => {
    const app = `
      define stream S (text string, at int);
      @info(name = 'q')
      from S select text, regex:find('o', text, at) as found, regex:group('(o)(.)', text, at) as g
      insert into Out;`;
    const logger = memoryLogger();
    const r = new SiddhiManager({ clock: 'virtual', logger }).createSiddhiAppRuntime(app);
    const got: unknown[][] = [];
    r.addQueryCallback('q', (_ts, ins) => {
      for (const e of ins ?? []) got.push(e.data);
    });
    r.start();
    const s = r.getInputHandler('S');
    s.send(['words go', 'two']);
    s.send(['words go', 2]);
    r.shutdown();
    assert.deepEqual(got, [['words go', true, 'r']]);
    assert.ok(
      logger.lines.some(
        (l) => l.level === 'error' && /regex:find\(\) function. Third argument should be an integer/.test(l.msg),
      ),
    );
  });

  test('a filter and a projection use find, group, lookingAt and matches per event', () => {
    const app = `
      define stream S (text string, regex string);
      @info(name = 'q')
      from S[regex:find('\\d+', text)]
      select regex:group('(\\w+)-(\\d+)', text, 2) as num, regex:lookingAt('[A-Z]', text) as upper,
             regex:matches(regex, text) as whole, regex:find('o', text, 5) as late
      insert into Out;`;
    const r = new SiddhiManager({ clock: 'virtual', logger: memoryLogger() }).createSiddhiAppRuntime(app);
    const got: unknown[][] = [];
    r.addQueryCallback('q', (_ts, ins) => {
      for (const e of ins ?? []) got.push(e.data);
    });
    r.start();
    const s = r.getInputHandler('S');
    s.send(['Order-42 shipped', '.*shipped']);
    s.send(['no digits', '.*']);
    s.send(['item-7', 'item']);
    s.send(['ab-1 too', '[a-z]+-1.*']);
    r.shutdown();
    assert.deepEqual(got, [
      ['42', true, true, false],
      ['7', false, false, false],
      ['1', false, true, true],
    ]);
  });
});
