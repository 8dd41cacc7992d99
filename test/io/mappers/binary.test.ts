import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { binarySinkMapper } from '../../../src/io/mappers/binary-sink.js';
import { binarySourceMapper } from '../../../src/io/mappers/binary-source.js';
import { MapperConfigError, type SinkMapper } from '../../../src/io/mappers/mapper.js';
import { encodeFrame } from '../../../src/io/transports/tcp/tcp-frame.js';
import { ioCounters, ioHandles, SiddhiManager, memoryLogger, type LogLine } from '../../../src/index.js';
import { endpointOf, startApp, waitFor } from '../helpers.js';
import { attrs, keyed, sinkConfig, sourceConfig, STOCK } from './helpers.js';

const ALL = attrs('s string, i int, l long, f float, d double, b bool, o object');

/** siddhi-map-binary's layout, written out field by field (big-endian, as Java's ByteBuffer). */
class Bytes {
  private readonly parts: Buffer[] = [];
  int(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v);
    return this.push(b);
  }
  long(v: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigInt64BE(v);
    return this.push(b);
  }
  float(v: number): this {
    const b = Buffer.alloc(4);
    b.writeFloatBE(v);
    return this.push(b);
  }
  double(v: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return this.push(b);
  }
  byte(v: number): this {
    return this.push(Buffer.from([v]));
  }
  string(v: string): this {
    const b = Buffer.from(v, 'utf8');
    return this.int(b.length).push(b);
  }
  push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  get buffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function sink(attributes = ALL, errors?: string[]): SinkMapper {
  return binarySinkMapper.create(sinkConfig(attributes, {}, undefined, errors));
}

function source(attributes = ALL) {
  return binarySourceMapper.create(sourceConfig(attributes));
}

/** One event of ALL: ('héllo', -7, 2^40 + 5, 1.5, -2.25, true, {x: 1}) at 1700000000123. */
const ONE_ALL = new Bytes()
  .int(1)
  .long(1700000000123n)
  .string('héllo')
  .int(-7)
  .long(2n ** 40n + 5n)
  .float(1.5)
  .double(-2.25)
  .byte(1)
  .int(0).buffer;

