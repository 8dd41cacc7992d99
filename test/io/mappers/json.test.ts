import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonSourceMapper } from '../../../src/io/mappers/json-source.js';
import { jsonSinkMapper } from '../../../src/io/mappers/json-sink.js';
import type { MappedInput, SourceMapper } from '../../../src/io/mappers/mapper.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const f = Math.fround;

/** Maps each payload; returns all events and all error messages. */
function run(mapper: SourceMapper, payloads: unknown[]): { events: unknown[][]; errors: string[] } {
  const results: MappedInput[] = payloads.map((p) => mapper.map(p));
  return { events: results.flatMap((r) => r.events), errors: results.flatMap((r) => r.errors.map((e) => e.message)) };
}

const ev = (symbol: unknown, price: unknown, volume: unknown): string =>
  JSON.stringify({ event: { symbol, price, volume } });

describe('json source mapper, default mapping', () => {
  test('explicit nulls are kept; a missing attribute drops the message (jsonSourceMapperTest2)', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK, { 'fail.on.missing.attribute': 'true' }));
    const r = run(m, [
      ev('WSO2', 55.6, null),
      ev('WSO2', null, 100),
      ' {\n "event":{\n "symbol":null,\n "volume":100\n }\n }',
      ev('WSO2', 55.6, 100),
    ]);
    assert.deepEqual(r.events, [
      ['WSO2', f(55.6), null],
      ['WSO2', null, 100],
      ['WSO2', f(55.6), 100],
    ]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0] as string, /contains missing attributes/);
  });

  test("fail.on.missing.attribute='false' fills missing attributes with null (jsonSourceMapperTest3)", () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK, { 'fail.on.missing.attribute': 'false' }));
    const r = run(m, [
      ev('WSO2', 55.6, null),
      ev('WSO2', null, 100),
      '{"event":{"symbol":null,"price":56,"volume":100}}',
      '{"event":{"price":56,"volume":100}}',
      ev('WSO2', 57.6, 100),
    ]);
    assert.deepEqual(r.events, [
      ['WSO2', f(55.6), null],
      ['WSO2', null, 100],
      [null, 56, 100],
      [null, 56, 100],
      ['WSO2', f(57.6), 100],
    ]);
    assert.deepEqual(r.errors, []);
  });

  test('invalid JSON, strings for numbers and unknown keys drop the message (jsonSourceMapperTest5, 8, 16)', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK));
    const r = run(m, [
      '{"event":{ <symbol>WSO2</symbol> }}',
      '{"event":{"symbol":"WSO2","price":"55.6","volume":"100"}}',
      '{"testEvent":{"symbol":"WSO2","price":55.6,"volume":100}}',
      '{"event1":{"symbol":"WSO2","price":52.6,"volume":100}}',
      ev('WSO2', 55.6, 100),
    ]);
    assert.deepEqual(r.events, [['WSO2', f(55.6), 100]]);
    assert.equal(r.errors.length, 4);
    assert.match(r.errors[0] as string, /^Invalid Json String/);
    assert.match(r.errors[1] as string, /Value "55.6" is not compatible with type FLOAT/);
    assert.match(r.errors[2] as string, /does not have an attribute named "testEvent"/);
    assert.match(r.errors[3] as string, /does not have an attribute named "event1"/);
  });

  test('a JSON number that is not an object drops the message (jsonSourceMapperTest15)', () => {
    const r = run(jsonSourceMapper.create(sourceConfig(STOCK)), ['12']);
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0] as string, /not a JSON object or array/);
  });

  test('int needs a whole number, double a decimal, bool a boolean (jsonSourceMapperTest18, 19, 20)', () => {
    const typed = attrs('symbol string, price double, volume int');
    const m = jsonSourceMapper.create(sourceConfig(typed));
    const r = run(m, [
      '{"event":{"symbol":"WSO2","price":55,"volume":100}}',
      '{"event":{"symbol":"true","price":55.0,"volume":100.0}}',
      '{"event":{"symbol":"WSO2","price":55.0,"volume":100}}',
    ]);
    assert.deepEqual(r.events, [['WSO2', 55, 100]]);
    assert.match(r.errors[0] as string, /Value 55 is not compatible with type DOUBLE/);
    assert.match(r.errors[1] as string, /Value 100.0 is not compatible with type INT/);
    const b = jsonSourceMapper.create(sourceConfig(attrs('symbol bool, price double, volume int')));
    const rb = run(b, [
      '{"event":{"symbol":"true","price":55.5,"volume":100}}',
      '{"event":{"symbol":true,"price":55.5,"volume":100}}',
    ]);
    assert.deepEqual(rb.events, [[true, 55.5, 100]]);
    assert.match(rb.errors[0] as string, /not compatible with type BOOL/);
  });

  test('arrays of wrapped events: a bad item is dropped, the others survive (jsonSourceMapperTest10, 14)', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK));
    const r = run(m, [
      '[{"event":{"symbol":"WSO2","price":52.6,"volume":100}},{"event":{"symbol":"WSO2","price":53.6,"volume":99}}]',
      '[{"event":{"symbol":"WSO2","price":55.6,"volume":100}},{"testEvent":{"symbol":"WSO2","price":56.6,"volume":99}},{"event":{"symbol":"WSO2","price":57.6,"volume":80}}]',
    ]);
    assert.deepEqual(r.events, [
      ['WSO2', f(52.6), 100],
      ['WSO2', f(53.6), 99],
      ['WSO2', f(55.6), 100],
      ['WSO2', f(57.6), 80],
    ]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0] as string, /not in an accepted format for default mapping/);
  });

  test('flat objects and arrays of flat objects (jsonSourceMapperTest26, 27)', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK));
    const r = run(m, [
      '{"symbol":"WSO2","price":55.6,"volume":100}',
      '{"symbol":"WSO2","price":55.678,"volume":100}',
      '{"symbol":"WSO2","price":55,"volume":100}',
      '{"symbol":"WSO2@#$%^*","price":55,"volume":100}',
      '{"symbol":{"symbol":"WSO2","price":55,"volume":100}}',
    ]);
    assert.deepEqual(r.events, [
      ['WSO2', f(55.6), 100],
      ['WSO2', f(55.678), 100],
      ['WSO2', 55, 100],
      ['WSO2@#$%^*', 55, 100],
    ]);
    assert.equal(r.errors.length, 1);
    const lenient = jsonSourceMapper.create(sourceConfig(STOCK, { 'fail.on.missing.attribute': 'false' }));
    const r2 = run(lenient, [
      '[{"symbol":"WSO2","price":55.6,"volume":100},{"testEvent":{"symbol":"WSO2","price":56.6,"volume":99}},{"symbol":"WSO2","price":57.6,"volume":80}]',
    ]);
    assert.deepEqual(r2.events, [
      ['WSO2', f(55.6), 100],
      ['WSO2', f(57.6), 80],
    ]);
    assert.equal(r2.errors.length, 1);
  });

  test('objects and arrays go to string attributes as JSON text (jsonSourceMapperTest29)', () => {
    const m = jsonSourceMapper.create(sourceConfig(attrs('symbol object, price string, volume long')));
    const r = run(m, [
      '{"event":{"symbol":"WSO2","price":[25,25],"volume":100}}',
      '{"event":{"symbol":"WSO2","price":{"lkr":55.678},"volume":100}}',
      '{"event":{"symbol":"WSO2@#$%^*","price":{"price":25,"priceArray":[{"lkr":25}],"priceObject":{"items":[{"id":1}]}},"volume":100}}',
    ]);
    assert.deepEqual(r.events, [
      ['WSO2', '[25,25]', 100],
      ['WSO2', '{"lkr":55.678}', 100],
      ['WSO2@#$%^*', '{"price":25,"priceArray":[{"lkr":25}],"priceObject":{"items":[{"id":1}]}}', 100],
    ]);
  });

  test('bytes are read as UTF-8; other payload types are reported', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK));
    assert.deepEqual(m.map(Buffer.from(ev('WSO2', 1.5, 7))).events, [['WSO2', 1.5, 7]]);
    const r = m.map(12);
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0]?.message as string, /Expected String or byte array, but found number/);
  });
});

