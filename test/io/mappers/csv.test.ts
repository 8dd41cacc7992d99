import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { csvSourceMapper } from '../../../src/io/mappers/csv-source.js';
import { csvSinkMapper } from '../../../src/io/mappers/csv-sink.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const f = Math.fround;
const SPI = attrs('symbol string, price float, volume int');

describe('csv source mapper', () => {
  test('default mapping keeps spaces in strings (testCSVInputDefaultMapping)', () => {
    const m = csvSourceMapper.create(sourceConfig(SPI));
    const events = ['null,55.689,100', 'IBM@#$%^*,75,0', ' WSO2,10.1,10'].flatMap((p) => m.map(p).events);
    assert.deepEqual(events, [
      ['null', f(55.689), 100],
      ['IBM@#$%^*', 75, 0],
      [' WSO2', f(10.1), 10],
    ]);
  });

  test("header='true' skips the first message; custom delimiter (testCSVInputDefaultMappingMultipleEvent)", () => {
    const m = csvSourceMapper.create(sourceConfig(STOCK, { header: 'true', delimiter: '-' }));
    const events = ['symbol-price-volume', 'WSO2-55.6-100', 'IBM-75.6-10'].flatMap((p) => m.map(p).events);
    assert.deepEqual(events, [
      ['WSO2', f(55.6), 100],
      ['IBM', f(75.6), 10],
    ]);
  });

  test('custom indexes; several lines per message (testCSVInputCustomMapping, testTextCustomSourceMapperEventGroup1)', () => {
    const m = csvSourceMapper.create(sourceConfig(STOCK, {}, keyed({ symbol: '0', price: '2', volume: '1' })));
    assert.deepEqual(m.map('WSO2,100,55.6').events, [['WSO2', f(55.6), 100]]);
    const g = csvSourceMapper.create(
      sourceConfig(STOCK, { 'event.grouping.enabled': 'true' }, { positional: ['0', '2', '1'] }),
    );
    assert.deepEqual(g.map('WSO2,110,55.6\nIBM,120,55.6\nIFS,130,55.6\n').events, [
      ['WSO2', f(55.6), 110],
      ['IBM', f(55.6), 120],
      ['IFS', f(55.6), 130],
    ]);
  });

  test('unconvertible fields drop the record with a reason (testInputCustomMappingwithfailunknownattribute1)', () => {
    const m = csvSourceMapper.create(
      sourceConfig(SPI, { 'fail.on.unknown.attribute': 'true' }, keyed({ symbol: '2', price: '0', volume: '1' })),
    );
    const rs = ['55.689,100,null', '75, ,IBM@#$%^*', ',10,WSO2', ' 55.6,aa,WSO2'].map((p) => m.map(p));
    assert.deepEqual(
      rs.flatMap((r) => r.events),
      [['null', f(55.689), 100]],
    );
    const errors = rs.flatMap((r) => r.errors.map((e) => e.message));
    assert.equal(errors.length, 3);
    assert.match(errors[0] as string, /Because value of 'volume' is {3}and attribute type is INT/);
  });

  test('tab separated values trim surrounding spaces; quoted fields keep the delimiter (testTSVInputDefaultMapping)', () => {
    const m = csvSourceMapper.create(sourceConfig(SPI, { delimiter: '\\t' }));
    assert.deepEqual(m.map(' WSO2\t00.3\t16').events, [['WSO2', f(0.3), 16]]);
    const q = csvSourceMapper.create(sourceConfig(SPI));
    assert.deepEqual(q.map('"WSO2,Colombo 10",57.6,100').events, [['WSO2,Colombo 10', f(57.6), 100]]);
  });

  test('too few @attributes fail creation (testInputCustomMappingAttributeSize)', () => {
    assert.throws(
      () => csvSourceMapper.create(sourceConfig(SPI, {}, keyed({ price: '0', volume: '1' }))),
      /attribute 'symbol' is not mapped/,
    );
  });
});

describe('csv sink mapper', () => {
  test('default mapping: null, Java floats, new line at the end (testCSVSinkmapperDefaultMappingWithSiddhiQL)', () => {
    const m = csvSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      [
        ['WSO2', f(55.645), 100],
        ['IBM', 75, 100],
        ['IBM', null, 57],
      ].flatMap((e) => m.map([e])),
      ['WSO2,55.645,100\n', 'IBM,75.0,100\n', 'IBM,null,57\n'],
    );
  });

  test('fields holding the delimiter are quoted (testCSVSinkmapperDefaultMappingWithSiddhiQL1)', () => {
    const m = csvSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(m.map([['WSO2,NO10,Palam groove Rd', f(55.645), 100]]), [
      '"WSO2,NO10,Palam groove Rd",55.645,100\n',
    ]);
    assert.deepEqual(m.map([['IBM,Colombo 3', null, 57]]), ['"IBM,Colombo 3",null,57\n']);
  });

  test('header once, delimiter, tabs (testCSVSinkmapperDefaultMappingWithDelimiterAndHeader, testTSVSinkmapperDefaultMapping)', () => {
    const m = csvSinkMapper.create(sinkConfig(STOCK, { delimiter: '-', header: 'true' }));
    assert.deepEqual(m.map([['WSO2', f(55.645), 100]]), ['symbol-price-volume\n', 'WSO2-55.645-100\n']);
    assert.deepEqual(m.map([['IBM', 75, 100]]), ['IBM-75.0-100\n']);
    const t = csvSinkMapper.create(sinkConfig(STOCK, { delimiter: '\\t' }));
    assert.deepEqual(t.map([['WSO2', f(57.6), 100]]), ['WSO2\t57.6\t100\n']);
  });

  test('@payload picks and orders columns (testCSVSinkmapperDefaultMappingWithSiddhiQL3, CustomMappingEventsWithDelimiterAndHeader, testCSVOutputCustomMapping)', () => {
    const m = csvSinkMapper.create(
      sinkConfig(
        STOCK,
        { delimiter: '-', header: 'true' },
        {
          keyed: new Map([
            ['symbol', '0'],
            ['price', '2'],
            ['volume', '1'],
          ]),
        },
      ),
    );
    assert.deepEqual(m.map([['WSO2#@$', f(55.6), 100]]), ['symbol-volume-price\n', 'WSO2#@$-100-55.6\n']);
    assert.deepEqual(m.map([[null, null, 100]]), ['null-100-null\n']);
    const two = csvSinkMapper.create(
      sinkConfig(
        STOCK,
        {},
        {
          keyed: new Map([
            ['symbol', '0'],
            ['volume', '1'],
          ]),
        },
      ),
    );
    assert.deepEqual(two.map([['IBM', f(75.6), 100]]), ['IBM,100\n']);
  });

  test('a group is one message with grouping on, one per event otherwise', () => {
    const g = csvSinkMapper.create(sinkConfig(STOCK, { 'event.grouping.enabled': 'true' }));
    assert.deepEqual(
      g.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['A,1.0,1\nB,2.0,2\n'],
    );
    const s = csvSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      s.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['A,1.0,1\n', 'B,2.0,2\n'],
    );
  });

  test('a non-integer index fails creation (testCSVOutputCustomMappingWithoutCSVWithDelimiterHeader1)', () => {
    assert.throws(
      () =>
        csvSinkMapper.create(
          sinkConfig(
            STOCK,
            {},
            {
              keyed: new Map([
                ['symbol', '0.5'],
                ['price', '2'],
                ['volume', '1'],
              ]),
            },
          ),
        ),
      /should be an Integer/,
    );
  });
});
