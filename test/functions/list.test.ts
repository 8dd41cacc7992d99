import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { listFunctions } from '../../src/engine/functions/list/index.js';
import { compareIgnoringCase, compareNumbers } from '../../src/engine/functions/list/sort.js';
import { mapFunctions } from '../../src/engine/functions/map/index.js';
import { jsonFunctions } from '../../src/engine/functions/json/index.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { agg, check, finder, fn, rows } from './call-site.js';
import { queryOutputs, STOCK_EVENTS } from './query-outputs.js';

const get = finder(listFunctions);
const L = (...values: unknown[]): unknown[] =>
  fn(
    get('create'),
    values.map(() => 'object'),
  )(...values) as unknown[];

function faultOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof ExtensionRuntimeError, String(e));
    return e.faultText();
  }
  assert.fail('expected an error');
}

describe('list: functions', () => {
  test('create lists its arguments, nulls included; none, or a single null, make an empty list', () => {
    assert.deepEqual(fn(get('create'), ['string', 'long'])('IBM', 100), ['IBM', 100]);
    assert.deepEqual(fn(get('create'), ['string', 'string', 'string'])('a', null, 'c'), ['a', null, 'c']);
    assert.deepEqual(fn(get('create'), [])(), []);
    assert.deepEqual(fn(get('create'), ['string'])(null), []);
    assert.deepEqual(fn(get('create'), ['string'])('x'), ['x']);
    assert.notEqual(fn(get('create'), [])(), fn(get('create'), [])());
    assert.equal(check(get('create'), []), undefined);
    assert.equal(check(get('create'), ['int', 'string', 'object', 'bool']), undefined);
  });

  test('get gives the element at an index, or null out of range', () => {
    const g = fn(get('get'), ['object', 'int']);
    const l = L('IBM', 'WSO2', null);
    assert.deepEqual(
      [0, 1, 2, 3, -1].map((i) => g(l, i)),
      ['IBM', 'WSO2', null, null, null],
    );
    assert.throws(() => g(l, null), /list:get\(\) was given a null index/);
    assert.equal(
      faultOf(() => g('IBM', 0)),
      "io.siddhi.core.exception.SiddhiAppRuntimeException: First attribute value must be of type java.util.List, but found 'java.lang.String'.. Exception on class 'io.siddhi.extension.execution.list.GetFunctionExtension'",
    );
    assert.notEqual(check(get('get'), ['object', 'long']), undefined);
    assert.equal(check(get('get'), ['object', 'int']), undefined);
  });

  test('size, isEmpty, isList, contains, indexOf, lastIndexOf read without changing', () => {
    const l = L('IBM', 5, 'WSO2', 5.0, L(1, 2));
    const before = structuredClone(l);
    assert.equal(fn(get('size'), ['object'])(l), 5);
    assert.equal(fn(get('isEmpty'), ['object'])(l), false);
    assert.equal(fn(get('isEmpty'), ['object'])(L()), true);
    assert.deepEqual(
      [l, 'IBM', 5, null, new Map(), { a: 1 }].map((v) => fn(get('isList'), ['object'])(v)),
      [true, false, false, false, false, false],
    );
    const has = fn(get('contains'), ['object', 'object']);
    assert.equal(has(l, 'IBM'), true);
    assert.equal(has(l, 'ibm'), false);
    assert.equal(has(l, L(1, 2)), true, 'lists are equal by content');
    assert.equal(has(l, null), false);
    assert.equal(has(L('a', null), null), true);
    assert.equal(fn(get('indexOf'), ['object', 'int'])(l, 5), 1);
    assert.equal(fn(get('lastIndexOf'), ['object', 'int'])(l, 5), 3);
    assert.equal(fn(get('indexOf'), ['object', 'string'])(l, 'XYZ'), -1);
    assert.equal(fn(get('lastIndexOf'), ['object', 'string'])(l, 'XYZ'), -1);
    assert.deepEqual(l, before);
    assert.equal(
      faultOf(() => fn(get('size'), ['int'])(7)),
      "io.siddhi.core.exception.SiddhiAppRuntimeException: First attribute value must be of type java.util.List, but found 'java.lang.Integer'.. Exception on class 'io.siddhi.extension.execution.list.SizeFunctionExtension'",
    );
    assert.throws(() => fn(get('isEmpty'), ['object'])(null), /must be of type java.util.List, but found 'null'\.$/);
  });

  test('containsAll and containsAny compare two lists; the second must be a list too', () => {
    const all = fn(get('containsAll'), ['object', 'object']);
    const any = fn(get('containsAny'), ['object', 'object']);
    const l = L('IBM', 'WSO2', 'XYZ');
    assert.equal(all(l, L('XYZ', 'IBM')), true);
    assert.equal(all(l, L('XYZ', 'ABC')), false);
    assert.equal(all(l, L()), true);
    assert.equal(any(l, L('ABC', 'WSO2')), true);
    assert.equal(any(l, L('ABC')), false);
    assert.equal(any(l, L()), false);
    assert.throws(
      () => all(l, new Map()),
      /^ExtensionRuntimeError: Second attribute value must be of type java.util.List, but found 'java.util.HashMap'\.$/,
    );
    assert.throws(
      () => any('l', l),
      /First attribute value must be of type java.util.List, but found 'java.lang.String'/,
    );
  });

  test('add appends or inserts at an index; an index outside 0..size is a runtime error', () => {
    const l = L('WSO2');
    const add = fn(get('add'), ['object', 'string']);
    const addAt = fn(get('add'), ['object', 'string', 'int']);
    assert.equal(add(l, 'XYZ'), l);
    assert.equal(addAt(l, 'IBM', 0), l);
    addAt(l, 'END', 3);
    assert.deepEqual(l, ['IBM', 'WSO2', 'XYZ', 'END']);
    assert.equal(
      faultOf(() => addAt(l, 'X', 5)),
      "io.siddhi.core.exception.SiddhiAppRuntimeException: Index: 5, Size: 4. Exception on class 'io.siddhi.extension.execution.list.AddFunctionExtension'",
    );
    assert.throws(() => addAt(l, 'X', -1), /Index: -1, Size: 4/);
    assert.deepEqual(l, ['IBM', 'WSO2', 'XYZ', 'END']);
    assert.notEqual(check(get('add'), ['object', 'string', 'long']), undefined);
    assert.notEqual(check(get('add'), ['object']), undefined);
  });

  test('addAll adds every element, or with is.distinct only those not held yet', () => {
    const addAll = fn(get('addAll'), ['object', 'object']);
    const addAllD = fn(get('addAll'), ['object', 'object', 'bool']);
    assert.deepEqual(addAll(L('IBM', 'WSO2'), L('IBM', 'XYZ')), ['IBM', 'WSO2', 'IBM', 'XYZ']);
    assert.deepEqual(addAllD(L('IBM', 'WSO2'), L('IBM', 'XYZ'), true), ['IBM', 'WSO2', 'XYZ']);
    assert.deepEqual(addAllD(L('IBM', 'WSO2'), L('IBM', 'XYZ'), false), ['IBM', 'WSO2', 'IBM', 'XYZ']);
    assert.deepEqual(addAllD(L('A', 'A'), L('B', 'B', 'A'), true), ['A', 'A', 'B'], 'earlier duplicates stay');
    const self = L(1, 2);
    assert.deepEqual(addAll(self, self), [1, 2, 1, 2]);
    assert.throws(() => addAllD(L(), L(), null), /list:addAll\(\) was given a null is.distinct/);
    assert.throws(
      () => addAll(L(), 'x'),
      /^ExtensionRuntimeError: Second attribute value must be of type java.util.List/,
    );
  });

  test('clear, remove, removeAll, retainAll, removeByIndex, setValue change the list given; clone copies', () => {
    const l = L('IBM', 'WSO2', 'IBM', 'XYZ', 'ABC');
    const copy = fn(get('clone'), ['object'])(l) as unknown[];
    assert.notEqual(copy, l);
    assert.equal(fn(get('remove'), ['object', 'string'])(l, 'IBM'), l);
    assert.deepEqual(l, ['WSO2', 'IBM', 'XYZ', 'ABC']);
    fn(get('remove'), ['object', 'string'])(l, 'none');
    assert.deepEqual(l, ['WSO2', 'IBM', 'XYZ', 'ABC']);
    assert.equal(fn(get('setValue'), ['object', 'int', 'string'])(l, 0, 'wso2'), l);
    assert.deepEqual(l, ['wso2', 'IBM', 'XYZ', 'ABC']);
    assert.throws(() => fn(get('setValue'), ['object', 'int', 'string'])(l, 4, 'x'), /Index: 4, Size: 4/);
    assert.equal(fn(get('removeByIndex'), ['object', 'int'])(l, 3), l);
    assert.deepEqual(l, ['wso2', 'IBM', 'XYZ']);
    assert.throws(
      () => fn(get('removeByIndex'), ['object', 'int'])(l, 3),
      (e) => e instanceof ExtensionRuntimeError && /RemoveByIndexFunctionExtension'$/.test(e.faultText()),
    );
    const r = L('a', 'b', 'a', 'c', 'b');
    fn(get('removeAll'), ['object', 'object'])(r, L('a', 'z'));
    assert.deepEqual(r, ['b', 'c', 'b']);
    const k = L('a', 'b', 'a', 'c', 'b');
    fn(get('retainAll'), ['object', 'object'])(k, L('a', 'c'));
    assert.deepEqual(k, ['a', 'a', 'c']);
    const same = L(1, 2);
    assert.deepEqual(fn(get('removeAll'), ['object', 'object'])(same, same), []);
    assert.equal(fn(get('clear'), ['object'])(l), l);
    assert.deepEqual(l, []);
    assert.deepEqual(copy, ['IBM', 'WSO2', 'IBM', 'XYZ', 'ABC']);
    assert.throws(
      () => fn(get('clear'), ['string'])('x'),
      /^ExtensionRuntimeError: First attribute value must be of type java.util.List, but found 'java.lang.String'$/,
    );
    assert.throws(
      () => fn(get('clone'), ['object'])(new Map()),
      /^ExtensionRuntimeError: First attribute needs be an instance of java.util.List, but found 'java.util.HashMap'\.$/,
    );
  });

  test('sort: ASC and DESC sort strings ignoring case and numbers by value; REV, the default, only reverses', () => {
    const asc = fn(get('sort'), ['object', 'string'], [undefined, 'asc']);
    const desc = fn(get('sort'), ['object', 'string'], [undefined, 'DESC']);
    const rev = fn(get('sort'), ['object', 'string'], [undefined, 'Rev']);
    const bare = fn(get('sort'), ['object']);
    const words = L('b', 'IBM', 'a', 'ibm', 'B');
    assert.equal(asc(words), words);
    assert.deepEqual(words, ['a', 'b', 'B', 'IBM', 'ibm'], 'stable: equal ignoring case keep their order');
    assert.deepEqual(desc(L('b', 'IBM', 'a', 'ibm', 'B')), ['ibm', 'IBM', 'B', 'b', 'a'], 'sorted, then reversed');
    assert.deepEqual(asc(L(3, 1.5, -2, 8, 6)), [-2, 1.5, 3, 6, 8]);
    assert.deepEqual(asc(L(0, NaN, -0, -Infinity)), [-Infinity, -0, 0, NaN]);
    assert.deepEqual(bare(L('one', 'two', 'three')), ['three', 'two', 'one']);
    assert.deepEqual(rev(L(1, 3, 2)), [2, 3, 1]);
    assert.deepEqual(rev(L(true, null)), [null, true], 'reversing looks at no element');
    assert.deepEqual(asc(L()), []);
    assert.equal(
      faultOf(() => asc(L(true, false))),
      "io.siddhi.core.exception.SiddhiAppRuntimeException: list:sort() only supported for lists of type <STRING|INT|LONG|DOUBLE|FLOAT> but found 'java.lang.Boolean'.. Exception on class 'io.siddhi.extension.execution.list.SortFunctionExtension'",
    );
    assert.throws(() => asc(L('a', 1)), /java.lang.Integer cannot be cast to java.lang.String/);
    assert.throws(() => asc(L(1, null)), /holding null/);
    assert.throws(
      () => asc('x'),
      /^ExtensionRuntimeError: First attribute needs be an instance of java.util.List, but found 'java.lang.Object\[\]'\.$/,
    );
    assert.throws(() => bare('x'), /found 'java.lang.String'\.$/);
    assert.equal(
      check(get('sort'), ['object', 'string'], [undefined, '2']),
      "Sort types can be of types 'ASC/DESC/REV', however, found '2'.",
    );
    assert.notEqual(check(get('sort'), ['object', 'string']), undefined, 'the order must be a constant');
    assert.equal(check(get('sort'), ['object', 'string'], [undefined, 'desc']), undefined);
  });

  test("sort's comparisons are Java's String.CASE_INSENSITIVE_ORDER and Double.compareTo", () => {
    assert.ok(compareIgnoringCase('abc', 'ABD') < 0);
    assert.equal(compareIgnoringCase('Straße', 'STRASSE') > 0, true, 'ß is compared as itself');
    assert.equal(compareIgnoringCase('ab', 'AB'), 0);
    assert.ok(compareIgnoringCase('ab', 'abc') < 0);
    assert.ok(compareIgnoringCase('_', 'a') < 0, 'lower case letters are compared after folding');
    assert.ok(compareNumbers(-0, 0) < 0);
    assert.ok(compareNumbers(NaN, Infinity) > 0);
    assert.equal(compareNumbers(NaN, NaN), 0);
    assert.equal(compareNumbers(2, 2), 0);
  });

  test('collect keeps arrival order, takes out the first equal value on expiry and gives a copy each time', () => {
    const c = agg(get('collect'), ['string']);
    const first = c.add('IBM');
    assert.deepEqual(first, ['IBM']);
    assert.deepEqual(c.add('WSO2'), ['IBM', 'WSO2']);
    assert.deepEqual(c.add('IBM'), ['IBM', 'WSO2', 'IBM']);
    assert.deepEqual(first, ['IBM']);
    assert.deepEqual(c.remove('IBM'), ['WSO2', 'IBM']);
    assert.deepEqual(c.add(null), ['WSO2', 'IBM', null]);
    const saved = c.snapshot();
    assert.deepEqual(c.reset(), []);
    c.restore(saved);
    assert.deepEqual(c.value(), ['WSO2', 'IBM', null]);
  });

  test('collect with is.distinct (Siddhi test: Harry, Harry, Henry through a length(2) window)', () => {
    const c = agg(get('collect'), ['string', 'bool']);
    const out = [c.add('Harry', true), c.add('Harry', true)];
    c.remove('Harry', true);
    out.push(c.add('Henry', true));
    assert.deepEqual(out, [['Harry'], ['Harry'], ['Henry']]);
    assert.throws(() => c.add('x', null), /null is.distinct/);
    assert.notEqual(check(get('collect'), ['string', 'string']), undefined);
  });

  test('merge appends lists; an expired list takes out every element equal to one of its own', () => {
    const m = agg(get('merge'), ['object']);
    m.add(L('Harry', 'Henry'));
    assert.deepEqual(m.add(L('Henry', 'Potter')), ['Harry', 'Henry', 'Henry', 'Potter']);
    assert.deepEqual(m.remove(L('Henry')), ['Harry', 'Potter']);
    const d = agg(get('merge'), ['object', 'bool']);
    d.add(L('a', 'b'), true);
    assert.deepEqual(d.add(L('b', 'c', 'c'), true), ['a', 'b', 'c']);
    assert.deepEqual(d.add(L('a'), false), ['a', 'b', 'c', 'a']);
    assert.throws(
      () => m.add('x'),
      /^ExtensionRuntimeError: First attribute value must be of type java.util.List, but found 'java.lang.String'\.$/,
    );
    assert.throws(() => d.remove('x', true), /but found 'java.lang.Object\[\]'\.$/);
    assert.deepEqual(m.reset(), []);
  });

  test('tokenize sends index and element, or per index of several lists the list of their elements', () => {
    const t = get('tokenize');
    assert.deepEqual(rows(t, ['object'], [], [L('one', 'two', 'three')]), [
      [0, 'one'],
      [1, 'two'],
      [2, 'three'],
    ]);
    assert.deepEqual(rows(t, ['object'], [], [L()]), []);
    // Siddhi's test: ('one', 'two', 'three', 'seven') beside ('four', 'five', 'six').
    assert.deepEqual(rows(t, ['object', 'object'], [], [L('one', 'two', 'three', 'seven'), L('four', 'five', 'six')]), [
      [0, ['one', 'four']],
      [1, ['two', 'five']],
      [2, ['three', 'six']],
      [3, ['seven', null]],
    ]);
    assert.throws(
      () => rows(t, ['object', 'object'], [], [L(), 'x']),
      /^ExtensionRuntimeError: Attribute number, '2' must be of type java.util.List, but found java.lang.String$/,
    );
    assert.notEqual(check(t, ['object', 'string']), undefined);
  });

  test("a list is what map:keys, map:values and json:toObject's arrays give", () => {
    const m = fn(finder(mapFunctions)('create'), [])('IBM', 200, 'WSO2', 100);
    const values = fn(finder(mapFunctions)('values'), ['object'])(m);
    assert.equal(fn(get('isList'), ['object'])(values), true);
    assert.deepEqual(fn(get('sort'), ['object', 'string'], [undefined, 'ASC'])(values), [100, 200]);
    const parsed = fn(finder(jsonFunctions)('toObject'), ['string'])('[3, "a", {"k": 1}]');
    assert.equal(fn(get('size'), ['object'])(parsed), 3);
    assert.equal(fn(get('contains'), ['object', 'object'])(parsed, { k: 1 }), true);
    assert.deepEqual(fn(get('add'), ['object', 'int'])(parsed, 4), [3, 'a', { k: 1 }, 4]);
  });
});

