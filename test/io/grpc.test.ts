/**
 * The gRPC transports (siddhi-io-grpc's EventService): Tributary apps talking to each other, to a plain
 * @grpc/grpc-js server standing in for WSO2 Micro Integrator, and to plain @grpc/grpc-js clients. The cases
 * named "(Siddhi: X)" translate siddhi-io-grpc's test X: same inputs, same expected outputs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ioHandles } from '../../src/index.js';
import {
  EVENT_SERVICE_DESCRIPTOR,
  LOADER_OPTIONS,
  type WireEvent,
} from '../../src/io/transports/grpc/event-service.js';
import { selfSignedCert } from '../self-signed-cert.js';
import { endpointOf, freePort, startApp, waitFor, type TestApp } from './helpers.js';

const PROTO = fileURLToPath(new URL('../../src/io/transports/grpc/event-service.proto', import.meta.url));

/** The EventService as a plain grpc-js program would load it: from the .proto file. */
const definition = protoLoader.loadSync(PROTO, LOADER_OPTIONS);
const EventService = (
  grpc.loadPackageDefinition(definition) as unknown as { eventservice: { EventService: grpc.ServiceClientConstructor } }
).eventservice.EventService;

interface Seen {
  method: 'process' | 'consume';
  payload: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
}

function metadataOf(md: grpc.Metadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(md.getMap())) {
    if (typeof v === 'string' && !['user-agent', 'grpc-accept-encoding', 'accept-encoding'].includes(k)) out[k] = v;
  }
  return out;
}

interface Peer {
  server: grpc.Server;
  port: number;
  seen: Seen[];
  stop(): Promise<void>;
}

/**
 * A plain grpc-js EventService server (Siddhi's TestServer, standing in for Micro Integrator): `process`
 * answers `{ "message": "Hello from Server!"}` (or what `answer` returns), `consume` takes a stream and
 * answers Empty at its end.
 */
async function peer(
  opts: {
    port?: number;
    answer?: (e: WireEvent, md: grpc.Metadata) => WireEvent | grpc.ServiceError;
    credentials?: grpc.ServerCredentials;
  } = {},
): Promise<Peer> {
  const seen: Seen[] = [];
  const server = new grpc.Server();
  server.addService(EventService.service, {
    process: (call: grpc.ServerUnaryCall<WireEvent, WireEvent>, cb: grpc.sendUnaryData<WireEvent>) => {
      seen.push({
        method: 'process',
        payload: call.request.payload,
        headers: call.request.headers,
        metadata: metadataOf(call.metadata),
      });
      const a = opts.answer?.(call.request, call.metadata) ?? {
        payload: '{ "message": "Hello from Server!"}',
        headers: {},
      };
      if ('code' in a) cb(a, null);
      else cb(null, a);
    },
    consume: (call: grpc.ServerReadableStream<WireEvent, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      call.on('data', (e: WireEvent) =>
        seen.push({ method: 'consume', payload: e.payload, headers: e.headers, metadata: metadataOf(call.metadata) }),
      );
      call.on('end', () => cb(null, {}));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `127.0.0.1:${opts.port ?? 0}`,
      opts.credentials ?? grpc.ServerCredentials.createInsecure(),
      (e, p) => (e ? reject(e) : resolve(p)),
    ),
  );
  return {
    server,
    port,
    seen,
    stop: () => new Promise<void>((r) => server.tryShutdown(() => r())),
  };
}

/** What the client class generated from the .proto offers. */
interface EventServiceClient extends grpc.Client {
  process(e: WireEvent, md: grpc.Metadata, cb: (err: grpc.ServiceError | null, r: WireEvent) => void): void;
  consume(md: grpc.Metadata, cb: (err: grpc.ServiceError | null) => void): grpc.ClientWritableStream<WireEvent>;
}

/** A plain grpc-js EventService client of 127.0.0.1:`port`. */
function client(port: number, credentials = grpc.credentials.createInsecure()): EventServiceClient {
  return new EventService(`127.0.0.1:${port}`, credentials) as unknown as EventServiceClient;
}

function metadata(pairs: Record<string, string>): grpc.Metadata {
  const md = new grpc.Metadata();
  for (const [k, v] of Object.entries(pairs)) md.set(k, v);
  return md;
}

/** Calls `process`; resolves with the reply or the error. */
function callProcess(
  c: EventServiceClient,
  event: WireEvent,
  md = new grpc.Metadata(),
): Promise<WireEvent | grpc.ServiceError> {
  return new Promise((resolve) => c.process(event, md, (err, r) => resolve(err ?? r)));
}

/** Streams `events` in one `consume` call; resolves with null (Empty came back) or the error. */
function callConsume(
  c: EventServiceClient,
  events: readonly WireEvent[],
  md = new grpc.Metadata(),
): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => {
    const call = c.consume(md, (err) => resolve(err));
    for (const e of events) call.write(e);
    call.end();
  });
}

