import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { ioCounters, ioHandles } from '../../src/index.js';
import { encodeFrame, FrameReader } from '../../src/io/transports/tcp/tcp-frame.js';
import { endpointOf, freePort, startApp, waitFor } from './helpers.js';

describe('tcp frames', () => {
  test("byte for byte siddhi-io-tcp's MessageEncoder layout", () => {
    const message = Buffer.from([0, 0, 0, 1, 0xff]);
    const frame = encodeFrame({ session: 'uuid-127.0.0.1:9892', context: 'inputStream', message });
    // protocol 2 | int32 size of the rest | int32 19 'uuid-127.0.0.1:9892' | int32 11 'inputStream' | int32 5 bytes
    const expected = Buffer.concat([
      Buffer.from([2, 0, 0, 0, 4 + 19 + 4 + 11 + 4 + 5]),
      Buffer.from([0, 0, 0, 19]),
      Buffer.from('uuid-127.0.0.1:9892', 'ascii'),
      Buffer.from([0, 0, 0, 11]),
      Buffer.from('inputStream', 'ascii'),
      Buffer.from([0, 0, 0, 5, 0, 0, 0, 1, 0xff]),
    ]);
    assert.deepEqual(frame, expected);
    assert.deepEqual(new FrameReader().push(expected), [
      { session: 'uuid-127.0.0.1:9892', context: 'inputStream', message },
    ]);
  });

  test('round trip, split across reads', () => {
    const a = encodeFrame({ session: 's1', context: 'ctx', message: Buffer.from('hello') });
    const b = encodeFrame({ session: 's1', context: 'other', message: Buffer.from('wörld') });
    const all = Buffer.concat([a, b]);
    const r = new FrameReader();
    const frames = [
      ...r.push(all.subarray(0, 7)),
      ...r.push(all.subarray(7, a.length + 3)),
      ...r.push(all.subarray(a.length + 3)),
    ];
    assert.deepEqual(
      frames.map((f) => [f.session, f.context, f.message.toString('utf8')]),
      [
        ['s1', 'ctx', 'hello'],
        ['s1', 'other', 'wörld'],
      ],
    );
    assert.throws(() => new FrameReader().push(Buffer.from('GET / HTTP/1.1\r\n')), /protocol byte/);
  });
});