describe('json source mapper, custom mapping', () => {
  const mapping = keyed({ symbol: 'stock.company.symbol', price: 'stock.price', volume: 'stock.volume' });

  test('enclosing element holding an object or an array (jsonSourceMapperTest11, 23)', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK, { 'enclosing.element': 'portfolio' }, mapping));
    const r = run(m, [
      '{"portfolio":{"stock":{"volume":100,"company":{"symbol":"wso2"},"price":55.6}}}',
      '{"portfolio":[{"stock":{"volume":100,"company":{"symbol":"wso2"},"price":56.6}},{"stock":{"volume":200,"company":{"symbol":"wso2"},"price":57.6}}]}',
    ]);
    assert.deepEqual(r.events, [
      ['wso2', f(55.6), 100],
      ['wso2', f(56.6), 100],
      ['wso2', f(57.6), 200],
    ]);
    const positional = jsonSourceMapper.create(
      sourceConfig(
        STOCK,
        { 'enclosing.element': 'portfolio' },
        { positional: ['stock.company.symbol', 'stock.price', 'stock.volume'] },
      ),
    );
    assert.deepEqual(
      positional.map('{"portfolio":{"stock":{"volume":1,"company":{"symbol":"a"},"price":2.5}}}').events,
      [['a', 2.5, 1]],
    );
  });

  test('missing paths drop the item; explicit nulls are kept (jsonSourceMapperTest12)', () => {
    const m = jsonSourceMapper.create(
      sourceConfig(STOCK, { 'enclosing.element': 'portfolio', 'fail.on.missing.attribute': 'true' }, mapping),
    );
    const r = run(m, [
      '{"portfolio":[{"stock":{"volume":100,"company":{"symbol":"wso2"},"price":55.6}},{"stock":{"volume":null,"company":{"symbol":"wso2"},"price":56.6}}]}',
      '{"portfolio":[{"stock":{"volume":100,"company":{"symbol":"wso2"}}},{"stock":{"volume":200,"company":{"symbol":"wso2"},"price":null}}]}',
      '{"portfolio":[{"stock":{"volume":100,"company":{"symbol":"wso2"},"price":76.6}},{"stock":{"volume":200,"company":{"symbol":null},"price":77.6}}]}',
    ]);
    assert.deepEqual(r.events, [
      ['wso2', f(55.6), 100],
      ['wso2', f(56.6), null],
      ['wso2', null, 200],
      ['wso2', f(76.6), 100],
      [null, f(77.6), 200],
    ]);
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0] as string, /contains missing attributes/);
  });

  test("fail.on.missing.attribute='false' gives null for a missing path (jsonSourceMapperTest13)", () => {
    const m = jsonSourceMapper.create(
      sourceConfig(STOCK, { 'enclosing.element': 'portfolio', 'fail.on.missing.attribute': 'false' }, mapping),
    );
    const r = m.map(
      '{"portfolio":[{"stock":{"volume":100,"company":{"symbol":"wso2"}}},{"stock":{"volume":200,"company":{"symbol":"IBM"},"price":null}}]}',
    );
    assert.deepEqual(r.events, [
      ['wso2', null, 100],
      ['IBM', null, 200],
    ]);
  });

  test('an enclosing element that is absent drops the message; bad @attributes fail creation', () => {
    const m = jsonSourceMapper.create(sourceConfig(STOCK, { 'enclosing.element': '$.nothing' }, mapping));
    assert.match(
      m.map('{"portfolio":{}}').errors[0]?.message as string,
      /Enclosing element \$\.nothing cannot be found/,
    );
    assert.throws(
      () => jsonSourceMapper.create(sourceConfig(STOCK, {}, keyed({ symbol: 'a', price: 'b' }))),
      /attribute 'volume' is not mapped/,
    );
    assert.throws(
      () => jsonSourceMapper.create(sourceConfig(STOCK, {}, { positional: ['a', 'b'] })),
      /'2' mapping attributes are provided but expected attributes are '3'/,
    );
  });

  test('trp: mappings read transport properties', () => {
    const m = jsonSourceMapper.create(
      sourceConfig(
        attrs('symbol string, price float, volume string'),
        { 'enclosing.element': 'portfolio' },
        keyed({ symbol: 'stock.company.symbol', price: 'stock.price', volume: 'trp:symbol' }),
      ),
    );
    const r = m.map(
      '{"portfolio":{"stock":{"company":{"symbol":"wso2"},"price":55.5}}}',
      new Map([['symbol', 'test']]),
    );
    assert.deepEqual(r.events, [['wso2', 55.5, 'test']]);
  });
});

