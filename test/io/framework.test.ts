import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFiles } from '../../src/cli/commands/validate.js';
import {
  SiddhiManager,
  inMemoryBroker,
  ioCounters,
  ioHandles,
  memoryLogger,
  type ErrorStoreHook,
  type LogLine,
} from '../../src/index.js';

function app(text: string, lines: LogLine[] = []) {
  const manager = new SiddhiManager({ clock: 'virtual', startTime: 1000, logger: memoryLogger(lines) });
  const runtime = manager.createSiddhiAppRuntime(text);
  runtime.start();
  return { manager, runtime, lines };
}

function collect(topic: string): { messages: unknown[]; stop: () => void } {
  const messages: unknown[] = [];
  const stop = inMemoryBroker.subscribe(topic, (m) => messages.push(m));
  return { messages, stop };
}

describe('inMemory source and sink', () => {
  test('messages go through the mappers both ways; dynamic topics resolve per event', async () => {
    const wso2 = collect('fw-out-WSO2');
    const ibm = collect('fw-out-IBM');
    const { manager } = app(`@App:name('Fw1')
      @source(type='inMemory', topic='fw-in', @map(type='json')) define stream In (symbol string, price float);
      @sink(type='inMemory', topic='fw-out-{{symbol}}', @map(type='text')) define stream Out (symbol string, price float);
      from In select * insert into Out;`);
    inMemoryBroker.publish(
      'fw-in',
      '[{"event":{"symbol":"WSO2","price":55.6}},{"event":{"symbol":"IBM","price":75.5}}]',
    );
    inMemoryBroker.publish('fw-in', '{"event":{"symbol":"WSO2","price":1.0}}');
    assert.deepEqual(wso2.messages, ['symbol:"WSO2",\nprice:55.6', 'symbol:"WSO2",\nprice:1.0']);
    assert.deepEqual(ibm.messages, ['symbol:"IBM",\nprice:75.5']);
    await manager.shutdown();
    assert.equal(inMemoryBroker.subscriberCount('fw-in'), 0, 'shutdown unsubscribes the source');
    wso2.stop();
    ibm.stop();
  });

  test('a malformed message is logged with its content and counted; events after it still flow', async () => {
    const out: unknown[] = [];
    const { manager, runtime, lines } = app(`@App:name('Fw2')
      @source(type='inMemory', topic='fw2', @map(type='json')) define stream In (symbol string, price float);`);
    runtime.addStreamCallback('In', (es) => out.push(...es.map((e) => e.data)));
    inMemoryBroker.publish('fw2', '{"event":{"symbol":');
    inMemoryBroker.publish('fw2', '{"event":{"symbol":"A","price":2.5}}');
    assert.deepEqual(out, [['A', 2.5]]);
    const c = ioCounters('Fw2').find((x) => x.kind === 'source')!;
    assert.deepEqual([c.messages, c.events, c.errors], [2, 1, 1]);
    const err = lines.filter((l) => l.level === 'error');
    assert.equal(err.length, 1);
    assert.equal(err[0]!.payload, '{"event":{"symbol":');
    assert.equal(err[0]!.stream, 'In');
    await manager.shutdown();
  });

  test("@OnError(action='STORE') sends malformed messages to the manager's error store", async () => {
    const stored: Parameters<ErrorStoreHook['store']>[0][] = [];
    const manager = new SiddhiManager({
      clock: 'virtual',
      startTime: 1000,
      logger: memoryLogger([]),
      errorStore: { store: (e) => stored.push(e) },
    });
    manager
      .createSiddhiAppRuntime(
        `@App:name('Fw3')
        @OnError(action='STORE') @source(type='inMemory', topic='fw3', @map(type='json')) define stream In (symbol string);`,
      )
      .start();
    inMemoryBroker.publish('fw3', 'not json');
    assert.equal(stored.length, 1);
    const e = stored[0]!;
    assert.deepEqual([e.app, e.stream, e.events], ['Fw3', 'In', [{ timestamp: 1000, data: ['not json'] }]]);
    assert.match(String(e.error), /^Error: could not map a message of the 'inMemory' source: /);
    await manager.shutdown();
  });

  test('pause holds messages, resume delivers them in order', async () => {
    const out: unknown[] = [];
    const { manager, runtime } = app(`@App:name('Fw4')
      @source(type='inMemory', topic='fw4') define stream In (n long);`);
    runtime.addStreamCallback('In', (es) => out.push(...es.map((e) => e.data[0])));
    inMemoryBroker.publish('fw4', [1]);
    ioHandles('Fw4')!.pause();
    inMemoryBroker.publish('fw4', [2]);
    inMemoryBroker.publish('fw4', [3]);
    assert.deepEqual(out, [1]);
    ioHandles('Fw4')!.resume();
    assert.deepEqual(out, [1, 2, 3]);
    await manager.shutdown();
  });
});