describe('list: in an app', () => {
  test('lists made, changed and read per event, collected and merged over windows, and tokenized', () => {
    const app = `
      define stream S (symbol string, price double, volume long);
      @info(name = 'build')
      from S
      select list:add(list:create(symbol, price), volume, 1) as l,
             list:get(list:sort(list:create('b', 'A', symbol), 'asc'), 2) as last,
             list:indexOf(list:addAll(list:create('IBM', 'XYZ'), list:create(symbol), true), symbol) as at
      insert into Built;
      @info(name = 'collect')
      from S#window.lengthBatch(2)
      select list:collect(symbol) as symbols, list:merge(list:create(symbol, 'X'), true) as merged
      insert into Collected;
      @info(name = 'sliding')
      from S#window.length(2)
      select list:collect(symbol, true) as symbols
      insert into Sliding;
      @info(name = 'tokens')
      from Collected#list:tokenize(symbols, merged)
      select index, value
      insert into Tokens;`;
    const got = queryOutputs(app, ['build', 'collect', 'sliding', 'tokens'], STOCK_EVENTS);
    assert.deepEqual(got.build, [
      [['IBM', 100, 75.5], 'IBM', 0],
      [['WSO2', 200, 57.25], 'WSO2', 2],
      [['IBM', 300, 80], 'IBM', 0],
      [['ORCL', 400, 12], 'ORCL', 2],
    ]);
    assert.deepEqual(got.collect, [
      [
        ['IBM', 'WSO2'],
        ['IBM', 'X', 'WSO2'],
      ],
      [
        ['IBM', 'ORCL'],
        ['IBM', 'X', 'ORCL'],
      ],
    ]);
    assert.deepEqual(got.sliding, [[['IBM']], [['IBM', 'WSO2']], [['WSO2', 'IBM']], [['IBM', 'ORCL']]]);
    assert.deepEqual(got.tokens, [
      [0, ['IBM', 'IBM']],
      [1, ['WSO2', 'X']],
      [2, [null, 'WSO2']],
      [0, ['IBM', 'IBM']],
      [1, ['ORCL', 'X']],
      [2, [null, 'ORCL']],
    ]);
  });

  test('a bad list reaches the fault stream with the Siddhi message', () => {
    const app = `
      @OnError(action = 'STREAM')
      define stream S (symbol string, l object);
      @info(name = 'q') from S select list:size(l) as n insert into Out;
      @info(name = 'faults') from !S select symbol, _error insert into Faults;`;
    const r = new SiddhiManager({ clock: 'virtual', logger: memoryLogger() }).createSiddhiAppRuntime(app);
    const out: unknown[][] = [];
    const faults: unknown[][] = [];
    r.addQueryCallback('q', (_ts, ins) => ins?.forEach((e) => out.push(e.data)));
    r.addQueryCallback('faults', (_ts, ins) => ins?.forEach((e) => faults.push(e.data)));
    r.start();
    r.getInputHandler('S').send(['ok', ['a', 'b']]);
    r.getInputHandler('S').send(['bad', 'a,b']);
    r.shutdown();
    assert.deepEqual(out, [[2]]);
    assert.equal(faults.length, 1);
    assert.equal(faults[0]![0], 'bad');
    assert.match(String(faults[0]![1]), /must be of type java.util.List, but found 'java.lang.String'\./);
  });
});