function portOf(app: TestApp, index = 0): number {
  return Number(/:(\d+)\//.exec(endpointOf(app, index))![1]);
}

function isError(x: unknown): x is grpc.ServiceError {
  return x instanceof Error && 'code' in x;
}

describe('EventService definition', () => {
  test('the embedded descriptor and event-service.proto define the same service, on the paths of siddhi-io-grpc', () => {
    const embedded = protoLoader.fromJSON(
      EVENT_SERVICE_DESCRIPTOR as unknown as Parameters<typeof protoLoader.fromJSON>[0],
      LOADER_OPTIONS,
    );
    const service = (d: protoLoader.PackageDefinition): unknown =>
      Object.entries(d['eventservice.EventService'] as protoLoader.ServiceDefinition).map(([name, m]) => [
        name,
        m.path,
        m.requestStream,
        m.responseStream,
        m.requestType.type,
        m.responseType.type,
      ]);
    assert.deepEqual(service(embedded), service(definition));
    assert.deepEqual(
      (service(definition) as unknown[][]).map((m) => m.slice(0, 4)),
      [
        ['process', '/eventservice.EventService/process', false, false],
        ['consume', '/eventservice.EventService/consume', true, false],
      ],
    );
    // Field numbers and types: an Event encoded by one decodes the same by the other.
    const bytes = (embedded['eventservice.EventService'] as protoLoader.ServiceDefinition)['process']!.requestSerialize(
      {
        payload: 'p',
        headers: { a: '1' },
      },
    );
    assert.deepEqual(
      (definition['eventservice.EventService'] as protoLoader.ServiceDefinition)['process']!.requestDeserialize(bytes),
      { payload: 'p', headers: { a: '1' } },
    );
    // payload = 1 (string 'p'), headers = 2 (a map entry: key = 1 'a', value = 2 '1'), as protoc lays them out.
    assert.equal(bytes.toString('hex'), '0a0170' + '12060a0161120131');
  });
});

describe('grpc sink and grpc source', () => {
  test('one app sends to another: the grpc sink calls consume, the grpc source of the stream named by stream.id maps it', async () => {
    const receiver = await startApp(
      `@App:name('GrpcIn')
       @source(type='grpc', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/consume', @map(type='json'))
       define stream StockStream (symbol string, price double, volume long);`,
      ['StockStream'],
    );
    const sender = await startApp(
      `@App:name('GrpcOut')
       @sink(type='grpc', publisher.url='grpc://127.0.0.1:${portOf(receiver)}/org.wso2.grpc.EventService/consume',
             headers="'stream.id:StockStream'", @map(type='json'))
       define stream StockOut (symbol string, price double, volume long);`,
    );
    try {
      assert.equal(endpointOf(receiver), `grpc://127.0.0.1:${portOf(receiver)}/org.wso2.grpc.EventService/consume`);
      const h = sender.runtime.getInputHandler('StockOut');
      h.send(['WSO2', 55.6, 100]);
      h.send(['IBM', 75.5, 10]);
      h.send(['ORCL', 12.25, 7]);
      await waitFor(() => receiver.events.length === 3, 'three events');
      assert.deepEqual(receiver.events, [
        ['WSO2', 55.6, 100],
        ['IBM', 75.5, 10],
        ['ORCL', 12.25, 7],
      ]);
      const sink = ioHandles('GrpcOut')!.sinks[0]!;
      await waitFor(() => sink.counters.messages === 3, 'three acknowledged calls');
      assert.equal(sink.counters.errors, 0);
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });

  test("one app's grpc-call is answered by another app's grpc-service and grpc-service-response", async () => {
    const service = await startApp(
      `@App:name('GrpcPricer')
       @source(type='grpc-service', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/process', source.id='pricer',
               @map(type='json', @attributes(messageId='trp:message.id', symbol='$.event.symbol', volume='$.event.volume')))
       define stream Quote (messageId string, symbol string, volume long);
       @sink(type='grpc-service-response', source.id='pricer', message.id='{{messageId}}', @map(type='json'))
       define stream Priced (messageId string, symbol string, total double);
       from Quote select messageId, symbol, volume * 2.5 as total insert into Priced;`,
    );
    const caller = await startApp(
      `@App:name('GrpcCaller')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${portOf(service)}/org.wso2.grpc.EventService/process', sink.id='q',
             headers="'stream.id:Quote'", @map(type='json'))
       define stream Ask (symbol string, volume long);
       @source(type='grpc-call-response', sink.id='q', @map(type='json', @attributes(asked='trp:volume', symbol='$.event.symbol', total='$.event.total')))
       define stream Answer (asked long, symbol string, total double);`,
      ['Answer'],
    );
    try {
      const h = caller.runtime.getInputHandler('Ask');
      h.send(['WSO2', 10]);
      await waitFor(() => caller.events.length === 1, 'the first answer');
      h.send(['IBM', 4]);
      await waitFor(() => caller.events.length === 2, 'the second answer');
      assert.deepEqual(caller.events, [
        [10, 'WSO2', 25],
        [4, 'IBM', 10],
      ]);
    } finally {
      await caller.stop();
      await service.stop();
    }
  });
});

/** Siddhi's GrpcSourceTestCase app: a grpc source of BarStream on a free port. */
async function barSource(name: string, attributes = ''): Promise<TestApp> {
  return startApp(
    `@App:name('${name}')
     @source(type='grpc', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/consume',
             @map(type='json'${attributes}))
     define stream BarStream (message string${attributes ? ', name string, age int' : ''});`,
    ['BarStream'],
  );
}

const WITH_TRP = ", @attributes(name='trp:name', age='trp:age', message='message')";

describe('grpc source served to a plain grpc-js client', () => {
  test('an Event for BarStream becomes its event (Siddhi: basicSourceTest)', async () => {
    const app = await barSource('GrpcSrcBasic');
    const c = client(portOf(app));
    try {
      const err = await callConsume(c, [
        { payload: '{ "message": "Benjamin Watson"}', headers: { 'stream.id': 'BarStream' } },
      ]);
      assert.equal(err, null);
      assert.deepEqual(app.events, [['Benjamin Watson']]);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test("the Event's headers are transport properties (Siddhi: testWithMetaData, testWithHeaders)", async () => {
    const app = await barSource('GrpcSrcHeaders', WITH_TRP);
    const c = client(portOf(app));
    try {
      await callConsume(c, [
        { payload: '{ "message": "Hello !"}', headers: { 'stream.id': 'BarStream', name: 'benjamin', age: '24' } },
      ]);
      await callConsume(c, [
        { payload: '{ "message": "Hello !"}', headers: { 'stream.id': 'BarStream', name: 'john', age: '24' } },
      ]);
      assert.deepEqual(app.events, [
        ['Hello !', 'benjamin', 24],
        ['Hello !', 'john', 24],
      ]);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('call metadata are transport properties too, over the headers (Siddhi: genericTestCase_testWithMetaData)', async () => {
    const app = await barSource('GrpcSrcMetadata', WITH_TRP);
    const c = client(portOf(app));
    try {
      await callConsume(
        c,
        [{ payload: '{ "message": "Hello !"}', headers: { 'stream.id': 'BarStream', name: 'header', age: '1' } }],
        metadata({ Name: 'John', Age: '23' }),
      );
      assert.deepEqual(app.events, [['Hello !', 'John', 23]]);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('an Event missing a mapped transport property is dropped and logged (Siddhi: testWithIncompleteMetadata)', async () => {
    const app = await barSource('GrpcSrcIncomplete', WITH_TRP);
    const c = client(portOf(app));
    try {
      const err = await callConsume(
        c,
        [{ payload: '{ "message": "Hello !"}', headers: { 'stream.id': 'BarStream' } }],
        metadata({ Name: 'John' }),
      );
      assert.equal(err, null);
      const src = ioHandles('GrpcSrcIncomplete')!.sources[0]!;
      assert.equal(src.counters.errors, 1);
      assert.ok(
        app.lines.some((l) => l.level === 'error' && /age/.test(l.msg)),
        JSON.stringify(app.lines),
      );
      assert.deepEqual(app.events, []);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('one consume call may stream many Events; Empty comes back when the client ends it', async () => {
    const app = await barSource('GrpcSrcStream');
    const c = client(portOf(app));
    try {
      const events = Array.from({ length: 15 }, (_, i) => ({
        payload: JSON.stringify({ event: { message: `Test ${i}` } }),
        headers: { 'stream.id': 'BarStream' },
      }));
      assert.equal(await callConsume(c, events), null);
      assert.deepEqual(
        app.events,
        events.map((_, i) => [`Test ${i}`]),
      );
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('an Event without stream.id, or for a stream no source serves, ends its call with DATA_LOSS', async () => {
    const app = await barSource('GrpcSrcNoStream');
    const c = client(portOf(app));
    try {
      const none = await callConsume(c, [{ payload: '{ "message": "x"}', headers: {} }]);
      assert.ok(isError(none) && none.code === grpc.status.DATA_LOSS, String(none));
      assert.match(none.details, /no 'stream\.id' header/);
      const other = await callConsume(c, [{ payload: '{ "message": "x"}', headers: { 'stream.id': 'FooStream' } }]);
      assert.ok(isError(other) && other.code === grpc.status.DATA_LOSS, String(other));
      assert.match(other.details, /no grpc source of stream 'FooStream'/);
      assert.deepEqual(app.events, []);
      assert.equal(app.lines.filter((l) => l.level === 'error' && /dropped a consume call/.test(l.msg)).length, 2);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('sources of several streams and apps share one port; each takes the Events of its stream (Siddhi: bindExceptionTest)', async () => {
    const port = await freePort();
    const a = await startApp(
      `@App:name('GrpcShareA')
       @source(type='grpc', receiver.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/consume', @map(type='json'))
       define stream BarStream (message string);
       @source(type='grpc', receiver.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/consume', @map(type='json'))
       define stream FooStream (message string);`,
      ['BarStream', 'FooStream'],
    );
    const b = await startApp(
      `@App:name('GrpcShareB')
       @source(type='grpc', receiver.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/consume', @map(type='json'))
       define stream BazStream (message string);`,
      ['BazStream'],
    );
    const c = client(port);
    try {
      for (const s of ['FooStream', 'BazStream', 'BarStream']) {
        assert.equal(await callConsume(c, [{ payload: `{"message":"to ${s}"}`, headers: { 'stream.id': s } }]), null);
      }
      assert.deepEqual(a.streams.get('BarStream'), [['to BarStream']]);
      assert.deepEqual(a.streams.get('FooStream'), [['to FooStream']]);
      assert.deepEqual(b.streams.get('BazStream'), [['to BazStream']]);
      await a.stop();
      // The server stays up for the other app's source.
      assert.equal(
        await callConsume(c, [{ payload: '{"message":"still"}', headers: { 'stream.id': 'BazStream' } }]),
        null,
      );
      assert.deepEqual(b.streams.get('BazStream'), [['to BazStream'], ['still']]);
    } finally {
      c.close();
      await a.stop();
      await b.stop();
    }
    // Both apps gone: the port is free again.
    const again = await peer({ port });
    await again.stop();
  });
});

describe('grpc sink calling a plain grpc-js server', () => {
  const FOO = (
    name: string,
    port: number,
    path: string,
    extra: string,
    map: string,
    attrs = 'message string',
  ): string =>
    `@App:name('${name}')
     @sink(type='grpc', publisher.url='grpc://127.0.0.1:${port}/${path}'${extra}, @map(${map}))
     define stream FooStream (${attrs});`;

  test('each message is one Event with its payload (Siddhi: testCaseToCallConsumeWithSimpleRequest, ...WithTwoRequests)', async () => {
    const server = await peer();
    const app = await startApp(
      FOO(
        'GrpcSinkSimple',
        server.port,
        'org.wso2.grpc.EventService/consume',
        '',
        "type='json', @payload('{{message}}')",
      ),
    );
    try {
      const h = app.runtime.getInputHandler('FooStream');
      h.send(['Request 1']);
      h.send(['Request 2']);
      await waitFor(() => server.seen.length === 2, 'two Events');
      assert.deepEqual(
        server.seen.map((s) => [s.method, s.payload, s.headers]),
        [
          ['consume', 'Request 1', {}],
          ['consume', 'Request 2', {}],
        ],
      );
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test('headers, dynamic per event, become the Event headers (Siddhi: testWithHeader)', async () => {
    const server = await peer();
    const app = await startApp(
      FOO(
        'GrpcSinkHeaders',
        server.port,
        'org.wso2.grpc.EventService/consume',
        ", headers='{{headers}}'",
        "type='json', @payload('{{message}}')",
        'message string, headers string',
      ),
    );
    try {
      const h = app.runtime.getInputHandler('FooStream');
      h.send(['Request 1', "'Name:John','Age:23','Content-Type:text'"]);
      h.send(['Request 2', "'Name:Nash','Age:54','Content-Type:json'"]);
      await waitFor(() => server.seen.length === 2, 'two Events');
      assert.deepEqual(
        server.seen.map((s) => [s.payload, s.headers]),
        [
          ['Request 1', { Name: 'John', Age: '23', 'Content-Type': 'text' }],
          ['Request 2', { Name: 'Nash', Age: '54', 'Content-Type': 'json' }],
        ],
      );
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test('the sequence of the URL is the sequence header (Siddhi: testCaseWithSequenceName, testWithHeaderAndSequenceName, testCaseWithXMLMapper)', async () => {
    const server = await peer();
    const xml = await startApp(
      FOO(
        'GrpcSinkSeq',
        server.port,
        'org.wso2.grpc.EventService/consume/mySeq',
        '',
        "type='xml', @payload('{{message}}')",
      ),
    );
    const json = await startApp(
      FOO(
        'GrpcSinkSeqHeaders',
        server.port,
        'org.wso2.grpc.EventService/consume/mySeq',
        ", headers='{{headers}}'",
        "type='json', @payload('{{message}}')",
        'message string, headers string',
      ),
    );
    try {
      xml.runtime.getInputHandler('FooStream').send(['Request 1']);
      await waitFor(() => server.seen.length === 1, 'the xml Event');
      json.runtime.getInputHandler('FooStream').send(['Request 2', "'Name:Nash','Age:54','Content-Type:json'"]);
      await waitFor(() => server.seen.length === 2, 'the json Event');
      assert.deepEqual(
        server.seen.map((s) => [s.payload, s.headers]),
        [
          ['Request 1', { sequence: 'mySeq' }],
          ['Request 2', { Name: 'Nash', Age: '54', 'Content-Type': 'json', sequence: 'mySeq' }],
        ],
      );
    } finally {
      await xml.stop();
      await json.stop();
      await server.stop();
    }
  });

  test('metadata go with each call, names lower-cased (Siddhi: testWithMetaData)', async () => {
    const server = await peer();
    const app = await startApp(
      FOO(
        'GrpcSinkMetadata',
        server.port,
        'org.wso2.grpc.EventService/consume',
        `, metadata="'Name:John','Age:23'"`,
        "type='json'",
      ),
    );
    try {
      app.runtime.getInputHandler('FooStream').send(['Request 1']);
      await waitFor(() => server.seen.length === 1, 'the Event');
      assert.deepEqual(server.seen[0], {
        method: 'consume',
        payload: '{"event":{"message":"Request 1"}}',
        headers: {},
        metadata: { name: 'John', age: '23' },
      });
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test("a server that is down: the failed call is logged (on.error='LOG'); once it is up the sink sends again (Siddhi: testCaseFailingWithUnavailableServer)", async () => {
    const port = await freePort();
    const app = await startApp(
      FOO(
        'GrpcSinkDown',
        port,
        'org.wso2.grpc.EventService/consume',
        ", retry.interval='10'",
        "type='json', @payload('{{message}}')",
      ),
    );
    let server: Peer | undefined;
    try {
      const h = app.runtime.getInputHandler('FooStream');
      h.send(['Request 1']);
      const sink = ioHandles('GrpcSinkDown')!.sinks[0]!;
      await waitFor(() => sink.counters.errors === 1, 'the failed call');
      const line = app.lines.find((l) => l.level === 'error' && /dropped events/.test(l.msg));
      assert.ok(line, JSON.stringify(app.lines));
      assert.match(line.msg, /UNAVAILABLE/);
      server = await peer({ port });
      h.send(['Request 2']);
      await waitFor(() => server!.seen.length === 1, 'the call after the server came up');
      assert.deepEqual(
        server.seen.map((s) => s.payload),
        ['Request 2'],
      );
    } finally {
      await app.stop();
      await server?.stop();
    }
  });

  test("a server that is down with on.error='WAIT': messages wait and go out in order once it is up", async () => {
    const port = await freePort();
    const app = await startApp(
      FOO(
        'GrpcSinkWait',
        port,
        'org.wso2.grpc.EventService/consume',
        ", on.error='WAIT', retry.interval='10', retry.interval.max='50'",
        "type='json', @payload('{{message}}')",
      ),
    );
    let server: Peer | undefined;
    try {
      const h = app.runtime.getInputHandler('FooStream');
      h.send(['Request 1']);
      h.send(['Request 2']);
      await waitFor(() => app.lines.some((l) => /waits for its destination/.test(l.msg)), 'the sink to wait');
      server = await peer({ port });
      await waitFor(() => server!.seen.length === 2, 'both Events');
      assert.deepEqual(
        server.seen.map((s) => s.payload),
        ['Request 1', 'Request 2'],
      );
    } finally {
      await app.stop();
      await server?.stop();
    }
  });
});

describe('grpc-call sink and grpc-call-response source (a plain grpc-js server standing in for Micro Integrator)', () => {
  test("WSO2's HelloMi app runs unchanged: http in, grpc-call to the sequence, the answer out through sink.id", async () => {
    const mi = await peer({
      answer: (e) => ({
        payload: JSON.stringify({
          event: {
            message: `MI saw ${(JSON.parse(e.payload) as { event: { message: string } }).event.message}`,
            headers: 'h',
          },
        }),
        headers: { 'X-Sequence': e.headers['sequence'] ?? '' },
      }),
    });
    // modules/samples/artifacts/ConnectToMicroIntegratorFromSI/HelloMi.siddhi, with free ports.
    const app = await startApp(
      `@App:name("HelloMi")
       @App:description("Trigger a sequence in MicroIntegrator from Streaming Integrator using gRPC protocol")
       @source(type='http', receiver.url='http://127.0.0.1:0/inputstream', @map(type = 'json'))
       define stream InputStream (message String, headers string);
       @sink(type='grpc-call', publisher.url = 'grpc://127.0.0.1:${mi.port}/org.wso2.grpc.EventService/process/inSeq', sink.id= '1', headers='{{headers}}', @map(type='json'))
       define stream FooStream (message String, headers string);
       @source(type='grpc-call-response', sink.id= '1', @map(type='json'))
       define stream BarStream (message String, headers string);
       @sink(type='log')
       define stream OutputStream (message String, headers string);
       from InputStream
       select *
       insert into FooStream;
       from BarStream
       select *
       insert into OutputStream`,
      ['OutputStream'],
    );
    try {
      const res = await fetch(endpointOf(app), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: { message: 'http_curl', headers: "'Content-Type:json'" } }),
      });
      assert.equal(res.status, 200);
      await waitFor(() => app.events.length === 1, 'the answer of the sequence');
      assert.deepEqual(app.events, [['MI saw http_curl', 'h']]);
      assert.deepEqual(mi.seen, [
        {
          method: 'process',
          payload: `{"event":{"message":"http_curl","headers":"'Content-Type:json'"}}`,
          headers: { 'Content-Type': 'json', sequence: 'inSeq' },
          metadata: {},
        },
      ]);
    } finally {
      await app.stop();
      await mi.stop();
    }
  });

  const CALL = (
    name: string,
    port: number,
    opts: { sink?: string; source?: string; attrs?: string; path?: string } = {},
  ): string =>
    `@App:name('${name}')
     @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${port}/${opts.path ?? 'org.wso2.grpc.EventService/process/mySeq'}', sink.id='1'${opts.sink ?? ''}, @map(type='json'))
     define stream FooStream (${opts.attrs ?? 'message string'});
     @source(type='grpc-call-response', sink.id='1', @map(type='json'${opts.source ?? ''}))
     define stream BarStream (message string${opts.source ? ', requestMessage string' : ''});`;

  test('the reply of process comes back on the response source; the server sees the sequence (Siddhi: GrpcCallSinkTestCase.test1)', async () => {
    const server = await peer();
    const app = await startApp(CALL('GrpcCall1', server.port), ['BarStream']);
    try {
      app.runtime.getInputHandler('FooStream').send(['Request 1']);
      await waitFor(() => app.events.length === 1, 'the reply');
      assert.deepEqual(app.events, [['Hello from Server!']]);
      assert.deepEqual(
        server.seen.map((s) => [s.method, s.payload, s.headers]),
        [['process', '{"event":{"message":"Request 1"}}', { sequence: 'mySeq' }]],
      );
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test('dynamic headers and metadata go with each call (Siddhi: GrpcCallSinkTestCase.testWithHeaders, testWithMetaData)', async () => {
    const server = await peer();
    const app = await startApp(
      `@App:name('GrpcCallHeaders')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${server.port}/org.wso2.grpc.EventService/process/mySeq', sink.id='2',
             headers='{{headers}}', metadata='{{metadata}}', @map(type='json', @payload('{{message}}')))
       define stream FooStream (message string, headers string, metadata string);
       @source(type='grpc-call-response', sink.id='2', @map(type='json'))
       define stream BarStream (message string);`,
      ['BarStream'],
    );
    try {
      const h = app.runtime.getInputHandler('FooStream');
      h.send(['Request 1', "'Name:John','Age:23','Content-Type:text'", "'Name:John','Age:23'"]);
      await waitFor(() => app.events.length === 1, 'the first reply');
      h.send(['Request 2', "'Name:Nash','Age:54','Content-Type:json'", "'Name:Nash','Age:54'"]);
      await waitFor(() => app.events.length === 2, 'the second reply');
      assert.deepEqual(app.events, [['Hello from Server!'], ['Hello from Server!']]);
      assert.deepEqual(
        server.seen.map((s) => [s.payload, s.headers, s.metadata]),
        [
          [
            'Request 1',
            { Name: 'John', Age: '23', 'Content-Type': 'text', sequence: 'mySeq' },
            { name: 'John', age: '23' },
          ],
          [
            'Request 2',
            { Name: 'Nash', Age: '54', 'Content-Type': 'json', sequence: 'mySeq' },
            { name: 'Nash', age: '54' },
          ],
        ],
      );
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test("the request's attributes and the reply's headers are transport properties (Siddhi: testOfEnrichingData)", async () => {
    const server = await peer({
      answer: () => ({ payload: '{ "message": "Hello from Server!"}', headers: { served: 'by-peer' } }),
    });
    const app = await startApp(
      `@App:name('GrpcCallEnrich')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${server.port}/org.wso2.grpc.EventService/process/mySeq', sink.id='1', @map(type='json'))
       define stream FooStream (requestMessage string);
       @source(type='grpc-call-response', sequence='mySeq', sink.id='1',
               @map(type='json', @attributes(requestMessage='trp:requestMessage', message='message', served='trp:served')))
       define stream BarStream (message string, requestMessage string, served string);`,
      ['BarStream'],
    );
    try {
      app.runtime.getInputHandler('FooStream').send(['Request 1']);
      await waitFor(() => app.events.length === 1, 'the reply');
      assert.deepEqual(app.events, [['Hello from Server!', 'Request 1', 'by-peer']]);
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test('without a grpc-call-response source of its sink.id nothing is sent, and that is logged (Siddhi: testWithoutRelevantSource)', async () => {
    const server = await peer();
    const app = await startApp(
      `@App:name('GrpcCallAlone')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${server.port}/org.wso2.grpc.EventService/process/mySeq', sink.id='1', @map(type='json'))
       define stream FooStream (message string);`,
    );
    try {
      app.runtime.getInputHandler('FooStream').send(['Request 1']);
      const sink = ioHandles('GrpcCallAlone')!.sinks[0]!;
      await waitFor(() => sink.counters.errors === 1, 'the refused message');
      assert.ok(
        app.lines.some((l) => l.level === 'error' && /no grpc-call-response source with sink\.id '1'/.test(l.msg)),
        JSON.stringify(app.lines),
      );
      assert.deepEqual(server.seen, []);
    } finally {
      await app.stop();
      await server.stop();
    }
  });

  test('a failed call follows on.error: the status of the server on the fault stream', async () => {
    const server = await peer({
      answer: () =>
        Object.assign(new Error('no such sequence'), {
          code: grpc.status.NOT_FOUND,
          details: 'no such sequence',
          metadata: new grpc.Metadata(),
        }),
    });
    const port = await freePort();
    const app = await startApp(
      `@App:name('GrpcCallFault')
       @OnError(action='STREAM')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${server.port}/org.wso2.grpc.EventService/process', sink.id='f', on.error='STREAM', @map(type='json'))
       define stream FooStream (message string);
       @OnError(action='STREAM')
       @sink(type='grpc-call', publisher.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/process', sink.id='f', on.error='STREAM', @map(type='json'))
       define stream DownStream (message string);
       @source(type='grpc-call-response', sink.id='f', @map(type='json')) define stream BarStream (message string);`,
      ['!FooStream', '!DownStream', 'BarStream'],
    );
    try {
      app.runtime.getInputHandler('FooStream').send(['r1']);
      app.runtime.getInputHandler('DownStream').send(['r2']);
      await waitFor(
        () => app.streams.get('!FooStream')!.length === 1 && app.streams.get('!DownStream')!.length === 1,
        'both fault events',
      );
      const [m1, e1] = app.streams.get('!FooStream')![0]!;
      assert.equal(m1, 'r1');
      assert.ok(e1 instanceof Error && /NOT_FOUND: no such sequence/.test(e1.message), String(e1));
      const [m2, e2] = app.streams.get('!DownStream')![0]!;
      assert.equal(m2, 'r2');
      assert.ok(e2 instanceof Error && /UNAVAILABLE/.test(e2.message), String(e2));
      assert.deepEqual(app.streams.get('BarStream'), []);
    } finally {
      await app.stop();
      await server.stop();
    }
  });
});

describe('grpc-service source and grpc-service-response sink, called by a plain grpc-js client', () => {
  const SERVICE = (name: string, extra = '', attrs = ''): string => `@App:name('${name}')
    @source(type='grpc-service', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/process', source.id='1'${extra},
            @map(type='json', @attributes(messageId='trp:message.id', message='message'${attrs ? ", name='trp:name', age='trp:age'" : ''})))
    define stream FooStream (messageId string, message string${attrs});
    @sink(type='grpc-service-response', source.id='1', message.id='{{messageId}}', @map(type='json'))
    define stream BarStream (messageId string, message string${attrs});
    from FooStream select * insert into BarStream;`;

  const request = (message: string): WireEvent => ({
    payload: `{ "message": "${message}"}`,
    headers: { 'stream.id': 'FooStream' },
  });

  test('each call is answered with its own event, correlated by message.id (Siddhi: testToCallProcess, testToCallProcessTwice)', async () => {
    const app = await startApp(SERVICE('GrpcSvc'), ['FooStream']);
    const c = client(portOf(app));
    try {
      const replies = await Promise.all(['Benjamin Watson', 'Ann', 'Kim'].map((m) => callProcess(c, request(m))));
      const ids = app.events.map((e) => e[0] as string);
      assert.equal(new Set(ids).size, 3);
      for (const id of ids) assert.match(id, /^[0-9a-f-]{36}$/);
      const byMessage = new Map(app.events.map((e) => [e[1], e[0]]));
      assert.deepEqual(
        replies,
        ['Benjamin Watson', 'Ann', 'Kim'].map((m) => ({
          payload: JSON.stringify({ event: { messageId: byMessage.get(m), message: m } }),
          headers: {},
        })),
      );
      const again = await callProcess(c, request('Benjamin Watson'));
      assert.ok(!isError(again) && /"message":"Benjamin Watson"/.test(again.payload));
      assert.equal(app.events.length, 4);
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('metadata and headers are transport properties (Siddhi: GrpcServiceSourceTestCase.testWithMetaData, testWithHeaders)', async () => {
    const app = await startApp(SERVICE('GrpcSvcMeta', '', ', name string, age int'), ['FooStream']);
    const c = client(portOf(app));
    try {
      const byMetadata = await callProcess(c, request('Benjamin Watson'), metadata({ Name: 'John', Age: '23' }));
      const byHeaders = await callProcess(c, {
        payload: '{ "message": "Benjamin Watson"}',
        headers: { 'stream.id': 'FooStream', name: 'Nash', age: '54' },
      });
      assert.ok(!isError(byMetadata) && !isError(byHeaders));
      assert.deepEqual(
        app.events.map((e) => e.slice(1)),
        [
          ['Benjamin Watson', 'John', 23],
          ['Benjamin Watson', 'Nash', 54],
        ],
      );
      assert.deepEqual(JSON.parse(byMetadata.payload), {
        event: { messageId: app.events[0]![0], message: 'Benjamin Watson', name: 'John', age: 23 },
      });
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('a call missing a mapped transport property fails at once with INVALID_ARGUMENT (Siddhi: testWithIncompleteMetaData)', async () => {
    const app = await startApp(SERVICE('GrpcSvcIncomplete', '', ', name string, age int'), ['FooStream']);
    const c = client(portOf(app));
    try {
      const reply = await callProcess(c, request('Benjamin Watson'), metadata({ Age: '23' }));
      assert.ok(isError(reply) && reply.code === grpc.status.INVALID_ARGUMENT, String(reply));
      assert.match(reply.details, /name/);
      assert.deepEqual(app.events, []);
      assert.ok(app.lines.some((l) => l.level === 'error' && /name/.test(l.msg)));
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('a call nobody answers fails with DEADLINE_EXCEEDED after service.timeout (Siddhi: testCaseForServiceTimeout)', async () => {
    const app = await startApp(
      `@App:name('GrpcSvcTimeout')
       @source(type='grpc-service', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/process', source.id='1', service.timeout='200',
               @map(type='json', @attributes(messageId='trp:message.id', message='message')))
       define stream FooStream (messageId string, message string);
       @sink(type='grpc-service-response', source.id='1', message.id='{{messageId}}', @map(type='json'))
       define stream BarStream (messageId string, message string);`,
      ['FooStream'],
    );
    const c = client(portOf(app));
    try {
      const started = Date.now();
      const reply = await callProcess(c, request('Benjamin Watson'));
      assert.ok(isError(reply) && reply.code === grpc.status.DEADLINE_EXCEEDED, String(reply));
      assert.ok(Date.now() - started >= 190);
      assert.equal(app.events.length, 1);
      // A late answer finds no call: a publish error of the response sink, logged.
      app.runtime.getInputHandler('BarStream').send([app.events[0]![0], 'late']);
      await waitFor(
        () => app.lines.some((l) => /no call with message\.id/.test(l.msg)),
        'the late answer to be logged',
      );
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('a grpc and a grpc-service source share one port, each with its method', async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('GrpcSvcShare')
       @source(type='grpc', receiver.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/consume', @map(type='json'))
       define stream Inbox (message string);
       @source(type='grpc-service', receiver.url='grpc://127.0.0.1:${port}/org.wso2.grpc.EventService/process', source.id='s',
               @map(type='json', @attributes(messageId='trp:message.id', message='message')))
       define stream Asks (messageId string, message string);
       @sink(type='grpc-service-response', source.id='s', message.id='{{messageId}}', @map(type='text', @payload('you said {{message}}')))
       define stream Answers (messageId string, message string);
       from Asks select * insert into Answers;`,
      ['Inbox'],
    );
    const c = client(port);
    try {
      assert.equal(await callConsume(c, [{ payload: '{"message":"note"}', headers: { 'stream.id': 'Inbox' } }]), null);
      const reply = await callProcess(c, { payload: '{"message":"hi"}', headers: { 'stream.id': 'Asks' } });
      assert.deepEqual(reply, { payload: 'you said hi', headers: {} });
      assert.deepEqual(app.events, [['note']]);
      // consume Events do not reach the process source, nor the other way round.
      const wrong = await callProcess(c, { payload: '{"message":"hi"}', headers: { 'stream.id': 'Inbox' } });
      assert.ok(isError(wrong) && wrong.code === grpc.status.DATA_LOSS, String(wrong));
    } finally {
      c.close();
      await app.stop();
    }
  });

  test('calls still held when the app stops fail with UNAVAILABLE', async () => {
    const app = await startApp(
      `@App:name('GrpcSvcStop')
       @source(type='grpc-service', receiver.url='grpc://127.0.0.1:0/org.wso2.grpc.EventService/process', source.id='1',
               @map(type='json', @attributes(messageId='trp:message.id', message='message')))
       define stream FooStream (messageId string, message string);`,
      ['FooStream'],
    );
    const c = client(portOf(app));
    try {
      const pending = callProcess(c, request('never answered'));
      await waitFor(() => app.events.length === 1, 'the call to arrive');
      await app.stop();
      const reply = await pending;
      assert.ok(isError(reply) && reply.code === grpc.status.UNAVAILABLE, String(reply));
      assert.match(reply.details, /stopped before answering/);
    } finally {
      c.close();
      await app.stop();
    }
  });
});

describe('gRPC options checked at app creation', () => {
  const SINK = (url: string, extra = '', type = 'grpc'): string =>
    `@App:name('GrpcBad')\n@sink(type='${type}', publisher.url='${url}'${type === 'grpc-call' ? ", sink.id='1'" : ''}${extra}, @map(type='json')) define stream FooStream (message string);`;

  test('a generic service (user-generated protobuf classes in Siddhi) is refused, naming the option and both services', async () => {
    await assert.rejects(
      startApp(SINK('grpc://localhost:8888/org.wso2.grpc.test.MyService/send')),
      /2:1[\s\S]*publisher\.url 'grpc:\/\/localhost:8888\/org\.wso2\.grpc\.test\.MyService\/send' names the gRPC service 'org\.wso2\.grpc\.test\.MyService', but Tributary supports only siddhi-io-grpc's default service 'org\.wso2\.grpc\.EventService'/,
    );
    await assert.rejects(
      startApp(
        `@App:name('GrpcBadSrc')\n@source(type='grpc-service', source.id='1', receiver.url='grpc://localhost:8888/org.wso2.grpc.test.MyService/process', @map(type='json')) define stream FooStream (a string);`,
      ),
      /2:1[\s\S]*receiver\.url 'grpc:\/\/localhost:8888\/org\.wso2\.grpc\.test\.MyService\/process' names the gRPC service 'org\.wso2\.grpc\.test\.MyService', but Tributary supports only/,
    );
  });

  test('a JKS truststore or keystore is refused with the way to convert it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tributary-grpc-jks-'));
    try {
      const jks = join(dir, 'client-truststore.jks');
      writeFileSync(jks, Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2, 0, 0, 0, 1]));
      await assert.rejects(
        startApp(
          SINK(
            'grpc://localhost:8888/org.wso2.grpc.EventService/process',
            `, enable.ssl='true', truststore.file='${jks}', truststore.password='wso2carbon', truststore.algorithm='SunX509'`,
            'grpc-call',
          ),
        ),
        /2:1[\s\S]*truststore\.file '.*client-truststore\.jks' is a Java keystore \(JKS\), which Tributary cannot read; it takes PEM files: export its certificates as PEM: keytool -exportcert -rfc/,
      );
      await assert.rejects(
        startApp(
          `@App:name('GrpcBadKs')\n@source(type='grpc', receiver.url='grpc://localhost:0/org.wso2.grpc.EventService/consume', enable.ssl='true', keystore.file='${jks}', keystore.password='wso2carbon', keystore.algorithm='SunX509', @map(type='json')) define stream BarStream (message string);`,
        ),
        /2:1[\s\S]*keystore\.file '.*' is a Java keystore \(JKS\)[\s\S]*keytool -importkeystore/,
      );
      const notPem = join(dir, 'store.p12');
      writeFileSync(notPem, Buffer.from([0x30, 0x82, 0x01, 0x00]));
      await assert.rejects(
        startApp(
          SINK(
            'grpc://localhost:8888/org.wso2.grpc.EventService/consume',
            `, enable.ssl='true', truststore.file='${notPem}'`,
          ),
        ),
        /is not a PEM file/,
      );
      await assert.rejects(
        startApp(
          `@App:name('GrpcNoKs')\n@source(type='grpc', receiver.url='grpc://localhost:0/org.wso2.grpc.EventService/consume', enable.ssl='true', @map(type='json')) define stream BarStream (message string);`,
        ),
        /enable\.ssl='true' needs keystore\.file/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('URLs are checked as Siddhi checks them (Siddhi: testCaseWithWrongProtocol, testCaseWithMalformedURL1/2, testCaseWithShortURL)', async () => {
    await assert.rejects(
      startApp(SINK('grc://localhost:5003/org.wso2.grpc.EventService/consume')),
      /must begin with "grpc"/,
    );
    await assert.rejects(startApp(SINK('grpc://localhost:5003')), /'grpc:\/\/localhost:5003' is not properly given/);
    await assert.rejects(startApp(SINK('grpc:dfasf')), /'grpc:dfasf' is not properly given/);
    await assert.rejects(startApp(SINK('grpc://localhost:5003/a//b')), /no part between two '\/' may be empty/);
    await assert.rejects(
      startApp(SINK('grpc://localhost:5003/org.wso2.grpc.EventService/process')),
      /names the method 'process', but the grpc sink uses EventService's method 'consume'/,
    );
    await assert.rejects(
      startApp(SINK('grpc://localhost:5003/org.wso2.grpc.EventService/consume', '', 'grpc-call')),
      /names the method 'consume', but the grpc-call sink uses EventService's method 'process'/,
    );
    await assert.rejects(
      startApp(
        `@source(type='grpc-service', source.id='1', receiver.url='grpc://localhost:0/org.wso2.grpc.EventService/consume', @map(type='json')) define stream S (a string);`,
      ),
      /the grpc-service source uses EventService's method 'process'/,
    );
    // The short form names a sequence of the default service.
    const short = await startApp(SINK('grpc://localhost:5003/mySeq'));
    await short.stop();
  });

  test('other options: sink.id, source.id, headers, metadata, byte mappers', async () => {
    await assert.rejects(
      startApp(
        `@sink(type='grpc-call', publisher.url='grpc://localhost:1/org.wso2.grpc.EventService/process', @map(type='json')) define stream S (a string);`,
      ),
      /needs option 'sink\.id'/,
    );
    await assert.rejects(
      startApp(
        `@source(type='grpc-service', receiver.url='grpc://localhost:0/org.wso2.grpc.EventService/process', @map(type='json')) define stream S (a string);`,
      ),
      /needs option 'source\.id'/,
    );
    await assert.rejects(
      startApp(`@sink(type='grpc-service-response', source.id='1', @map(type='json')) define stream S (a string);`),
      /needs option 'message\.id'/,
    );
    await assert.rejects(
      startApp(SINK('grpc://localhost:1/org.wso2.grpc.EventService/consume', `, headers="'Name John'"`)),
      /headers item 'Name John' is not 'name:value'/,
    );
    await assert.rejects(
      startApp(SINK('grpc://localhost:1/org.wso2.grpc.EventService/consume', `, metadata="'bad name:1'"`)),
      /metadata name 'bad name' is not allowed/,
    );
    await assert.rejects(
      startApp(
        `@sink(type='grpc', publisher.url='grpc://localhost:1/org.wso2.grpc.EventService/consume', @map(type='avro', schema.def="""{"type":"record","name":"S","fields":[{"name":"a","type":"string"}]}""")) define stream S (a string);`,
      ),
      /@map\(type='avro'\) maps to bytes, but the gRPC EventService carries text/,
    );
    await assert.rejects(
      startApp(SINK('grpc://localhost:1/org.wso2.grpc.EventService/consume', `, keep.alive.time='soon'`)),
      /keep\.alive\.time' must be a whole number/,
    );
  });
});

describe('gRPC over TLS with PEM files', () => {
  let dir = '';
  let cert = '';
  /** A keystore as Tributary reads it: the private key (encrypted with 'wso2carbon') and its certificate. */
  let store = '';
  let plainKey = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tributary-grpc-tls-'));
    const made = selfSignedCert(dir);
    cert = made.cert;
    plainKey = readFileSync(made.key, 'utf8');
    const encrypted = createPrivateKey(plainKey).export({
      type: 'pkcs8',
      format: 'pem',
      cipher: 'aes-256-cbc',
      passphrase: 'wso2carbon',
    });
    store = join(dir, 'store.pem');
    writeFileSync(store, `${String(encrypted)}${readFileSync(cert, 'utf8')}`);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  const KEYSTORE = (): string =>
    `keystore.file='${store}', keystore.password='wso2carbon', keystore.algorithm='SunX509'`;
  const TRUSTSTORE = (): string =>
    `truststore.file='${cert}', truststore.password='wso2carbon', truststore.algorithm='SunX509'`;

  async function tlsPair(
    name: string,
    server: string,
    client: string,
  ): Promise<{ receiver: TestApp; sender: TestApp }> {
    const receiver = await startApp(
      `@App:name('${name}In')
       @source(type='grpc', receiver.url='grpc://localhost:0/org.wso2.grpc.EventService/consume', enable.ssl='true', ${server}, @map(type='json'))
       define stream BarStream (message string);`,
      ['BarStream'],
    );
    const sender = await startApp(
      `@App:name('${name}Out')
       @sink(type='grpc', publisher.url='grpc://localhost:${portOf(receiver)}/org.wso2.grpc.EventService/consume',
             headers="'stream.id:BarStream'", enable.ssl='true', ${client}, @map(type='json'))
       define stream FooStream (message string);`,
    );
    return { receiver, sender };
  }

  test('server authentication (Siddhi: testGrpcSourceWithServerAuth, testForServerAuthentication)', async () => {
    const { receiver, sender } = await tlsPair('GrpcTls', KEYSTORE(), TRUSTSTORE());
    try {
      sender.runtime.getInputHandler('FooStream').send(['Benjamin Watson']);
      await waitFor(() => receiver.events.length === 1, 'the event over TLS');
      assert.deepEqual(receiver.events, [['Benjamin Watson']]);
      // A plain client is not served.
      const plain = client(portOf(receiver));
      const err = await callConsume(plain, [{ payload: '{"message":"x"}', headers: { 'stream.id': 'BarStream' } }]);
      plain.close();
      assert.ok(isError(err) && err.code === grpc.status.UNAVAILABLE, String(err));
    } finally {
      await sender.stop();
      await receiver.stop();
    }
  });

  test('mutual authentication (Siddhi: testGrpcSourceWithMutualAuth, testForMutualAuthentication)', async () => {
    const { receiver, sender } = await tlsPair(
      'GrpcMtls',
      `mutual.auth.enabled='true', ${KEYSTORE()}, ${TRUSTSTORE()}`,
      `mutual.auth.enabled='true', ${KEYSTORE()}, ${TRUSTSTORE()}`,
    );
    const anonymous = await startApp(
      `@App:name('GrpcMtlsAnon')
       @sink(type='grpc', publisher.url='grpc://localhost:${portOf(receiver)}/org.wso2.grpc.EventService/consume',
             headers="'stream.id:BarStream'", enable.ssl='true', ${TRUSTSTORE()}, @map(type='json'))
       define stream FooStream (message string);`,
    );
    try {
      sender.runtime.getInputHandler('FooStream').send(['Benjamin Watson']);
      await waitFor(() => receiver.events.length === 1, 'the event over mutual TLS');
      anonymous.runtime.getInputHandler('FooStream').send(['no certificate']);
      const sink = ioHandles('GrpcMtlsAnon')!.sinks[0]!;
      await waitFor(() => sink.counters.errors === 1, 'the refused call');
      assert.deepEqual(receiver.events, [['Benjamin Watson']]);
    } finally {
      await anonymous.stop();
      await sender.stop();
      await receiver.stop();
    }
  });

  test('grpc-call over TLS; a plaintext call to a TLS server fails (Siddhi: testCallSinkForServerAuthentication, ...Failure)', async () => {
    const server = await peer({
      credentials: grpc.ServerCredentials.createSsl(null, [
        { private_key: Buffer.from(plainKey), cert_chain: readFileSync(cert) },
      ]),
    });
    const app = await startApp(
      `@App:name('GrpcCallTls')
       @sink(type='grpc-call', publisher.url='grpc://localhost:${server.port}/org.wso2.grpc.EventService/process', sink.id='1',
             enable.ssl='true', ${TRUSTSTORE()}, @map(type='json', @payload('{{message}}')))
       define stream FooStream (message string);
       @sink(type='grpc-call', publisher.url='grpc://localhost:${server.port}/org.wso2.grpc.EventService/process', sink.id='1',
             @map(type='json', @payload('{{message}}')))
       define stream PlainStream (message string);
       @source(type='grpc-call-response', sink.id='1', @map(type='json'))
       define stream BarStream (message string);`,
      ['BarStream'],
    );
    try {
      app.runtime.getInputHandler('FooStream').send(['Request 1']);
      await waitFor(() => app.events.length === 1, 'the reply over TLS');
      assert.deepEqual(app.events, [['Hello from Server!']]);
      app.runtime.getInputHandler('PlainStream').send(['Request 2']);
      await waitFor(() => app.lines.some((l) => l.level === 'error' && /UNAVAILABLE/.test(l.msg)), 'the failed call');
      assert.deepEqual(
        server.seen.map((s) => s.payload),
        ['Request 1'],
      );
    } finally {
      await app.stop();
      await server.stop();
    }
  });
});
