import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import avro from 'avsc';
import { avroSinkMapper } from '../../../src/io/mappers/avro-sink.js';
import { avroSourceMapper } from '../../../src/io/mappers/avro-source.js';
import { inMemoryBroker, ioHandles } from '../../../src/index.js';
import { startApp, waitFor } from '../helpers.js';
import { attrs, keyed, sinkConfig, sourceConfig } from './helpers.js';

const ALL = attrs('i int, l long, f float, d double, b bool, s string');
const ALL_SCHEMA = {
  type: 'record',
  name: 'all',
  fields: [
    { name: 'i', type: ['null', 'int'] },
    { name: 'l', type: ['null', 'long'] },
    { name: 'f', type: ['null', 'float'] },
    { name: 'd', type: ['null', 'double'] },
    { name: 'b', type: ['null', 'boolean'] },
    { name: 's', type: ['null', 'string'] },
  ],
};
const ALL_DEF = JSON.stringify(ALL_SCHEMA);
const allType = avro.Type.forSchema(ALL_SCHEMA as avro.Schema);

describe('avro source mapper', () => {
  test('default mapping reads every field of a record (encoded independently with avsc), nulls included', () => {
    const m = avroSourceMapper.create(sourceConfig(ALL, { 'schema.def': ALL_DEF }));
    const bytes = allType.toBuffer({ i: -7, l: 2 ** 40 + 3, f: 1.1, d: 2.25, b: true, s: 'héllo' });
    assert.deepEqual(m.map(bytes), { events: [[-7, 2 ** 40 + 3, Math.fround(1.1), 2.25, true, 'héllo']], errors: [] });
    const nulls = allType.toBuffer({ i: null, l: null, f: null, d: null, b: null, s: null });
    assert.deepEqual(m.map(new Uint8Array(nulls)), { events: [[null, null, null, null, null, null]], errors: [] });
  });

  test('an array-of-records schema is a batch: one event per record', () => {
    const schema = {
      type: 'array',
      items: {
        type: 'record',
        name: 'q',
        fields: [
          { name: 'sym', type: 'string' },
          { name: 'vol', type: 'long' },
        ],
      },
    };
    const m = avroSourceMapper.create(
      sourceConfig(attrs('sym string, vol long'), { 'schema.def': JSON.stringify(schema) }),
    );
    const bytes = avro.Type.forSchema(schema as avro.Schema).toBuffer([
      { sym: 'A', vol: 1 },
      { sym: 'B', vol: 2 },
    ]);
    assert.deepEqual(m.map(bytes), {
      events: [
        ['A', 1],
        ['B', 2],
      ],
      errors: [],
    });
  });

  test('custom mapping reads nested paths and transport properties', () => {
    const schema = {
      type: 'record',
      name: 'user',
      fields: [
        { name: 'username', type: 'string' },
        { name: 'address', type: { type: 'record', name: 'addr', fields: [{ name: 'city', type: 'string' }] } },
      ],
    };
    const m = avroSourceMapper.create(
      sourceConfig(
        attrs('name string, city string, origin string'),
        { 'schema.def': JSON.stringify(schema) },
        keyed({ name: 'username', city: '$.address.city', origin: 'trp:origin' }),
      ),
    );
    const bytes = avro.Type.forSchema(schema as avro.Schema).toBuffer({ username: 'ann', address: { city: 'Oslo' } });
    assert.deepEqual(m.map(bytes, new Map([['origin', 'eu']])), { events: [['ann', 'Oslo', 'eu']], errors: [] });
  });

  test('malformed payloads are errors naming the problem, never exceptions', () => {
    const m = avroSourceMapper.create(sourceConfig(ALL, { 'schema.def': ALL_DEF }));
    const good = allType.toBuffer({ i: 1, l: 2, f: 3, d: 4, b: false, s: 'x' });
    const truncated = m.map(good.subarray(0, 4));
    assert.equal(truncated.events.length, 0);
    assert.match(truncated.errors[0]!.message, /cannot be read with schema all: truncated buffer/);
    assert.match(m.map(Buffer.concat([good, Buffer.from([9])])).errors[0]!.message, /trailing data/);
    assert.match(m.map('not bytes').errors[0]!.message, /Expected byte array, but found string/);
    // A record that does not fit the stream: a long too big for an int attribute.
    const wide = avroSourceMapper.create(
      sourceConfig(attrs('n int'), {
        'schema.def': '{"type":"record","name":"w","fields":[{"name":"n","type":"long"}]}',
      }),
    );
    const r = wide.map(
      avro.Type.forSchema({ type: 'record', name: 'w', fields: [{ name: 'n', type: 'long' }] } as avro.Schema).toBuffer(
        { n: 2 ** 33 },
      ),
    );
    assert.equal(r.events.length, 0);
    assert.match(r.errors[0]!.message, /Value 8589934592 of 'n' is not compatible with type INT/);
  });

  test('a field the stream lacks drops the message; a missing attribute is null unless fail.on.missing.attribute', () => {
    const def = '{"type":"record","name":"p","fields":[{"name":"a","type":"string"},{"name":"extra","type":"int"}]}';
    const bytes = avro.Type.forSchema(JSON.parse(def) as avro.Schema).toBuffer({ a: 'x', extra: 1 });
    const strict = avroSourceMapper.create(sourceConfig(attrs('a string, b int'), { 'schema.def': def }));
    assert.match(strict.map(bytes).errors[0]!.message, /does not have an attribute named "extra"/);
    const def2 = '{"type":"record","name":"p","fields":[{"name":"a","type":"string"}]}';
    const bytes2 = avro.Type.forSchema(JSON.parse(def2) as avro.Schema).toBuffer({ a: 'x' });
    assert.match(
      avroSourceMapper.create(sourceConfig(attrs('a string, b int'), { 'schema.def': def2 })).map(bytes2).errors[0]!
        .message,
      /has no field 'b'/,
    );
    const lenient = avroSourceMapper.create(
      sourceConfig(attrs('a string, b int'), { 'schema.def': def2, 'fail.on.missing.attribute': 'false' }),
    );
    assert.deepEqual(lenient.map(bytes2), { events: [['x', null]], errors: [] });
  });

  test('bad configurations are refused at creation', () => {
    assert.throws(
      () => avroSourceMapper.create(sourceConfig(ALL, { 'schema.def': '{"type":"record"' })),
      /the schema is not JSON/,
    );
    assert.throws(
      () => avroSourceMapper.create(sourceConfig(ALL, { 'schema.def': '{"type":"recrd","name":"x"}' })),
      /invalid Avro schema/,
    );
    assert.throws(
      () => avroSourceMapper.create(sourceConfig(ALL, { 'schema.def': '"string"' })),
      /must be a record or an array of records/,
    );
    assert.throws(
      () => avroSourceMapper.create(sourceConfig(ALL, { 'schema.registry': 'http://x', 'schema.id': '1' })),
      /schema\.registry \/ schema\.id are not supported/,
    );
    assert.throws(
      () => avroSourceMapper.create(sourceConfig(attrs('o object'))),
      /attribute 'o' of type OBJECT has no Avro type/,
    );
  });
});