describe('an app started again after a shutdown', () => {
  test('lists its sources and sinks again: handles and counters', async () => {
    const out = collect('fw-again-out');
    const { runtime } = app(`@App:name('FwAgain')
      @source(type='inMemory', topic='fw-again-in', @map(type='passThrough')) define stream In (n int);
      @sink(type='inMemory', topic='fw-again-out', @map(type='passThrough')) define stream Out (n int);
      from In select * insert into Out;`);
    await runtime.shutdown();
    assert.equal(ioHandles('FwAgain'), undefined);
    assert.deepEqual(ioCounters('FwAgain'), []);
    runtime.start();
    inMemoryBroker.publish('fw-again-in', [7]);
    assert.deepEqual(out.messages, [[7]]);
    assert.equal(ioHandles('FwAgain')?.sources.length, 1);
    assert.deepEqual(
      ioCounters('FwAgain').map((c) => [c.kind, c.messages]),
      [
        ['source', 1],
        ['sink', 1],
      ],
    );
    await runtime.shutdown();
    out.stop();
  });
});

describe('inMemory sink without subscribers', () => {
  test("the message follows on.error: a fault stream gets it with the broker's reason", async () => {
    const { manager, runtime } = app(`@App:name('FwNoSub1')
      define stream In (code string, qty int);
      @OnError(action='STREAM')
      @sink(type='inMemory', topic='fw-nosub-{{code}}', on.error='STREAM', @map(type='passThrough'))
      define stream Out (code string, qty int);
      from In select * insert into Out;`);
    const faults: unknown[][] = [];
    runtime.addStreamCallback('!Out', (es) => faults.push(...es.map((e) => e.data)));
    runtime.getInputHandler('In').send(['bolt', 4]);
    assert.equal(faults.length, 1);
    assert.deepEqual(faults[0]!.slice(0, 2), ['bolt', 4]);
    assert.match(String(faults[0]![2]), /Subscriber for topic 'fw-nosub-bolt' is unavailable/);
    await manager.shutdown();
  });

  test('by default the message is logged and dropped, and the next one to a listened topic still goes out', async () => {
    const nuts = collect('fw-nosub-nut');
    const { manager, runtime, lines } = app(`@App:name('FwNoSub2')
      define stream In (code string, qty int);
      @sink(type='inMemory', topic='fw-nosub-{{code}}', @map(type='passThrough')) define stream Out (code string, qty int);
      from In select * insert into Out;`);
    const h = runtime.getInputHandler('In');
    h.send(['nut', 1]);
    h.send(['bolt', 2]);
    h.send(['nut', 3]);
    assert.deepEqual(nuts.messages, [
      ['nut', 1],
      ['nut', 3],
    ]);
    const dropped = lines.filter((l) => l.level === 'error').map((l) => l.msg);
    assert.deepEqual(dropped, [
      "sink 'inMemory' of stream 'Out' dropped events: Subscriber for topic 'fw-nosub-bolt' is unavailable",
    ]);
    await manager.shutdown();
    nuts.stop();
  });
});