describe('json sink mapper', () => {
  test('default mapping prints null as "undefined" and floats as Java does (jsonSinkMapperTestCase2)', () => {
    const m = jsonSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      [
        ['WSO2', f(55.6), null],
        ['WSO2', null, 100],
        [null, f(55.6), 100],
      ].flatMap((e) => m.map([e])),
      [
        '{"event":{"symbol":"WSO2","price":55.6,"volume":"undefined"}}',
        '{"event":{"symbol":"WSO2","price":"undefined","volume":100}}',
        '{"event":{"symbol":"undefined","price":55.6,"volume":100}}',
      ],
    );
    assert.deepEqual(m.map([['WSO2', 50, 100000]]), ['{"event":{"symbol":"WSO2","price":50.0,"volume":100000}}']);
  });

  test("enable.null.attribute.value='true' prints JSON null (jsonSinkMapperTestCaseForPreserveNullValue)", () => {
    const m = jsonSinkMapper.create(sinkConfig(STOCK, { 'enable.null.attribute.value': 'true' }));
    assert.deepEqual(m.map([['WSO2', null, 100]]), ['{"event":{"symbol":"WSO2","price":null,"volume":100}}']);
    const t = jsonSinkMapper.create(
      sinkConfig(
        STOCK,
        { 'enable.null.attribute.value': 'true' },
        { template: '{"Symbol":"{{symbol}}","Price":{{price}},"Volume":{{volume}}}' },
      ),
    );
    assert.deepEqual(t.map([[null, f(55.6), 100]]), ['{"Symbol":"null","Price":55.6,"Volume":100}']);
    assert.deepEqual(t.map([['WSO2', f(55.6), null]]), ['{"Symbol":"WSO2","Price":55.6,"Volume":null}']);
  });

  test('enclosing element wraps default and custom messages (jsonSinkMapperTestCase3, 5, 11)', () => {
    const m = jsonSinkMapper.create(sinkConfig(STOCK, { 'enclosing.element': '$.portfolio.company' }));
    assert.deepEqual(m.map([['WSO2', f(57.678), 100]]), [
      '{"portfolio":{"company":{"event":{"symbol":"WSO2","price":57.678,"volume":100}}}}',
    ]);
    const template = '{\n   "Stock Data":{\n      "Symbol":"{{symbol}}",\n      "Price":{{price}}\n   }\n}';
    const t = jsonSinkMapper.create(
      sinkConfig(STOCK, { 'enclosing.element': '$.portfolio.company', 'validate.json': 'true' }, { template }),
    );
    assert.deepEqual(t.map([['WSO2', 50, 100]]), [
      '{"portfolio":{"company":{\n   "Stock Data":{\n      "Symbol":"WSO2",\n      "Price":50.0\n   }\n}}}',
    ]);
  });

  test('a group of events becomes one JSON array; grouping off gives one message each', () => {
    const m = jsonSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      m.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['[{"event":{"symbol":"A","price":1.0,"volume":1}},{"event":{"symbol":"B","price":2.0,"volume":2}}]'],
    );
    assert.deepEqual(m.map([['A', 1, 1]], true), ['[{"event":{"symbol":"A","price":1.0,"volume":1}}]']);
    const t = jsonSinkMapper.create(sinkConfig(STOCK, {}, { template: '{"s":"{{symbol}}"}' }));
    assert.deepEqual(
      t.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['[{"s":"A"},\n{"s":"B"}]'],
    );
    const single = jsonSinkMapper.create(sinkConfig(STOCK, { 'event.grouping.enabled': 'false' }));
    assert.deepEqual(
      single.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['{"event":{"symbol":"A","price":1.0,"volume":1}}', '{"event":{"symbol":"B","price":2.0,"volume":2}}'],
    );
  });

  test('validate.json drops invalid messages and reports them (jsonSinkMapperTestCase6, 7)', () => {
    const errors: string[] = [];
    const template = "{'StockData':{'Symbol':{{symbol}}},'Price':{{price}}";
    const v = jsonSinkMapper.create(sinkConfig(STOCK, { 'validate.json': 'true' }, { template }, errors));
    assert.deepEqual(v.map([['WSO2', f(55.6), 100]]), []);
    assert.match(errors[0] as string, /^Invalid json string : \{'StockData'/);
    const n = jsonSinkMapper.create(sinkConfig(STOCK, { 'validate.json': 'false' }, { template }));
    assert.deepEqual(n.map([['WSO2', f(55.6), 100]]), ["{'StockData':{'Symbol':WSO2},'Price':55.6"]);
  });

  test('validate.json reads leniently: a null printed as bare undefined still passes', () => {
    const errors: string[] = [];
    const template = '{"quote":{"name":"{{symbol}}","amount":{{volume}}}}';
    const v = jsonSinkMapper.create(sinkConfig(STOCK, { 'validate.json': 'true' }, { template }, errors));
    assert.deepEqual(v.map([['ACME', f(2.5), null]]), ['{"quote":{"name":"ACME","amount":undefined}}']);
    assert.deepEqual(errors, []);
  });

  test('an unknown {{attribute}} or an object @payload fails creation (jsonSinkMapperTestCase8)', () => {
    assert.throws(
      () => jsonSinkMapper.create(sinkConfig(STOCK, {}, { template: '{"P":{{non-exist}}}' })),
      /Attribute : \{\{non-exist\}\} does not exist/,
    );
    assert.throws(
      () => jsonSinkMapper.create(sinkConfig(STOCK, {}, { template: 'symbol' })),
      /does not support object @payload/,
    );
  });
});
