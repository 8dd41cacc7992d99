import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keyValueSourceMapper } from '../../../src/io/mappers/keyvalue-source.js';
import { keyValueSinkMapper } from '../../../src/io/mappers/keyvalue-sink.js';
import { passThroughSinkMapper, passThroughSourceMapper } from '../../../src/io/mappers/pass-through.js';
import { sourceMappers, sinkMappers, findSourceMapper } from '../../../src/io/mappers/index.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const f = Math.fround;

describe('keyvalue source mapper', () => {
  test('a missing value drops the map (keyvalueSourceMapperDefaultTest2)', () => {
    const m = keyValueSourceMapper.create(sourceConfig(STOCK));
    const rs = [
      { symbol: 'IBM', volume: 100 },
      { price: 50.0, volume: 100 },
      { symbol: 'WSO2', price: 50.0, volume: 100 },
    ].map((p) => m.map(p));
    assert.deepEqual(
      rs.flatMap((r) => r.events),
      [['WSO2', 50, 100]],
    );
    assert.match(
      rs[0]?.errors[0]?.message as string,
      /has an attribute named "price", but the received event .* does not has a value/,
    );
  });

  test("fail.on.missing.attribute='false' and non-map payloads (keyvalueSourceMapperDefaultTest3)", () => {
    const m = keyValueSourceMapper.create(sourceConfig(STOCK, { 'fail.on.missing.attribute': 'false' }));
    const rs = [
      { symbol: null, price: 55.6, volume: 100 },
      { symbol: 'WSO2', price: null, volume: 100 },
      { price: 50.0, volume: 100 },
      'price: 40,volume: 100, price 55.6',
    ].map((p) => m.map(p));
    assert.deepEqual(
      rs.flatMap((r) => r.events),
      [
        [null, f(55.6), 100],
        ['WSO2', null, 100],
        [null, 50, 100],
      ],
    );
    assert.match(rs[3]?.errors[0]?.message as string, /Expected Map, but found string/);
  });

  test('custom keys (keyvalueSourceMapperCustomTest2) and Map payloads', () => {
    const m = keyValueSourceMapper.create(
      sourceConfig(STOCK, { 'fail.on.missing.attribute': 'false' }, keyed({ symbol: 's', price: 'p', volume: 'v' })),
    );
    assert.deepEqual(m.map({ p: 55.678, v: 100 }).events, [[null, f(55.678), 100]]);
    assert.deepEqual(
      m.map(
        new Map<string, unknown>([
          ['s', 'A'],
          ['p', 1],
          ['v', 2],
        ]),
      ).events,
      [['A', 1, 2]],
    );
  });

  test('exact types unless implicit.cast.enable', () => {
    const typed = attrs('symbol string, volume int, state bool');
    const strict = keyValueSourceMapper.create(sourceConfig(typed));
    assert.match(
      strict.map({ symbol: 'A', volume: 1.5, state: true }).errors[0]?.message as string,
      /Value 1.5 is not compatible with type INT/,
    );
    assert.equal(strict.map({ symbol: 'A', volume: '10', state: true }).errors.length, 1);
    const cast = keyValueSourceMapper.create(sourceConfig(typed, { 'implicit.cast.enable': 'true' }));
    assert.deepEqual(cast.map({ symbol: 5, volume: '10', state: 'TRUE' }).events, [['5', 10, true]]);
  });
});

describe('keyvalue sink mapper', () => {
  test('default maps attribute names to values (keyvalueSinkMapperDefaultTestCase2)', () => {
    const m = keyValueSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(
      m.map([
        ['WSO2', null, 100],
        [null, 50, 100],
      ]),
      [
        { symbol: 'WSO2', price: null, volume: 100 },
        { symbol: null, price: 50, volume: 100 },
      ],
    );
  });

  test('@payload keys: attribute names give values, templates give text (keyvalueSinkMapperCustomTestCase1, 5)', () => {
    const m = keyValueSinkMapper.create(
      sinkConfig(
        STOCK,
        {},
        {
          keyed: new Map([
            ['a', '{{symbol}}'],
            ['b', 'symbol'],
            ['c', '{{price}}'],
            ['d', 'price'],
          ]),
        },
      ),
    );
    assert.deepEqual(m.map([['WSO2', f(55.6), 100]]), [{ a: 'WSO2', b: 'WSO2', c: '55.6', d: f(55.6) }]);
  });

  test('an unnamed @payload template is published under the key "null", as Siddhi puts it under the null key', () => {
    const m = keyValueSinkMapper.create(sinkConfig(STOCK, {}, { template: 'now {{symbol}} at {{volume}}' }));
    assert.deepEqual(
      m.map([
        ['ACME', f(1.5), 7],
        [null, null, 8],
      ]),
      [{ null: 'now ACME at 7' }, { null: 'now null at 8' }],
    );
  });
});

describe('passThrough mappers and the registry', () => {
  test('passThrough source takes data arrays, {data} objects or arrays of them', () => {
    const m = passThroughSourceMapper.create(sourceConfig(STOCK));
    assert.deepEqual(m.map(['A', 1, 2]).events, [['A', 1, 2]]);
    assert.deepEqual(m.map([{ data: ['A', 1, 2] }, ['B', 3, 4]]).events, [
      ['A', 1, 2],
      ['B', 3, 4],
    ]);
    assert.match(m.map(['A', 1]).errors[0]?.message as string, /an array of 3 values/);
  });

  test('passThrough sink publishes data arrays', () => {
    const m = passThroughSinkMapper.create(sinkConfig(STOCK));
    assert.deepEqual(m.map([['A', 1, 2]]), [['A', 1, 2]]);
    assert.deepEqual(
      m.map([
        ['A', 1, 2],
        ['B', 3, 4],
      ]),
      [
        [
          ['A', 1, 2],
          ['B', 3, 4],
        ],
      ],
    );
  });

  test('every mapper has a spec of its kind; lookup is case-insensitive', () => {
    assert.deepEqual(
      sourceMappers.map((m) => m.spec.name),
      ['json', 'xml', 'csv', 'text', 'keyvalue', 'passThrough', 'avro', 'binary', 'binaryPassThrough'],
    );
    assert.ok(sourceMappers.every((m) => m.spec.kind === 'sourceMapper' && m.spec.namespace === ''));
    assert.ok(sinkMappers.every((m) => m.spec.kind === 'sinkMapper' && m.spec.description.length > 0));
    assert.equal(findSourceMapper('JSON')?.spec.name, 'json');
  });
});