describe('distribution', () => {
  const APP = (strategy: string, extra = '') => `@App:name('FwDist')
    define stream In (symbol string, n long);
    @sink(type='inMemory', @map(type='passThrough'),
      @distribution(strategy='${strategy}'${extra}, @destination(topic='d-0'), @destination(topic='d-1'), @destination(topic='d-2')))
    define stream Out (symbol string, n long);
    from In select * insert into Out;`;

  function run(strategy: string, extra = ''): unknown[][] {
    const subs = [collect('d-0'), collect('d-1'), collect('d-2')];
    const { manager, runtime } = app(APP(strategy, extra));
    const h = runtime.getInputHandler('In');
    for (const [i, s] of ['a', 'b', 'c', 'a', 'b'].entries()) h.send([s, i]);
    void manager.shutdown();
    for (const s of subs) s.stop();
    return subs.map((s) => s.messages as unknown[]);
  }

  test('roundRobin takes the destinations in turn', () => {
    assert.deepEqual(run('roundRobin'), [
      [
        ['a', 0],
        ['a', 3],
      ],
      [
        ['b', 1],
        ['b', 4],
      ],
      [['c', 2]],
    ]);
  });

  test('broadcast sends every message to all', () => {
    const all = run('broadcast');
    for (const d of all) assert.equal(d.length, 5);
  });

  test('partitioned keeps a key on one destination (Java String.hashCode mod n)', () => {
    // "a".hashCode() = 97 -> 1, "b" = 98 -> 2, "c" = 99 -> 0
    assert.deepEqual(run('partitioned', ", partitionKey='symbol'"), [
      [['c', 2]],
      [
        ['a', 0],
        ['a', 3],
      ],
      [
        ['b', 1],
        ['b', 4],
      ],
    ]);
  });
});

describe('log sink', () => {
  test('logs Event{...} with the default prefix; custom prefix and priority; mapped messages', async () => {
    const lines: LogLine[] = [];
    const { manager, runtime } = app(
      `@App:name('FwLog') define stream In (name string, amount double);
       @sink(type='log') define stream A (name string, amount double);
       @sink(type='log', prefix='Sweets', priority='WARN', @map(type='json')) define stream B (name string, amount double);
       @sink(type='log', priority='OFF') define stream C (name string, amount double);
       from In select * insert into A; from In select * insert into B; from In select * insert into C;`,
      lines,
    );
    runtime.getInputHandler('In').send(['toffee', 12.0]);
    assert.deepEqual(
      lines.map((l) => [l.level, l.msg]),
      [
        ['info', 'FwLog : A : Event{timestamp=1000, data=[toffee, 12.0], isExpired=false}'],
        ['warn', 'Sweets : {"event":{"name":"toffee","amount":12.0}}'],
      ],
    );
    await manager.shutdown();
  });
});

describe('app creation errors', () => {
  const m = new SiddhiManager({ logger: memoryLogger() });
  const cases: [string, string, RegExp][] = [
    [
      'unknown sink type',
      `define stream S (a string);\n@sink(type='kafka2') define stream T (a string);`,
      /2:1 no sink of type 'kafka2'/,
    ],
    [
      'unknown map type',
      `@source(type='inMemory', topic='x', @map(type='yaml')) define stream S (a string);`,
      /1:\d+ no source mapper of type 'yaml'/,
    ],
    [
      'missing mandatory option',
      `\n\n  @sink(type='inMemory') define stream S (a string);`,
      /3:3 sink 'inMemory' needs option 'topic'/,
    ],
    [
      'unknown attribute in a dynamic option',
      `@sink(type='inMemory', topic='{{b}}') define stream S (a string);`,
      /'\{\{b\}\}'.*names no attribute/,
    ],
    [
      'bad on.error',
      `@sink(type='inMemory', topic='t', on.error='retry') define stream S (a string);`,
      /on.error='RETRY' is not one of/,
    ],
    [
      'bad strategy',
      `@sink(type='inMemory', topic='t', @distribution(strategy='random', @destination(topic='x'))) define stream S (a string);`,
      /strategy 'random'/,
    ],
    [
      'partitionKey not an attribute',
      `@sink(type='inMemory', @distribution(strategy='partitioned', partitionKey='z', @destination(topic='x'))) define stream S (a string);`,
      /partitionKey 'z'/,
    ],
    [
      'mapper rejects its configuration',
      `@sink(type='inMemory', topic='t', @map(type='json', @payload('{{nope}}'))) define stream S (a string);`,
      /nope/,
    ],
    ['log priority', `@sink(type='log', priority='LOUD') define stream S (a string);`, /priority 'LOUD'/],
    [
      'a number option that is not a number (no silent default)',
      `@source(type='inMemory', topic='t', retry.interval='20ms', @map(type='passThrough')) define stream S (a string);`,
      /1:1 option 'retry\.interval' must be a number, not '20ms'/,
    ],
    [
      'passThrough with @attributes naming only some attributes',
      `@source(type='inMemory', topic='t', @map(type='passThrough', @attributes(code='code'))) define stream S (code string, qty int);`,
      /attribute 'qty' is not mapped/,
    ],
    [
      'passThrough with fewer positional @attributes than attributes',
      `@source(type='inMemory', topic='t', @map(type='passThrough', @attributes('code'))) define stream S (code string, qty int);`,
      /'1' mapping attributes are provided but expected attributes are '2'/,
    ],
  ];
  for (const [name, text, re] of cases) {
    test(name, () => {
      assert.throws(() => m.createSiddhiAppRuntime(text), re);
    });
  }

  test('passThrough with @attributes mapping every attribute is accepted and still passes data through', async () => {
    const { manager, runtime } = app(`@App:name('FwAttrs')
      @source(type='inMemory', topic='fw-attrs', @map(type='passThrough', @attributes(qty='qty', code='code')))
      define stream S (code string, qty int);`);
    const got: unknown[] = [];
    runtime.addStreamCallback('S', (es) => got.push(...es.map((e) => e.data)));
    inMemoryBroker.publish('fw-attrs', ['bolt', 7]);
    assert.deepEqual(got, [['bolt', 7]]);
    await manager.shutdown();
  });
});

