import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer } from 'ws';
import { ioCounters, ioHandles } from '../../src/index.js';
import { endpointOf, freePort, startApp, waitFor, withTimeout } from './helpers.js';

function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return withTimeout(
    new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    }),
    5000,
    `connect to ${url}`,
  );
}

async function server(port: number): Promise<{ wss: WebSocketServer; got: string[]; clients: () => WebSocket[] }> {
  const got: string[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port });
  wss.on('connection', (ws) => ws.on('message', (d) => got.push((d as Buffer).toString('utf8'))));
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return { wss, got, clients: () => [...wss.clients] };
}

async function stopServer(wss: WebSocketServer): Promise<void> {
  for (const c of wss.clients) c.terminate();
  await new Promise<void>((r) => wss.close(() => r()));
}

describe('websocket-server', () => {
  test('source: clients send JSON events; a malformed one is counted', async () => {
    const app = await startApp(
      `@App:name('WsSrv1') @source(type='websocket-server', host='127.0.0.1', port='0', @map(type='json'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      const ws = await open(endpointOf(app));
      ws.send('{"event":{"name":"toffee","amount":12.5}}');
      ws.send('{oops');
      ws.send('[{"name":"gum","amount":1.0},{"name":"mint","amount":2.0}]');
      await waitFor(() => app.events.length === 3, 'three events');
      assert.deepEqual(app.events, [
        ['toffee', 12.5],
        ['gum', 1],
        ['mint', 2],
      ]);
      assert.equal(ioCounters('WsSrv1')[0]!.errors, 1);
      ws.close();
    } finally {
      await app.stop();
    }
  });

  test('sink: every connected client gets every message', async () => {
    const app = await startApp(
      `@App:name('WsSrv2') define stream In (name string, amount double);
       @sink(type='websocket-server', host='127.0.0.1', port='0', @map(type='json')) define stream Out (name string, amount double);
       from In select * insert into Out;`,
    );
    try {
      const sink = ioHandles('WsSrv2')!.sinks[0]!;
      await sink.whenConnected();
      const url = sink.endpoints[0]!;
      const a = await open(url);
      const b = await open(url);
      const got: [string, string][] = [];
      a.on('message', (d) => got.push(['a', (d as Buffer).toString('utf8')]));
      b.on('message', (d) => got.push(['b', (d as Buffer).toString('utf8')]));
      app.runtime.getInputHandler('In').send(['toffee', 3.5]);
      await waitFor(() => got.length === 2, 'both clients');
      assert.deepEqual(got.sort(), [
        ['a', '{"event":{"name":"toffee","amount":3.5}}'],
        ['b', '{"event":{"name":"toffee","amount":3.5}}'],
      ]);
      a.close();
      b.close();
    } finally {
      await app.stop();
    }
  });
});

describe('websocket client', () => {
  test('source reconnects when the server goes away and comes back', async () => {
    const port = await freePort();
    let srv = await server(port);
    const app = await startApp(
      `@App:name('WsCli1') @source(type='websocket', url='ws://127.0.0.1:${port}/feed', retry.interval='10', retry.interval.max='40', @map(type='text'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => srv.clients().length === 1, 'the app to connect');
      srv.clients()[0]!.send('name:"toffee",\namount:1.5');
      await waitFor(() => app.events.length === 1, 'the first event');
      await stopServer(srv.wss);
      await waitFor(() => app.lines.some((l) => /lost its connection/.test(l.msg)), 'the loss to be noticed');
      srv = await server(port);
      await waitFor(() => srv.clients().length === 1, 'the app to reconnect');
      srv.clients()[0]!.send('name:"gum",\namount:2.0');
      await waitFor(() => app.events.length === 2, 'the event after reconnecting');
      assert.deepEqual(app.events, [
        ['toffee', 1.5],
        ['gum', 2],
      ]);
    } finally {
      await app.stop();
      await stopServer(srv.wss);
    }
  });

  test("sink with on.error='WAIT' queues while the server is away and sends in order when it is back", async () => {
    const port = await freePort();
    let srv = await server(port);
    const app = await startApp(
      `@App:name('WsCli2') define stream In (n long);
       @sink(type='websocket', url='ws://127.0.0.1:${port}/out', on.error='WAIT', retry.interval='10', retry.interval.max='40', @map(type='text', @payload('n={{n}}')))
       define stream Out (n long);
       from In select * insert into Out;`,
    );
    try {
      const sink = ioHandles('WsCli2')!.sinks[0]!;
      await sink.whenConnected();
      const h = app.runtime.getInputHandler('In');
      h.send([1]);
      await waitFor(() => srv.got.length === 1, 'the first message');
      await stopServer(srv.wss);
      await waitFor(() => app.lines.some((l) => /lost its connection/.test(l.msg)), 'the loss to be noticed');
      h.send([2]);
      h.send([3]);
      srv = await server(port);
      await waitFor(() => srv.got.length === 2, 'the queued messages');
      assert.deepEqual(srv.got, ['n=2', 'n=3']);
    } finally {
      await app.stop();
      await stopServer(srv.wss);
    }
  });
});
