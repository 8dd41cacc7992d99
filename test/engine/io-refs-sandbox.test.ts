import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { inMemoryBroker } from '../../src/io/transports/in-memory/broker.js';
import '../../src/io/install.js';
import '../../src/stores/install.js';
import type { IoRefs } from '../../src/lang/io-refs.js';
import { resolveIoRefs } from '../../src/lang/io-refs.js';
import { parseSiddhiApp } from '../../src/lang/parser/index.js';
import { sandboxApp } from '../../src/lang/sandbox.js';

const manager = (refs?: IoRefs): SiddhiManager =>
  new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger(), ...(refs ? { refs } : {}) });

function listen(topic: string): { got: unknown[]; stop: () => void } {
  const got: unknown[] = [];
  return { got, stop: inMemoryBroker.subscribe(topic, (m) => got.push(m)) };
}

function parsed(text: string) {
  const { app } = parseSiddhiApp(text);
  assert.ok(app);
  return app;
}

describe('refs: named source, sink, destination and store configurations', () => {
  test("merge a ref's elements into the annotation; elements written in the annotation win", () => {
    const app = parsed("@sink(ref='out', topic='mine', @map(type='json')) define stream S (a int);");
    const { app: resolved, diagnostics } = resolveIoRefs(app, { out: { type: 'inMemory', topic: 'theirs' } });
    assert.deepEqual(diagnostics, []);
    const sink = resolved.definitions[0]!.annotations[0]!;
    assert.deepEqual(
      sink.elements.map((e) => [e.key, e.value]),
      [
        ['type', 'inMemory'],
        ['topic', 'mine'],
      ],
    );
    assert.equal(sink.annotations[0]!.name, 'map');
  });

  test('a source and a sink built from refs carry events between topics', async () => {
    const gadgets = listen('refs-gadget');
    const r = manager({
      inbound: { type: 'inMemory', topic: 'refs-in' },
      outbound: { type: 'inMemory', topic: 'refs-{{kind}}' },
    }).createSiddhiAppRuntime(
      "@source(ref='inbound', @map(type='passThrough')) define stream In (kind string, qty int);\n" +
        "@sink(ref='outbound', @map(type='passThrough')) define stream Out (kind string, qty int);\n" +
        'from In select * insert into Out;',
    );
    r.start();
    inMemoryBroker.publish('refs-in', ['gadget', 3]);
    inMemoryBroker.publish('refs-in', ['widget', 4]);
    assert.deepEqual(gadgets.got, [['gadget', 3]]);
    await r.shutdown();
    gadgets.stop();
  });

  test('@destination refs of a distributed sink', async () => {
    const east = listen('refs-east');
    const west = listen('refs-west');
    const r = manager({ bus: { type: 'inMemory' }, e: { topic: 'refs-east' }, w: { topic: 'refs-west' } })
      .createSiddhiAppRuntime(`define stream S (n int);
        @sink(ref='bus', @map(type='passThrough'), @distribution(strategy='roundRobin', @destination(ref='e'), @destination(ref='w')))
        define stream T (n int);
        from S select * insert into T;`);
    r.start();
    const h = r.getInputHandler('S');
    for (const n of [1, 2, 3]) h.send([n]);
    assert.deepEqual([east.got, west.got], [[[1], [3]], [[2]]]);
    await r.shutdown();
    east.stop();
    west.stop();
  });

  test('a ref with no configuration fails creation at the annotation, naming the known refs', () => {
    assert.throws(
      () =>
        manager({ bus: { type: 'inMemory' } }).createSiddhiAppRuntime("\n  @sink(ref='bsu') define stream S (a int);"),
      /2:3 @sink\(ref='bsu'\) names no configuration: known refs are bus/,
    );
    assert.throws(
      () => manager().createSiddhiAppRuntime("@source(ref='x') define stream S (a int);"),
      /names no configuration: pass it in the SiddhiManager's refs/,
    );
  });
});

describe('sandbox runtime', () => {
  test('keeps only inMemory sources and sinks and drops @store from tables', () => {
    const app = sandboxApp(
      parsed(`@source(type='http', receiver.url='http://localhost:1/x') @source(type='inMemory', topic='a')
        @sink(type='log') define stream S (a int);
        @store(type='rdbms', jdbc.url='jdbc:nowhere') @PrimaryKey('a') define table T (a int);`),
    );
    const [s, t] = app.definitions;
    assert.deepEqual(
      s!.annotations.map((a) => [a.name, a.elements.find((e) => e.key === 'type')?.value]),
      [['source', 'inMemory']],
    );
    assert.deepEqual(
      t!.annotations.map((a) => a.name),
      ['PrimaryKey'],
    );
  });

  test('runs the logic of an app whose transports and stores are not available', async () => {
    const r = manager().createSandboxSiddhiAppRuntime(`
      @source(type='kafka', topic='parts', bootstrap.servers='nowhere:9092') define stream Parts (code string, qty long);
      define stream Lookup (code string);
      @store(type='rdbms', jdbc.url='jdbc:mysql://nowhere/db') define table Stock (code string, qty long);
      from Parts insert into Stock;
      from Lookup join Stock on Lookup.code == Stock.code select Stock.code, Stock.qty insert into Found;`);
    const found: unknown[] = [];
    r.addStreamCallback('Found', (es) => found.push(...es.map((e) => e.data)));
    r.start();
    r.getInputHandler('Parts').send(['bolt', 5]);
    r.getInputHandler('Parts').send(['nut', 9]);
    r.getInputHandler('Lookup').send(['bolt']);
    assert.deepEqual(found, [['bolt', 5]]);
    await r.shutdown();
  });
});
