import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapFunctions } from '../../src/engine/functions/map/index.js';
import { jsonFunctions } from '../../src/engine/functions/json/index.js';
import { strFunctions } from '../../src/engine/functions/str/index.js';
import { ExtensionRuntimeError } from '../../src/engine/functions/shared/errors.js';
import { JavaHashMap } from '../../src/engine/functions/shared/java-hash-map.js';
import { agg, check, finder, fn, rows } from './call-site.js';
import { queryOutputs, STOCK_EVENTS } from './query-outputs.js';

const get = finder(mapFunctions);
/** A map as the map: functions make them, to compare with (entries compare in any order). */
const hashMap = (entries: Iterable<readonly [unknown, unknown]> = []): JavaHashMap => {
  const map = new JavaHashMap();
  for (const [k, v] of entries) map.put(k, v);
  return map;
};
const M = (...pairs: unknown[]): Map<unknown, unknown> => fn(get('create'), [])(...pairs) as Map<unknown, unknown>;

describe('map: functions', () => {
  test('create pairs keys and values; an odd count is refused at app creation', () => {
    assert.deepEqual(
      M(1, 'one', 2, 'two', 1, 'uno'),
      hashMap([
        [1, 'uno'],
        [2, 'two'],
      ]),
    );
    assert.deepEqual(M(), hashMap());
    assert.equal(check(get('create'), []), undefined);
    assert.equal(check(get('create'), ['string', 'int', 'bool', 'object']), undefined);
    assert.equal(
      check(get('create'), ['string', 'int', 'int']),
      'Invalid no of arguments passed to map:create() function, required 0 or multiple of 2, but found 3',
    );
  });

  test('get, with and without a default; a present null stays null', () => {
    const m = M('IBM', 200, 'none', null);
    const g = fn(get('get'), ['object', 'string']);
    const gd = fn(get('get'), ['object', 'string', 'int']);
    assert.equal(g(m, 'IBM'), 200);
    assert.equal(g(m, 'WSO2'), null);
    assert.equal(gd(m, 'WSO2', 0), 0);
    assert.equal(gd(m, 'none', 0), null);
    assert.throws(() => g('text', 'IBM'), /must be of type java.util.Map, but found java.lang.String$/);
  });

  test('containsKey, containsValue, isEmpty, isMap, size, keys, values read without changing', () => {
    const m = M('IBM', 200, 'WSO2', 100);
    assert.equal(fn(get('containsKey'), ['object', 'string'])(m, 'IBM'), true);
    assert.equal(fn(get('containsKey'), ['object', 'string'])(m, 'XYZ'), false);
    assert.equal(fn(get('containsValue'), ['object', 'int'])(m, 100), true);
    assert.equal(fn(get('containsValue'), ['object', 'int'])(m, 300), false);
    assert.equal(fn(get('isEmpty'), ['object'])(m), false);
    assert.equal(fn(get('isEmpty'), ['object'])(M()), true);
    assert.deepEqual(
      [m, 'IBM', 5, null, { a: 1 }].map((v) => fn(get('isMap'), ['object'])(v)),
      [true, false, false, false, true],
    );
    assert.equal(fn(get('size'), ['object'])(m), 2);
    assert.deepEqual(fn(get('keys'), ['object'])(m), ['IBM', 'WSO2']);
    assert.deepEqual(fn(get('values'), ['object'])(m), [200, 100]);
    assert.deepEqual(
      m,
      hashMap([
        ['IBM', 200],
        ['WSO2', 100],
      ]),
    );
    try {
      fn(get('size'), ['object'])(7);
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ExtensionRuntimeError);
      assert.equal(
        e.faultText(),
        "io.siddhi.core.exception.SiddhiAppRuntimeException: First attribute value must be of type java.util.Map, but found 'java.lang.Integer'. Exception on class 'io.siddhi.extension.execution.map.SizeFunctionExtension'",
      );
    }
    assert.throws(
      () => fn(get('values'), ['object'])('x'),
      /^ExtensionRuntimeError: First attribute value must be of type java.util.Map\.$/,
    );
  });

  test('put, putAll, putIfAbsent, remove, replace, replaceAll, clear change the map they are given; clone copies', () => {
    const m = M('IBM', 200);
    const copy = fn(get('clone'), ['object'])(m) as Map<unknown, unknown>;
    assert.equal(fn(get('put'), ['object', 'string', 'int'])(m, 'WSO2', 100), m);
    assert.deepEqual(
      [...m],
      [
        ['IBM', 200],
        ['WSO2', 100],
      ],
    );
    assert.deepEqual([...copy], [['IBM', 200]]);
    fn(get('putAll'), ['object', 'object'])(m, M('IBM', 250, 'XYZ', 5));
    assert.deepEqual(
      [...m],
      [
        ['IBM', 250],
        ['WSO2', 100],
        ['XYZ', 5],
      ],
    );
    const pia = fn(get('putIfAbsent'), ['object', 'string', 'int']);
    pia(m, 'IBM', 1);
    pia(m, 'ABC', 2);
    const withNull = M('k', null);
    pia(withNull, 'k', 3);
    assert.deepEqual([...withNull], [['k', 3]]);
    assert.deepEqual(
      [...m],
      [
        ['ABC', 2],
        ['IBM', 250],
        ['WSO2', 100],
        ['XYZ', 5],
      ],
    );
    fn(get('remove'), ['object', 'string'])(m, 'XYZ');
    const rep = fn(get('replace'), ['object', 'string', 'int']);
    rep(m, 'WSO2', 110);
    rep(m, 'NEW', 1);
    assert.deepEqual(
      [...m],
      [
        ['ABC', 2],
        ['IBM', 250],
        ['WSO2', 110],
      ],
    );
    fn(get('replaceAll'), ['object', 'object'])(m, M('ABC', 3, 'ZZZ', 9));
    assert.deepEqual(
      [...m],
      [
        ['ABC', 3],
        ['IBM', 250],
        ['WSO2', 110],
      ],
    );
    assert.throws(
      () => fn(get('replaceAll'), ['object', 'string'])(m, 'x'),
      /Second attribute value must be of type java.util.Map, but found 'java.lang.String'\./,
    );
    assert.equal(fn(get('clear'), ['object'])(m), m);
    assert.equal(m.size, 0);
    assert.throws(() => fn(get('put'), ['object', 'string', 'int'])(null, 'a', 1), /null map/);
    assert.throws(
      () => fn(get('clone'), ['object'])('s'),
      /needs be an instance of java.util.Map, but found 'java.lang.String'\./,
    );
  });

  test('a JSON object from json:toObject is a map: read, changed in place, copied by clone', () => {
    const toObject = fn(finder(jsonFunctions)('toObject'), ['string']);
    const obj = toObject('{"name":"John","age":30}') as Record<string, unknown>;
    assert.equal(fn(get('get'), ['object', 'string'])(obj, 'name'), 'John');
    assert.equal(fn(get('size'), ['object'])(obj), 2);
    fn(get('put'), ['object', 'string', 'string'])(obj, 'city', 'Colombo');
    assert.deepEqual(obj, { name: 'John', age: 30, city: 'Colombo' });
    assert.throws(() => fn(get('put'), ['object', 'int', 'string'])(obj, 1, 'x'), /takes only java.lang.String keys/);
    assert.deepEqual(fn(get('clone'), ['object'])(obj), hashMap(Object.entries(obj)));
    assert.throws(
      () => fn(get('combineByKey'), ['object', 'object'])(obj, M()),
      /Attribute number, '1' must be of type java.util.Map, but found com.google.gson.internal.LinkedTreeMap/,
    );
  });

  test('a map is text for str: functions and JSON for json:toString', () => {
    const m = M('symbol', 'IBM', 'price', 200.5);
    const concat = fn(
      strFunctions.find((f) => f.spec.name === 'concat')!,
      ['string', 'object'],
    );
    assert.equal(concat('m=', m), 'm={symbol=IBM, price=200.5}');
    const toString = fn(
      jsonFunctions.find((f) => f.spec.name === 'toString')!,
      ['object'],
    );
    assert.equal(toString(m), '{"symbol":"IBM","price":200.5}');
  });

  test('combineByKey lists the values of each key, null where a map lacks it', () => {
    const c = fn(get('combineByKey'), ['object', 'object'])(M('a', 1, 'b', 2), M('b', 3, 'c', 4));
    assert.deepEqual(
      [...(c as Map<unknown, unknown>)],
      [
        ['a', [1, null]],
        ['b', [2, 3]],
        ['c', [null, 4]],
      ],
    );
    assert.notEqual(check(get('combineByKey'), ['object']), undefined);
    assert.equal(check(get('combineByKey'), ['object', 'object', 'object']), undefined);
  });

  test('createFromJSON reads org.json leniently; toJSON writes as org.json does', () => {
    const from = fn(get('createFromJSON'), ['string']);
    const m = from(
      "{symbol :IBM, price :100.50, volume :100, ok: true, last5val: {'price': 150, 'none': null}, l: [1, 'a']}",
    );
    assert.deepEqual(
      m,
      hashMap([
        ['symbol', 'IBM'],
        ['price', 100.5],
        ['volume', 100],
        ['ok', true],
        [
          'last5val',
          hashMap([
            ['price', 150],
            ['none', null],
          ]),
        ],
        ['l', [1, 'a']],
      ]),
    );
    const toJSON = fn(get('toJSON'), ['object']);
    assert.equal(
      toJSON(m),
      '{"volume":100,"symbol":"IBM","price":100.5,"last5val":{"price":150},"ok":true,"l":[1,"a"]}',
    );
    assert.equal(
      toJSON(M('a', '</b>', 'n', null, 'd', 2.5e-7, 'q', 'say "hi"\n')),
      '{"a":"<\\/b>","q":"say \\"hi\\"\\n","d":2.5E-7}',
    );
    assert.equal(toJSON(M('x', NaN)), null);
    assert.throws(() => from('{a:1, a:2}'), /Cannot create JSON from '\{a:1, a:2\}' in create from json function/);
    assert.throws(() => from('[1]'), /Cannot create JSON from/);
    assert.throws(() => from(null), /Data should be a string/);
    assert.throws(() => toJSON('x'), /Data should be a string/);
  });

  test('createFromXML: child elements as keys, nested maps, booleans and numbers; toXML writes elements back', () => {
    const from = fn(get('createFromXML'), ['string']);
    const m = from(
      '<stock><symbol>IBM</symbol><price>200.50</price><volume>1,000</volume><big>1e5</big><hot>true</hot>' +
        '<pad> 5 </pad><d><low>1.0</low></d><ns:x xmlns:ns="urn:a">y</ns:x></stock>',
    );
    assert.deepEqual(
      m,
      hashMap([
        ['symbol', 'IBM'],
        ['price', 200.5],
        ['volume', '1,000'],
        ['big', 1],
        ['hot', true],
        ['pad', ' 5 '],
        ['d', hashMap([['low', 1]])],
        ['{urn:a}x', 'y'],
      ]),
    );
    assert.throws(() => from('<a><b></a>'), /^ExtensionRuntimeError: Input data cannot be parsed to xml: /);
    const toXML = fn(get('toXML'), ['object', 'string'], [undefined, 'abcCompany']);
    const c = M('symbol', 'WSO2', 'price', 100, 'inner', M('a', true));
    assert.equal(
      toXML(c),
      '<abcCompany><symbol>WSO2</symbol><price>100</price><inner><a>true</a></inner></abcCompany>',
    );
    assert.equal(fn(get('toXML'), ['object'])(M('n', 1.5)), '<n>1.5</n>');
    assert.throws(() => fn(get('toXML'), ['object'])('x'), /Data should be a Map/);
    assert.notEqual(check(get('toXML'), ['object', 'string']), undefined);
    assert.equal(check(get('toXML'), ['object', 'string'], [undefined, 'root']), undefined);
  });

  test('collect and merge give a new map per event, take out expired entries and reset to an empty map', () => {
    const c = agg(get('collect'), ['string', 'int']);
    const first = c.add('IBM', 200);
    assert.deepEqual(first, hashMap([['IBM', 200]]));
    assert.deepEqual(
      c.add('WSO2', 100),
      hashMap([
        ['IBM', 200],
        ['WSO2', 100],
      ]),
    );
    assert.deepEqual(first, hashMap([['IBM', 200]]));
    assert.deepEqual(c.remove('IBM', 200), hashMap([['WSO2', 100]]));
    const saved = c.snapshot();
    assert.deepEqual(c.reset(), hashMap());
    c.restore(saved);
    assert.deepEqual(c.value(), hashMap([['WSO2', 100]]));
    const m = agg(get('merge'), ['object']);
    m.add(M('a', 1, 'b', 2));
    assert.deepEqual(
      m.add(M('b', 3, 'c', 4)),
      hashMap([
        ['a', 1],
        ['b', 3],
        ['c', 4],
      ]),
    );
    assert.deepEqual(m.remove(M('a', 1, 'b', 2)), hashMap([['c', 4]]));
    assert.throws(() => m.add('x'), /but found 'java.lang.String'\./);
    assert.deepEqual(m.reset(), hashMap());
  });

  test('tokenize sends a key and value per entry, or per key of several maps the list of values', () => {
    const t = get('tokenize');
    assert.deepEqual(rows(t, ['object'], [], [M('IBM', 200, 'WSO2', 100)]), [
      ['IBM', 200],
      ['WSO2', 100],
    ]);
    assert.deepEqual(rows(t, ['object'], [], [M()]), []);
    assert.deepEqual(rows(t, ['object', 'object'], [], [M('a', 1), M('b', 2)]), [
      ['a', [1, null]],
      ['b', [null, 2]],
    ]);
    assert.throws(
      () => rows(t, ['object'], [], [null]),
      /Attribute number, '1' must be of type java.util.Map, but found null/,
    );
  });

  test("maps iterate in Java's HashMap order: keys, values, toXML, a clone's smaller table, tokenize's key set", () => {
    const m = M('WSO2', 1, 'IBM', 2, 'GOOG', 3, 'ORCL', 4, 'XYZ', 5);
    assert.deepEqual(fn(get('keys'), ['object'])(m), ['GOOG', 'IBM', 'WSO2', 'XYZ', 'ORCL']);
    assert.deepEqual(fn(get('values'), ['object'])(m), [3, 2, 1, 5, 4]);
    assert.equal(fn(get('toXML'), ['object'])(m), '<GOOG>3</GOOG><IBM>2</IBM><WSO2>1</WSO2><XYZ>5</XYZ><ORCL>4</ORCL>');
    const copy = fn(get('clone'), ['object'])(m) as Map<unknown, unknown>;
    assert.deepEqual([...copy.keys()], ['XYZ', 'GOOG', 'ORCL', 'IBM', 'WSO2']);
    const t = get('tokenize');
    assert.deepEqual(
      rows(t, ['object', 'object'], [], [M('IBM', 1, 'WSO2', 2), M('XYZ', 3, 'GOOG', 4)]).map(([k]) => k),
      ['GOOG', 'IBM', 'WSO2', 'XYZ'],
    );
    const xml = fn(get('createFromXML'), ['string'])(
      '<s><commonAttr1>19</commonAttr1><commonAttr2>1.5</commonAttr2><commonAttr3>true</commonAttr3></s>',
    );
    assert.deepEqual(fn(get('keys'), ['object'])(xml), ['commonAttr3', 'commonAttr2', 'commonAttr1']);
  });
});