describe('options Tributary does not use', () => {
  test('are warned about at creation, naming the source or sink and the stream; framework options are not', async () => {
    const lines: LogLine[] = [];
    const m = new SiddhiManager({ logger: memoryLogger(lines) });
    try {
      m.createSiddhiAppRuntime(`@App:name('Unused')
        @source(type='inMemory', topic='in', partition.no.list='0,1', retry.interval='50', @map(type='passThrough'))
        define stream In (a string);
        @sink(type='inMemory', topic='out', on.error='LOG', publsher.url='typo', @map(type='passThrough'))
        define stream Out (a string);
        from In select * insert into Out;`);
      assert.deepEqual(
        lines.filter((l) => l.level === 'warn').map((l) => l.msg),
        [
          "source 'inMemory' of stream 'In': option(s) partition.no.list not used by Tributary (ignored)",
          "sink 'inMemory' of stream 'Out': option(s) publsher.url not used by Tributary (ignored)",
        ],
      );
    } finally {
      await m.shutdown();
    }
  });

  test("mapper options too; a family of options (the text mapper's regex.A, regex.B) counts as known", async () => {
    const lines: LogLine[] = [];
    const m = new SiddhiManager({ logger: memoryLogger(lines) });
    try {
      m.createSiddhiAppRuntime(`@App:name('UnusedMap')
        @source(type='inMemory', topic='in', @map(type='text', regex.A='(\\w+)', regex.B='(\\d+)', fail.on.unknown.attribute='false', @attributes(a='A[1]', b='B[1]')))
        define stream In (a string, b string);
        @sink(type='inMemory', topic='out', @map(type='json', enclosing.element='$.data', colour='red'))
        define stream Out (a string, b string);
        from In select * insert into Out;`);
      assert.deepEqual(
        lines.filter((l) => l.level === 'warn').map((l) => l.msg),
        [
          "source mapper 'text' of stream 'In': option(s) fail.on.unknown.attribute not used by Tributary (ignored)",
          "sink mapper 'json' of stream 'Out': option(s) colour not used by Tributary (ignored)",
        ],
      );
    } finally {
      await m.shutdown();
    }
  });

  test('validate prints them as warnings of an app that is valid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-unused-'));
    const file = join(dir, 'app.siddhi');
    await writeFile(file, `@source(type='inMemory', topic='in', colour='blue') define stream In (a string);`);
    try {
      assert.deepEqual(validateFiles([file]), [
        {
          file,
          ok: true,
          errors: [],
          warnings: ["source 'inMemory' of stream 'In': option(s) colour not used by Tributary (ignored)"],
        },
      ]);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