describe('tcp source and sink', () => {
  test('without context a source takes <app name>/<stream id>; sources starting together share the port', async () => {
    const port = await freePort();
    const receiver = await startApp(
      `@App:name('TcpCtx') @source(type='tcp', host='127.0.0.1', port='${port}', @map(type='json'))
       define stream A (n long);
       @source(type='tcp', context='b', host='127.0.0.1', port='${port}', @map(type='json'))
       define stream B (n long);
       @source(type='tcp', context='b', host='127.0.0.1', port='${port}', @map(type='json'))
       define stream C (n long);`,
      ['A', 'B', 'C'],
      { waitConnected: false },
    );
    const sender = await startApp(
      `@App:name('TcpCtxOut') define stream In (n long);
       @sink(type='tcp', url='tcp://127.0.0.1:${port}/TcpCtx/A', sync='true', @map(type='json')) define stream ToA (n long);
       @sink(type='tcp', url='tcp://127.0.0.1:${port}/b', @map(type='json')) define stream ToB (n long);
       from In select n insert into ToA; from In select n * 10 as n insert into ToB;`,
    );
    try {
      await ioHandles('TcpCtx')!.sources[0]!.whenConnected();
      await ioHandles('TcpCtx')!.sources[1]!.whenConnected();
      await waitFor(() => receiver.lines.some((l) => l.level === 'error'), 'the third source refused');
      const refused = receiver.lines.find((l) => l.level === 'error')!.msg;
      assert.match(
        refused,
        /source 'tcp' of stream 'C' could not connect: another tcp source already takes context 'b'/,
      );
      await ioHandles('TcpCtxOut')!.sinks[0]!.whenConnected();
      await ioHandles('TcpCtxOut')!.sinks[1]!.whenConnected();
      sender.runtime.getInputHandler('In').send([1]);
      sender.runtime.getInputHandler('In').send([2]);
      await waitFor(() => receiver.streams.get('A')!.length === 2 && receiver.streams.get('B')!.length === 2, 'events');
      assert.deepEqual(receiver.streams.get('A'), [[1], [2]]);
      assert.deepEqual(receiver.streams.get('B'), [[10], [20]]);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });

  test('a tcp sink in one app feeds a tcp source in another, by context', async () => {
    const receiver = await startApp(
      `@App:name('TcpIn1') @source(type='tcp', context='Sweets', host='127.0.0.1', port='0', @map(type='json'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    const url = endpointOf(receiver);
    const sender = await startApp(
      `@App:name('TcpOut1') define stream In (name string, amount double);
       @sink(type='tcp', url='${url}', @map(type='json')) define stream Out (name string, amount double);
       from In select * insert into Out;`,
    );
    try {
      await ioHandles('TcpOut1')!.sinks[0]!.whenConnected();
      const h = sender.runtime.getInputHandler('In');
      h.send(['toffee', 1.5]);
      h.send(['gum', 2.5]);
      await waitFor(() => receiver.events.length === 2, 'both events');
      assert.deepEqual(receiver.events, [
        ['toffee', 1.5],
        ['gum', 2.5],
      ]);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });

  test('events sent while the sink first connects wait for it; a first connect that fails hands them to on.error', async () => {
    const receiver = await startApp(
      `@App:name('TcpIn4') @source(type='tcp', context='E', host='127.0.0.1', port='0', @map(type='json'))
       define stream S (n long);`,
      ['S'],
    );
    const url = endpointOf(receiver);
    const sender = await startApp(
      `@App:name('TcpOut4') define stream In (n long);
       @sink(type='tcp', url='${url}', @map(type='json')) define stream Out (n long);
       from In select * insert into Out;`,
    );
    try {
      // sent in the same turn as start(): the sink's connect has not answered yet
      const h = sender.runtime.getInputHandler('In');
      h.send([1]);
      h.send([2]);
      await waitFor(() => receiver.events.length === 2, 'both events');
      assert.deepEqual(receiver.events, [[1], [2]]);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
    const closed = await freePort();
    const down = await startApp(
      `@App:name('TcpOut5') define stream In (n long);
       @sink(type='tcp', url='tcp://127.0.0.1:${closed}/E', retry.interval='50', @map(type='json')) define stream Out (n long);
       from In select * insert into Out;`,
    );
    try {
      down.runtime.getInputHandler('In').send([3]);
      await waitFor(() => down.lines.some((l) => /dropped events/.test(l.msg)), 'the drop to be logged');
      const line = down.lines.find((l) => /dropped events/.test(l.msg))!;
      assert.deepEqual(line['events'], [[3]]);
    } finally {
      await down.stop();
    }
  });

  test('garbage from a client is reported and the client dropped; the source keeps serving', async () => {
    const receiver = await startApp(
      `@App:name('TcpIn2') @source(type='tcp', context='S', host='127.0.0.1', port='0', @map(type='json'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      const port = Number(new URL(endpointOf(receiver)).port);
      const bad = connect({ host: '127.0.0.1', port });
      const closed = new Promise<void>((r) => bad.on('close', () => r()));
      bad.on('error', () => undefined);
      bad.write('not a frame at all');
      await closed;
      assert.equal(ioCounters('TcpIn2')[0]!.errors, 1);
      const good = connect({ host: '127.0.0.1', port });
      await new Promise<void>((r) => good.once('connect', () => r()));
      good.write(encodeFrame({ session: 'x', context: 'S', message: Buffer.from('{"name":"mint","amount":3.0}') }));
      good.write(encodeFrame({ session: 'x', context: 'S', message: Buffer.from('{"name":') }));
      await waitFor(
        () => receiver.events.length === 1 && ioCounters('TcpIn2')[0]!.errors === 2,
        'the event and the bad message',
      );
      assert.deepEqual(receiver.events, [['mint', 3]]);
      good.destroy();
    } finally {
      await receiver.stop();
    }
  });

  test("the receiver goes away and comes back: on.error='WAIT' delivers everything in order", async () => {
    const port = await freePort();
    let receiver = await startApp(
      `@App:name('TcpIn3') @source(type='tcp', context='N', host='127.0.0.1', port='${port}', @map(type='json'))
       define stream S (n long);`,
      ['S'],
    );
    const sender = await startApp(
      `@App:name('TcpOut3') define stream In (n long);
       @sink(type='tcp', url='tcp://127.0.0.1:${port}/N', on.error='WAIT', retry.interval='10', retry.interval.max='40', @map(type='json'))
       define stream Out (n long);
       from In select * insert into Out;`,
    );
    try {
      await ioHandles('TcpOut3')!.sinks[0]!.whenConnected();
      const h = sender.runtime.getInputHandler('In');
      h.send([1]);
      await waitFor(() => receiver.events.length === 1, 'the first event');
      await receiver.stop();
      await waitFor(() => sender.lines.some((l) => /lost its connection/.test(l.msg)), 'the loss to be noticed');
      h.send([2]);
      h.send([3]);
      receiver = await startApp(
        `@App:name('TcpIn3b') @source(type='tcp', context='N', host='127.0.0.1', port='${port}', @map(type='json'))
         define stream S (n long);`,
        ['S'],
      );
      await waitFor(() => receiver.events.length === 2, 'the queued events');
      assert.deepEqual(receiver.events, [[2], [3]]);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });
});
