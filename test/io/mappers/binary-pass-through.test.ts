import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  binaryPassThroughSinkMapper,
  binaryPassThroughSourceMapper,
} from '../../../src/io/mappers/binary-pass-through.js';
import { MapperConfigError, takesBytes } from '../../../src/io/mappers/mapper.js';
import { attrs, keyed, sinkConfig, sourceConfig } from './helpers.js';

const CHUNKS = attrs('buffer object, eof bool, fileName string, sequenceNumber int, length int');
const TRP = keyed({
  buffer: '0',
  eof: 'trp:eof',
  fileName: 'trp:file.name',
  sequenceNumber: 'trp:sequence.number',
  length: 'trp:content.length',
});

describe('binaryPassThrough source mapper', () => {
  test('puts the bytes in the first attribute and the trp: properties in the others', () => {
    const m = binaryPassThroughSourceMapper.create(sourceConfig(CHUNKS, {}, TRP));
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const props = new Map<string, unknown>([
      ['eof', 'true'],
      ['file.name', 'apache.bin'],
      ['sequence.number', '3'],
      ['content.length', '131077'],
    ]);
    const r = m.map(bytes, props);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.events, [[bytes, true, 'apache.bin', 3, 131077]]);
    assert.equal(r.events[0]![0], bytes, 'the bytes are passed through, not copied');
  });

  test('without @attributes the other attributes are null; the message bytes come raw from byte transports', () => {
    const m = binaryPassThroughSourceMapper.create(sourceConfig(attrs('buffer object, note string')));
    assert.deepEqual(m.map(new Uint8Array([7])).events, [[new Uint8Array([7]), null]]);
    assert.equal(takesBytes('binaryPassThrough'), true);
  });

  test('a message that is not bytes, or lacks a mapped transport property, is dropped and reported', () => {
    const m = binaryPassThroughSourceMapper.create(sourceConfig(CHUNKS, {}, TRP));
    assert.deepEqual(m.map('text', new Map([['eof', 'true']])), {
      events: [],
      errors: [{ message: 'Event object must be bytes, but found string', payload: 'text' }],
    });
    const r = m.map(Buffer.from([1]), new Map([['eof', 'true']]));
    assert.deepEqual(r.events, []);
    assert.match(r.errors[0]!.message, /Transport property 'file\.name' for attribute 'fileName' is missing/);
  });

  test('the first attribute must be an object to hold the bytes', () => {
    assert.throws(
      () => binaryPassThroughSourceMapper.create(sourceConfig(attrs('name string, buffer object'))),
      (e: Error) =>
        e instanceof MapperConfigError &&
        e.message ===
          "'binaryPassThrough' puts the bytes in the first attribute of stream 'FooStream', which must be of type object, not string ('name')",
    );
  });
});

describe('binaryPassThrough sink mapper', () => {
  test("publishes each event's bytes as one message; an event without bytes is reported", () => {
    const errors: string[] = [];
    const m = binaryPassThroughSinkMapper.create(sinkConfig(attrs('buffer object'), {}, undefined, errors));
    const a = Buffer.from('abc');
    const b = new Uint8Array([0, 255]);
    assert.deepEqual(m.map([[a], ['not bytes'], [b]], true), [a, b]);
    assert.deepEqual(errors, ["'binaryPassThrough' publishes the bytes of the first attribute, but it holds string"]);
  });

  test('the first attribute must be an object', () => {
    assert.throws(
      () => binaryPassThroughSinkMapper.create(sinkConfig(attrs('n int'))),
      /'binaryPassThrough' publishes the bytes in the first attribute of stream 'BarStream', which must be of type object, not int \('n'\)/,
    );
  });
});
