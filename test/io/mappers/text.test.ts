import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { textSourceMapper } from '../../../src/io/mappers/text-source.js';
import { textSinkMapper } from '../../../src/io/mappers/text-sink.js';
import type { SourceMapper } from '../../../src/io/mappers/mapper.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const f = Math.fround;
function run(m: SourceMapper, payloads: string[]): { events: unknown[][]; errors: string[] } {
  const rs = payloads.map((p) => m.map(p));
  return { events: rs.flatMap((r) => r.events), errors: rs.flatMap((r) => r.errors.map((e) => e.message)) };
}
const AB = { 'regex.A': '(\\w+)\\s([-.0-9]+)', 'regex.B': 'volume=([-0-9]+)' };

describe('text source mapper, default mapping', () => {
  test('key:value pairs in any order (defaultTextMapping, AttributeOrderDifferent)', () => {
    const m = textSourceMapper.create(sourceConfig(STOCK, { 'fail.on.missing.attribute': 'true' }));
    const r = run(m, ['symbol:"WSO2",\nprice:55.6,\nvolume:100', 'volume:10,\nsymbol:"IBM",\nprice:75.6']);
    assert.deepEqual(r.events, [
      ['WSO2', f(55.6), 100],
      ['IBM', f(75.6), 10],
    ]);
  });

  test('grouped events split on the delimiter line (testTextSourceMapperGroupedEvents, SingleEventForEventGroup)', () => {
    const m = textSourceMapper.create(sourceConfig(STOCK, { 'event.grouping.enabled': 'true' }));
    const r = run(m, [
      'symbol:"wso2",\nprice:55.6,\nvolume:200\n~~~~~~~~~~\nsymbol:"IBM",\nprice:75.6,\nvolume:100',
      'symbol:"IFS",\nprice:50.6,\nvolume:200',
    ]);
    assert.deepEqual(r.events, [
      ['wso2', f(55.6), 200],
      ['IBM', f(75.6), 100],
      ['IFS', f(50.6), 200],
    ]);
  });

  test('missing attributes and ungrouped groups drop the event (MissingAttribute, GroupedEventsWithoutEnable, CustomNewline)', () => {
    const missing = textSourceMapper.create(
      sourceConfig(STOCK, { 'event.grouping.enabled': 'true', delimiter: '####' }),
    );
    const r1 = run(missing, ['symbol:"wso2",\nprice:55.6\n####\nsymbol:"IBM",\nprice:75.6']);
    assert.deepEqual(r1.events, []);
    assert.equal(r1.errors.length, 2);
    const off = textSourceMapper.create(sourceConfig(STOCK, { 'event.grouping.enabled': 'false' }));
    const r2 = run(off, [
      'symbol:"wso2",\nprice:55.6,\nvolume:200\n~~~~~~~~~~\nsymbol:"IBM",\nprice:75.6,\nvolume:100',
    ]);
    assert.deepEqual(r2.events, []);
    assert.match(r2.errors[0] as string, /Incompatible data format/);
    const nl = textSourceMapper.create(
      sourceConfig(STOCK, { 'event.grouping.enabled': 'true', delimiter: '####', 'new.line.character': '\n\r' }),
    );
    assert.deepEqual(
      run(nl, ['symbol:"wso2",\nprice:55.6,\nvolume:200\n####\nsymbol:"IBM",\nprice:75.6,\nvolume:100']).events,
      [],
    );
  });

  test('a repeated attribute keeps its first value (testTextSourceMapperAttributeSameName)', () => {
    const m = textSourceMapper.create(sourceConfig(STOCK));
    const r = run(m, [
      'symbol:"wso2",\nprice:55.6,\nprice:58.6,\nvolume:200',
      'symbol:"IFS",\nprice:50.6,\nvolume:200,\nsymbol:"IBM"',
    ]);
    assert.deepEqual(r.events, [
      ['wso2', f(55.6), 200],
      ['IFS', f(50.6), 200],
    ]);
  });
});