describe('map: in an app', () => {
  test('maps made, changed and read per event, collected over a window and tokenized', () => {
    const app = `
      define stream S (symbol string, price double, volume long);
      @info(name = 'build')
      from S
      select map:toJSON(map:put(map:create('symbol', symbol), 'price', price)) as json,
             map:get(map:createFromJSON(str:concat('{v: ', volume, '}')), 'v', 0) as v,
             map:toXML(map:createFromXML(str:concat('<r><s>', symbol, '</s></r>')), 'x') as xml
      insert into Built;
      @info(name = 'collect')
      from S#window.lengthBatch(2)
      select map:collect(symbol, price) as prices
      insert into Collected;
      @info(name = 'merge')
      from S#window.length(2)
      select map:size(map:merge(map:create(symbol, volume))) as n
      insert into Merged;
      @info(name = 'tokens')
      from Collected#map:tokenize(prices)
      select cast(key, 'string') as symbol, cast(value, 'double') as price
      insert into Tokens;`;
    const got = queryOutputs(app, ['build', 'collect', 'merge', 'tokens'], STOCK_EVENTS);
    assert.deepEqual(got.build, [
      ['{"symbol":"IBM","price":75.5}', 100, '<x><s>IBM</s></x>'],
      ['{"symbol":"WSO2","price":57.25}', 200, '<x><s>WSO2</s></x>'],
      ['{"symbol":"IBM","price":80}', 300, '<x><s>IBM</s></x>'],
      ['{"symbol":"ORCL","price":12}', 400, '<x><s>ORCL</s></x>'],
    ]);
    assert.deepEqual(got.collect, [
      [
        hashMap([
          ['IBM', 75.5],
          ['WSO2', 57.25],
        ]),
      ],
      [
        hashMap([
          ['IBM', 80],
          ['ORCL', 12],
        ]),
      ],
    ]);
    assert.deepEqual(got.merge, [[1], [2], [2], [2]]);
    assert.deepEqual(got.tokens, [
      ['IBM', 75.5],
      ['WSO2', 57.25],
      ['IBM', 80],
      ['ORCL', 12],
    ]);
  });
});