describe('binary sink mapper', () => {
  test("writes siddhi-map-binary's bytes: symbol string, price float, volume long", () => {
    const [out, ...more] = sink(STOCK).map([['WSO2', 55.5, 100]], false, [1]);
    assert.equal(more.length, 0);
    // count 1 | timestamp 1 | "WSO2" as length 4 + bytes | 55.5f | 100L
    assert.equal(
      Buffer.from(out as Uint8Array).toString('hex'),
      '00000001' + '0000000000000001' + '00000004' + '57534f32' + '425e0000' + '0000000000000064',
    );
  });

  test('every attribute type, in stream order; an object is 4 zero bytes', () => {
    const [out] = sink().map([['héllo', -7, 2 ** 40 + 5, 1.5, -2.25, true, { x: 1 }]], false, [1700000000123]);
    assert.deepEqual(out, ONE_ALL);
    const [f] = sink(attrs('b bool, n long')).map([[false, -1]], false, [0]);
    assert.deepEqual(f, new Bytes().int(1).long(0n).byte(0).long(-1n).buffer);
  });

  test('the events of a chunk make one message; a null string goes as length 0', () => {
    const m = sink(attrs('name string, n int'));
    const out = m.map(
      [
        ['a', 1],
        [null, 2],
        ['', 3],
      ],
      true,
      [10, 20, 30],
    );
    const expected = new Bytes()
      .int(3)
      .long(10n)
      .string('a')
      .int(1)
      .long(20n)
      .int(0)
      .int(2)
      .long(30n)
      .int(0)
      .int(3).buffer;
    assert.deepEqual(out, [expected]);
  });

  test('longs beyond 2^53 and bigint longs are written as int64', () => {
    const [out] = sink(attrs('n long, m long, k long')).map([[-(2 ** 53) - 2, 2 ** 62, 2n ** 63n - 1n]], false, [-1]);
    assert.deepEqual(
      out,
      new Bytes()
        .int(1)
        .long(-1n)
        .long(-(2n ** 53n) - 2n)
        .long(2n ** 62n)
        .long(2n ** 63n - 1n).buffer,
    );
  });

  test('an event with a null the format cannot carry is left out and reported; the rest are sent', () => {
    const errors: string[] = [];
    const m = sink(attrs('name string, n int, p double'), errors);
    const out = m.map(
      [
        ['a', 1, 1.5],
        ['b', null, 2.5],
        ['c', 3, null],
        ['d', 2 ** 31, 0],
        ['e', 1.5, 0],
      ],
      true,
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(out, [new Bytes().int(1).long(1n).string('a').int(1).double(1.5).buffer]);
    assert.equal(errors.length, 4);
    assert.match(errors[0]!, /dropped event \["b",null,2\.5\]: its 'n' \(int\) is null, which the format cannot carry/);
    assert.match(errors[1]!, /its 'p' \(double\) is null/);
    assert.match(errors[2]!, /its 'n' \(int\) is 2147483648, not a int/);
    assert.match(errors[3]!, /its 'n' \(int\) is 1\.5, not a int/);
    assert.deepEqual(m.map([['x', null, 1]], false, [1]), []);
    assert.equal(errors.length, 5);
  });

  test('@payload is rejected, as siddhi-map-binary does', () => {
    assert.throws(
      () => binarySinkMapper.create(sinkConfig(STOCK, {}, { template: '{{symbol}}' })),
      (e: unknown) => e instanceof MapperConfigError && /does not support @payload/.test(e.message),
    );
  });
});

describe('binary source mapper', () => {
  test('reads every attribute type and keeps the timestamp', () => {
    assert.deepEqual(source().map(ONE_ALL), {
      events: [['héllo', -7, 2 ** 40 + 5, 1.5, -2.25, true, null]],
      errors: [],
      timestamps: [1700000000123],
    });
  });

  test('several events in one message; length 0 is null; a bool byte other than 1 is false', () => {
    const bytes = new Bytes().int(2).long(-1n).string('').byte(1).long(5n).string('zz').byte(2).buffer;
    assert.deepEqual(source(attrs('s string, b bool')).map(new Uint8Array(bytes)), {
      events: [
        [null, true],
        ['zz', false],
      ],
      errors: [],
      timestamps: [-1, 5],
    });
    assert.deepEqual(source(attrs('s string')).map(new Bytes().int(0).buffer), {
      events: [],
      errors: [],
      timestamps: [],
    });
  });

  test('round trip through the sink: floats are 32 bits, longs exact to 2^53', () => {
    const errors: string[] = [];
    const events = [
      ['A', -3, 2 ** 53 - 1, 0.1, 1e300, false, null],
      ['ü€😀', 2 ** 31 - 1, -(2 ** 53) + 1, -0, Number.MIN_VALUE, true, new Map()],
    ];
    const [msg, ...more] = sink(ALL, errors).map(events, true, [1, 2 ** 41]);
    assert.deepEqual([more, errors], [[], []]);
    const back = source().map(msg);
    assert.deepEqual(back, {
      events: [
        ['A', -3, 2 ** 53 - 1, Math.fround(0.1), 1e300, false, null],
        ['ü€😀', 2 ** 31 - 1, -(2 ** 53) + 1, -0, Number.MIN_VALUE, true, null],
      ],
      errors: [],
      timestamps: [1, 2 ** 41],
    });
  });

  test('a short or malformed message is dropped whole with a reason, never thrown', () => {
    const m = source(STOCK);
    const event = (b: Bytes): Bytes => b.long(7n).string('IBM').float(1).long(2n);
    const cases: [Buffer | string, RegExp][] = [
      [
        Buffer.alloc(0),
        /of 0 bytes .* malformed: the event count needs 4 bytes from byte 0, but the message ends at byte 0/,
      ],
      [Buffer.from([0, 0, 1]), /the event count needs 4 bytes/],
      [new Bytes().int(-1).buffer, /its event count is negative \(-1\)/],
      [event(new Bytes().int(2)).buffer, /the timestamp of event 2 of 2 needs 8 bytes from byte 31/],
      [
        new Bytes().int(1).long(7n).string('IBM').float(1).int(0).buffer,
        /attribute 'volume' \(long\) of event 1 of 1 needs 8/,
      ],
      [
        new Bytes().int(1).long(7n).int(-5).buffer,
        /attribute 'symbol' \(string\) of event 1 of 1 has a negative length \(-5\)/,
      ],
      [
        new Bytes().int(1).long(7n).int(1000).push(Buffer.from('IBM')).buffer,
        /'symbol' .* needs 1000 bytes from byte 16/,
      ],
      [event(new Bytes().int(1)).byte(0).byte(9).buffer, /2 bytes are left after its 1 events/],
      ['not bytes', /expected the bytes of a binary message, but found string/],
    ];
    for (const [payload, reason] of cases) {
      const r = m.map(payload);
      assert.deepEqual(r.events, [], reason.source);
      assert.equal(r.errors.length, 1, reason.source);
      assert.match(r.errors[0]!.message, /^binary message.* for stream 'FooStream' is malformed: /);
      assert.match(r.errors[0]!.message, reason);
      assert.equal(r.errors[0]!.payload, payload);
    }
  });

  test('custom mapping is rejected, as siddhi-map-binary does', () => {
    assert.throws(
      () => binarySourceMapper.create(sourceConfig(STOCK, {}, keyed({ symbol: 'a' }))),
      (e: unknown) => e instanceof MapperConfigError && /does not support custom mapping/.test(e.message),
    );
  });
});

describe('binary over tcp', () => {
  test('a tcp sink with @map binary feeds a tcp source with @map binary: events, timestamps, one message per chunk', async () => {
    const receiver = await startApp(
      `@App:name('BinIn1') @source(type='tcp', context='Home', host='127.0.0.1', port='0', @map(type='binary'))
       define stream S (id string, value float, on bool, plug int, at long, v double, o object);`,
      ['S'],
    );
    const stamps: number[] = [];
    receiver.runtime.addStreamCallback('S', (events) => {
      for (const e of events) stamps.push(e.timestamp);
    });
    const sender = await startApp(
      `@App:name('BinOut1') define stream In (id string, value float, on bool, plug int, at long, v double, o object);
       @sink(type='tcp', url='${endpointOf(receiver)}', @map(type='binary'))
       define stream Out (id string, value float, on bool, plug int, at long, v double, o object);
       from In select * insert into Out;`,
    );
    try {
      await ioHandles('BinOut1')!.sinks[0]!.whenConnected();
      const h = sender.runtime.getInputHandler('In');
      h.send(1000, ['plug-1', 0.1, true, 7, 2 ** 50, -1.25, { any: 'thing' }]);
      h.send([
        { timestamp: 2000, data: ['plug-2', 2.5, false, -1, 0, 1e-9, null] },
        { timestamp: 3000, data: [null, -0.5, true, 2 ** 31 - 1, -(2 ** 40), 0, null] },
      ]);
      await waitFor(() => receiver.events.length === 3, 'three events');
      assert.deepEqual(receiver.events, [
        ['plug-1', Math.fround(0.1), true, 7, 2 ** 50, -1.25, null],
        ['plug-2', 2.5, false, -1, 0, 1e-9, null],
        [null, -0.5, true, 2 ** 31 - 1, -(2 ** 40), 0, null],
      ]);
      assert.deepEqual(stamps, [1000, 2000, 3000]);
      assert.equal(ioCounters('BinIn1')[0]!.messages, 2);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });

  test('a malformed binary message is logged as hex and dropped; the source keeps serving', async () => {
    const receiver = await startApp(
      `@App:name('BinIn2') @source(type='tcp', context='Q', host='127.0.0.1', port='0', @map(type='binary'))
       define stream S (sym string, n int);`,
      ['S'],
    );
    try {
      const port = Number(new URL(endpointOf(receiver)).port);
      const c = connect({ host: '127.0.0.1', port });
      c.on('error', () => undefined);
      await new Promise<void>((r) => c.once('connect', () => r()));
      const short = new Bytes().int(2).long(1n).string('A').int(1).buffer;
      const good = new Bytes().int(1).long(5n).string('B').int(2).buffer;
      c.write(encodeFrame({ session: 'x', context: 'Q', message: short }));
      c.write(encodeFrame({ session: 'x', context: 'Q', message: good }));
      await waitFor(() => receiver.events.length === 1, 'the good event');
      assert.deepEqual(receiver.events, [['B', 2]]);
      const line = receiver.lines.find((l) => /dropped a message/.test(l.msg));
      assert.ok(line, 'the drop is logged');
      assert.match(line.msg, /the timestamp of event 2 of 2 needs 8 bytes/);
      assert.equal(line['payload'], `0x${short.toString('hex')}`);
      assert.equal(ioCounters('BinIn2')[0]!.errors, 1);
      c.destroy();
    } finally {
      await receiver.stop();
    }
  });

  test("a null the format cannot carry is reported by the sink; the chunk's other events go", async () => {
    const receiver = await startApp(
      `@App:name('BinIn3') @source(type='tcp', context='N', host='127.0.0.1', port='0', @map(type='binary'))
       define stream S (sym string, n int);`,
      ['S'],
    );
    const lines: LogLine[] = [];
    const manager = new SiddhiManager({ logger: memoryLogger(lines) });
    const sender = manager.createSiddhiAppRuntime(
      `@App:name('BinOut3') define stream In (sym string, n int);
       @sink(type='tcp', url='${endpointOf(receiver)}', @map(type='binary')) define stream Out (sym string, n int);
       from In select * insert into Out;`,
    );
    sender.start();
    try {
      await ioHandles('BinOut3')!.sinks[0]!.whenConnected();
      sender.getInputHandler('In').send([{ data: ['a', 1] }, { data: ['b', null] }, { data: ['c', 3] }]);
      await waitFor(() => receiver.events.length === 2, 'the two events');
      assert.deepEqual(receiver.events, [
        ['a', 1],
        ['c', 3],
      ]);
      assert.ok(lines.some((l) => /dropped event \["b",null\]: its 'n' \(int\) is null/.test(l.msg)));
    } finally {
      await manager.shutdown();
      await receiver.stop();
    }
  });
});