describe('text source mapper, custom mapping', () => {
  test('regex groups (testTextCustomSourceMapper, OneRegex, DifferentEventOrder2, Mapper2)', () => {
    const m = textSourceMapper.create(sourceConfig(STOCK, AB, keyed({ symbol: 'A[1]', price: 'A[2]', volume: 'B' })));
    assert.deepEqual(run(m, ['wso2 55.6 volume=45', 'volume=45 IBM 75.6']).events, [
      ['wso2', f(55.6), 45],
      ['IBM', f(75.6), 45],
    ]);
    const one = textSourceMapper.create(
      sourceConfig(STOCK, { 'regex.A': '(\\w+)\\s([-.0-9]+):([-.0-9]+)' }, { positional: ['A[1]', 'A[2]', 'A[3]'] }),
    );
    assert.deepEqual(one.map('wso2 55.6:45').events, [['wso2', f(55.6), 45]]);
  });

  test('an unmatched regex gives null unless fail.on.missing.attribute; no regex drops (FailOnMissingFalse, NoRegex)', () => {
    const m = textSourceMapper.create(
      sourceConfig(
        STOCK,
        { ...AB, 'fail.on.missing.attribute': 'false' },
        keyed({ symbol: 'A[1]', price: 'A[2]', volume: 'B' }),
      ),
    );
    assert.deepEqual(m.map('55.6 volume=45').events, [[null, null, 45]]);
    const strict = textSourceMapper.create(
      sourceConfig(STOCK, AB, keyed({ symbol: 'A[1]', price: 'A[2]', volume: 'B' })),
    );
    assert.equal(strict.map('55.6 volume=45').errors.length, 1);
    const none = textSourceMapper.create(
      sourceConfig(STOCK, {}, keyed({ symbol: 'A[1]', price: 'A[2]', volume: 'A[3]' })),
    );
    const r = none.map('wso2 55.6:45');
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0]?.message as string, /Could not find machine regular expression group for A/);
  });

  test('multi-line regex and grouped custom events (sampleOnBinaryMessage, testTextCustomSourceMapperEventGroup)', () => {
    const m = textSourceMapper.create(
      sourceConfig(
        attrs('houseId int, maxVal float, minVal float, avgVal double'),
        { 'regex.A': 'houseId:([-.0-9]+),\nmaxVal:([-.0-9]+),\nminVal:([-.0-9]+),\navgVal:([-.0-9]+)' },
        keyed({ houseId: 'A[1]', maxVal: 'A[2]', minVal: 'A[3]', avgVal: 'A[4]' }),
      ),
    );
    assert.deepEqual(m.map(Buffer.from('houseId:1,\nmaxVal:100,\nminVal:0,\navgVal:55.5')).events, [[1, 100, 0, 55.5]]);
    const g = textSourceMapper.create(
      sourceConfig(
        STOCK,
        { 'event.grouping.enabled': 'true', 'regex.A': '(\\w+)\\s([-.0-9]+):([-.0-9]+)' },
        keyed({ symbol: 'A[1]', price: 'A[2]', volume: 'A[3]' }),
      ),
    );
    assert.deepEqual(g.map('wso2 55.6:45\n~~~~~~~~~~\nIBM 75.6:45\n').events, [
      ['wso2', f(55.6), 45],
      ['IBM', f(75.6), 45],
    ]);
  });
});

describe('text sink mapper', () => {
  test('default and custom mapping (testTextSinkMapperWithoutPayload, testTextSinkCustomMapping)', () => {
    const d = textSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(d.map([['WSO2', f(55.6), 100]]), ['symbol:"WSO2",\nprice:55.6,\nvolume:100']);
    assert.deepEqual(d.map([[null, null, 1]]), ['symbol:null,\nprice:null,\nvolume:1']);
    const c = textSinkMapper.create(sinkConfig(STOCK, {}, { template: 'Stock price of {{symbol}} is {{price}}' }));
    assert.deepEqual(c.map([['WSO2', f(55.6), 100]]), ['Stock price of WSO2 is 55.6']);
  });

  test('new.line.character is used as given (testTextSinkMapperNewLineCharacter)', () => {
    const m = textSinkMapper.create(sinkConfig(STOCK, { 'new.line.character': '\\n' }));
    assert.deepEqual(m.map([['WSO2', f(55.6), 10]]), ['symbol:"WSO2",\\nprice:55.6,\\nvolume:10']);
  });

  test('groups become one message only with event.grouping.enabled', () => {
    const g = textSinkMapper.create(
      sinkConfig(STOCK, { 'event.grouping.enabled': 'true' }, { template: 'P {{price}}' }),
    );
    assert.deepEqual(
      g.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['P 1.0\n~~~~~~~~~~\nP 2.0'],
    );
    assert.deepEqual(g.map([['A', 1, 1]]), ['P 1.0']);
    const dg = textSinkMapper.create(sinkConfig(STOCK, { 'event.grouping.enabled': 'true', delimiter: '###' }));
    assert.deepEqual(
      dg.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['symbol:"A",\nprice:1.0,\nvolume:1\n###\nsymbol:"B",\nprice:2.0,\nvolume:2'],
    );
    const n = textSinkMapper.create(
      sinkConfig(STOCK, { 'event.grouping.enabled': 'false', delimiter: '#######' }, { template: 'P {{price}}' }),
    );
    assert.deepEqual(
      n.map([
        ['A', 1, 1],
        ['B', 2, 2],
      ]),
      ['P 1.0', 'P 2.0'],
    );
  });

  test('unknown attributes fail creation (testTextSinkWrongMapping)', () => {
    assert.throws(
      () => textSinkMapper.create(sinkConfig(STOCK, {}, { template: 'Stock price of {{id}} is {{price}}' })),
      /\{\{id\}\} does not exist/,
    );
  });
});