describe('avro sink mapper', () => {
  test('default mapping encodes each event as a record that avsc decodes to the exact values', () => {
    const m = avroSinkMapper.create(sinkConfig(ALL, { 'schema.def': ALL_DEF }));
    const out = m.map(
      [
        [5, 2 ** 50, Math.fround(0.1), 0.1, false, 'a'],
        [null, null, null, null, null, null],
      ],
      true,
    );
    assert.equal(out.length, 2);
    assert.deepEqual(
      { ...allType.fromBuffer(out[0] as Buffer) },
      { i: 5, l: 2 ** 50, f: Math.fround(0.1), d: 0.1, b: false, s: 'a' },
    );
    assert.deepEqual(
      { ...allType.fromBuffer(out[1] as Buffer) },
      { i: null, l: null, f: null, d: null, b: null, s: null },
    );
  });

  test('without a schema a flat record of the attributes is generated (Siddhi); @payload builds custom records', () => {
    const flat = avroSinkMapper.create(sinkConfig(attrs('sym string, price float, vol long')));
    const generated = avro.Type.forSchema({
      type: 'record',
      name: 'BarStream',
      fields: [
        { name: 'sym', type: 'string' },
        { name: 'price', type: 'float' },
        { name: 'vol', type: 'long' },
      ],
    } as avro.Schema);
    assert.deepEqual(
      { ...generated.fromBuffer(flat.map([['IBM', Math.fround(75.5), 10]])[0] as Buffer) },
      { sym: 'IBM', price: 75.5, vol: 10 },
    );
    const def =
      '{"type":"record","name":"quote","fields":[{"name":"Symbol","type":"string"},{"name":"Price","type":"float"},{"name":"Note","type":"string","default":"none"}]}';
    const custom = avroSinkMapper.create(
      sinkConfig(
        attrs('sym string, price float, vol long'),
        { 'schema.def': def },
        { template: '{"Symbol":"{{sym}}","Price":{{price}},"Note":"n"}' },
      ),
    );
    const t = avro.Type.forSchema(JSON.parse(def) as avro.Schema);
    assert.deepEqual(
      { ...t.fromBuffer(custom.map([['WSO2', Math.fround(55.5), 1]])[0] as Buffer) },
      { Symbol: 'WSO2', Price: 55.5, Note: 'n' },
    );
    // A field with no attribute of its name takes its default.
    const defaults = avroSinkMapper.create(sinkConfig(attrs('Symbol string, Price float'), { 'schema.def': def }));
    assert.deepEqual(
      { ...t.fromBuffer(defaults.map([['X', 1]])[0] as Buffer) },
      { Symbol: 'X', Price: 1, Note: 'none' },
    );
  });

  test('an array schema makes a group one message; events that do not fit are dropped and reported', () => {
    const def =
      '{"type":"array","items":{"type":"record","name":"q","fields":[{"name":"sym","type":"string"},{"name":"vol","type":"int"}]}}';
    const errors: string[] = [];
    const m = avroSinkMapper.create(sinkConfig(attrs('sym string, vol int'), { 'schema.def': def }, undefined, errors));
    const out = m.map(
      [
        ['A', 1],
        ['B', 2],
      ],
      true,
    );
    assert.equal(out.length, 1);
    assert.deepEqual(
      avro.Type.forSchema(JSON.parse(def) as avro.Schema)
        .fromBuffer(out[0] as Buffer)
        .map((r: object) => ({ ...r })),
      [
        { sym: 'A', vol: 1 },
        { sym: 'B', vol: 2 },
      ],
    );
    const single = avroSinkMapper.create(
      sinkConfig(
        attrs('sym string, vol int'),
        { 'schema.def': def.replace(/^\{"type":"array","items":/, '').slice(0, -1) },
        undefined,
        errors,
      ),
    );
    assert.deepEqual(single.map([['A', null]]), []);
    assert.match(errors[0]!, /\["A",null\] does not fit the Avro schema: field 'vol': null is not a int/);
  });
});

describe('avro over inMemory', () => {
  test('round trip: events published as Avro bytes come back with exact values; a malformed message is logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-avro-'));
    const schemaFile = join(dir, 'all.avsc');
    writeFileSync(schemaFile, ALL_DEF);
    const app = await startApp(
      `@App:name('AvroRoundTrip')
       define stream In (i int, l long, f float, d double, b bool, s string);
       @sink(type='inMemory', topic='avro-all', @map(type='avro', schema.def="""${ALL_DEF}"""))
       define stream Out (i int, l long, f float, d double, b bool, s string);
       @source(type='inMemory', topic='avro-all', @map(type='avro', schema.path='${schemaFile}'))
       define stream Back (i int, l long, f float, d double, b bool, s string);
       from In select * insert into Out;`,
      ['Back'],
    );
    try {
      const seen: unknown[] = [];
      const unsubscribe = inMemoryBroker.subscribe('avro-all', (m) => seen.push(m));
      const h = app.runtime.getInputHandler('In');
      h.send([2147483647, 4503599627370497, 3.4028234663852886e38, -1.5e-300, true, 'ünïcode ✓']);
      h.send([null, null, null, null, null, null]);
      h.send([-1, -2, 0.5, 0, false, '']);
      unsubscribe();
      assert.ok(
        seen.every((m) => Buffer.isBuffer(m)),
        JSON.stringify(app.lines),
      );
      assert.equal(app.events.length, 3, JSON.stringify(app.lines));
      assert.deepEqual(app.events, [
        [2147483647, 4503599627370497, 3.4028234663852886e38, -1.5e-300, true, 'ünïcode ✓'],
        [null, null, null, null, null, null],
        [-1, -2, 0.5, 0, false, ''],
      ]);
      inMemoryBroker.publish('avro-all', Buffer.from([0x02, 0xff]));
      const src = ioHandles('AvroRoundTrip')!.sources[0]!;
      await waitFor(() => src.counters.errors === 1, 'the malformed message');
      assert.ok(app.lines.some((l) => l.level === 'error' && /cannot be read with schema all/.test(l.msg)));
      assert.equal(app.events.length, 3);
    } finally {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('avro over HTTP: the http sink posts the bytes, the http source hands them to the mapper unchanged', async () => {
    const receiver = await startApp(
      `@App:name('AvroHttpIn')
       @source(type='http', receiver.url='http://127.0.0.1:0/avro', @map(type='avro', schema.def="""${ALL_DEF}"""))
       define stream Got (i int, l long, f float, d double, b bool, s string);`,
      ['Got'],
    );
    const url = ioHandles('AvroHttpIn')!.sources[0]!.endpoint!;
    const sender = await startApp(
      `@App:name('AvroHttpOut')
       @sink(type='http', publisher.url='${url}', @map(type='avro', schema.def="""${ALL_DEF}"""))
       define stream Send (i int, l long, f float, d double, b bool, s string);`,
    );
    try {
      sender.runtime.getInputHandler('Send').send([1, 2, 0.25, 1e-9, true, 'ÿ\u0000þ']);
      await waitFor(() => receiver.events.length === 1, 'the avro event over HTTP');
      assert.deepEqual(receiver.events, [[1, 2, 0.25, 1e-9, true, 'ÿ\u0000þ']]);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'avro/binary' },
        body: new Uint8Array([0x02]),
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /cannot be read with schema all/);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });
});
