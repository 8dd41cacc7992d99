import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { SiddhiManager, ioHandles, memoryLogger } from '../../src/index.js';
import { freePort, startApp, waitFor } from './helpers.js';

async function get(url: string): Promise<string> {
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return res.text();
}

function sinkEndpoint(app: string, index: number): string {
  const e = ioHandles(app)?.sinks[index]?.endpoints[0];
  if (!e) throw new Error(`sink ${index} of ${app} has no endpoint`);
  return e;
}

async function connectSinks(app: string): Promise<void> {
  for (const s of ioHandles(app)!.sinks) await s.whenConnected(5000);
}

interface Request {
  method: string;
  path: string;
  body: string;
}

/** A peer over real HTTP: records each request and replies with `reply(n)` (default 200 and `text`). */
async function peer(
  text = '',
  reply: (n: number) => number = () => 200,
): Promise<{ server: Server; url: string; got: Request[]; setText(t: string): void }> {
  const got: Request[] = [];
  let body = text;
  const server = createServer((req, res) => {
    let received = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (received += c));
    req.on('end', () => {
      got.push({ method: req.method ?? '', path: req.url ?? '', body: received });
      res.writeHead(reply(got.length), { 'content-type': 'text/plain; version=0.0.4' }).end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { server, url: `http://127.0.0.1:${port}`, got, setText: (t) => (body = t) };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}

describe('prometheus sink, server mode', () => {
  test('serves counter, gauge, histogram and summary in the text exposition format', async () => {
    const app = await startApp(`@App:name('PromServe')
      @sink(type='prometheus', job='SweetProduction', server.url='http://127.0.0.1:0', publish.mode='server', metric.type='counter', value.attribute='amount', @map(type='keyvalue'))
      define stream SweetProductionStream (Name string, amount double);
      @sink(type='prometheus', server.url='http://127.0.0.1:0', metric.type='gauge', metric.name='inventory_level', metric.help='Current level of inventory')
      define stream Inventory (Name string, site int, value int);
      @sink(type='prometheus', server.url='http://127.0.0.1:0', metric.type='histogram', metric.name='order_size', buckets='2, 4, 8', value.attribute='size', @map(type='keyvalue'))
      define stream Orders (Name string, size long);
      @sink(type='prometheus', server.url='http://127.0.0.1:0', metric.type='summary', metric.name='latency', quantiles='0.5,0.9', @map(type='keyvalue'))
      define stream Latency (route string, value double);
      @sink(type='prometheus', server.url='http://127.0.0.1:0', metric.type='summary', metric.name='plain_summary')
      define stream Plain (route string, value float);`);
    try {
      await connectSinks('PromServe');
      const send = (stream: string, ...rows: unknown[][]): void => {
        for (const r of rows) app.runtime.getInputHandler(stream).send(r);
      };
      // the sample of WSO2 SI's PublishPrometheusMetricsHTTPServer
      send('SweetProductionStream', ['toffees', 55.4], ['gingerbread', 72.3], ['toffees', 32.4], ['lollipop', 23.8]);
      send('Inventory', ['bolts', 1, 10], ['bolts', 1, -3], ['nuts', 2, 5]);
      send('Orders', ['a', 1n], ['a', 3], ['a', 8], ['a', 9], ['b', 4]);
      send('Latency', ['x', 0.25]);
      send('Plain', ['y', 1.5], ['y', 2.5]);

      assert.equal(
        await get(sinkEndpoint('PromServe', 0)),
        [
          '# HELP SweetProductionStream help for counter SweetProductionStream',
          '# TYPE SweetProductionStream counter',
          'SweetProductionStream{Name="toffees"} 87.8',
          'SweetProductionStream{Name="gingerbread"} 72.3',
          'SweetProductionStream{Name="lollipop"} 23.8',
          '',
        ].join('\n'),
      );
      // a gauge is incremented by the value, as siddhi-io-prometheus does (not set to it)
      assert.equal(
        await get(sinkEndpoint('PromServe', 1)),
        [
          '# HELP inventory_level Current level of inventory',
          '# TYPE inventory_level gauge',
          'inventory_level{Name="bolts",site="1"} 7',
          'inventory_level{Name="nuts",site="2"} 5',
          '',
        ].join('\n'),
      );
      assert.equal(
        await get(sinkEndpoint('PromServe', 2)),
        [
          '# HELP order_size help for histogram order_size',
          '# TYPE order_size histogram',
          'order_size_bucket{le="2",Name="a"} 1',
          'order_size_bucket{le="4",Name="a"} 2',
          'order_size_bucket{le="8",Name="a"} 3',
          'order_size_bucket{le="+Inf",Name="a"} 4',
          'order_size_sum{Name="a"} 21',
          'order_size_count{Name="a"} 4',
          'order_size_bucket{le="2",Name="b"} 0',
          'order_size_bucket{le="4",Name="b"} 1',
          'order_size_bucket{le="8",Name="b"} 1',
          'order_size_bucket{le="+Inf",Name="b"} 1',
          'order_size_sum{Name="b"} 4',
          'order_size_count{Name="b"} 1',
          '',
        ].join('\n'),
      );
      assert.equal(
        await get(sinkEndpoint('PromServe', 3)),
        [
          '# HELP latency help for summary latency',
          '# TYPE latency summary',
          'latency{quantile="0.5",route="x"} 0.25',
          'latency{quantile="0.9",route="x"} 0.25',
          'latency_sum{route="x"} 0.25',
          'latency_count{route="x"} 1',
          '',
        ].join('\n'),
      );
      // without quantiles a summary has only _sum and _count (as the Java client's)
      assert.equal(
        await get(sinkEndpoint('PromServe', 4)),
        [
          '# HELP plain_summary help for summary plain_summary',
          '# TYPE plain_summary summary',
          'plain_summary_sum{route="y"} 4',
          'plain_summary_count{route="y"} 2',
          '',
        ].join('\n'),
      );
    } finally {
      await app.stop();
    }
  });

  test('sinks with the same server.url share one server, on any path; a negative counter increment is an error', async () => {
    const port = await freePort();
    const app = await startApp(`@App:name('PromShared')
      @sink(type='prometheus', server.url='http://127.0.0.1:${port}', metric.type='counter', metric.name='a_total')
      define stream A (k string, value int);
      @sink(type='prometheus', server.url='http://127.0.0.1:${port}/ignored/path', metric.type='gauge', metric.name='b_level')
      define stream B (value double);`);
    try {
      await connectSinks('PromShared');
      app.runtime.getInputHandler('A').send(['x', 2]);
      app.runtime.getInputHandler('A').send(['x', -1]);
      app.runtime.getInputHandler('B').send([1.5]);
      const expected = [
        '# HELP a_total help for counter a_total',
        '# TYPE a_total counter',
        'a_total{k="x"} 2',
        '# HELP b_level help for gauge b_level',
        '# TYPE b_level gauge',
        'b_level 1.5',
        '',
      ].join('\n');
      assert.equal(await get(`http://127.0.0.1:${port}/metrics`), expected);
      assert.equal(await get(`http://127.0.0.1:${port}/`), expected);
      assert.ok(app.lines.some((l) => /negative value/.test(l.msg)));
    } finally {
      await app.stop();
    }
    // the server is gone with the last sink
    await assert.rejects(fetch(`http://127.0.0.1:${port}/metrics`));
  });
});

describe('prometheus sink, pushgateway mode', () => {
  test('pushes to /metrics/job/<job>/<grouping key> with POST (pushadd) or PUT (push)', async () => {
    const gateway = await peer();
    const app = await startApp(`@App:name('PromPush')
      @sink(type='prometheus', publish.mode='pushgateway', push.url='${gateway.url}', job='inventoryLevel', grouping.key="'site:colombo','floor:2'", metric.type='gauge', metric.help='Current level of inventory', @map(type='keyvalue'))
      define stream InventoryLevelStream (Name string, value int);
      @sink(type='prometheus', publish.mode='pushgateway', push.url='${gateway.url}', push.operation='push', metric.type='counter', metric.name='orders')
      define stream Orders (value int);`);
    try {
      await connectSinks('PromPush');
      // connecting pushes (pushadd) once, as siddhi-io-prometheus does
      const onConnect = gateway.got.map((r) => `${r.method} ${r.path}`).sort();
      assert.deepEqual(onConnect, [
        'POST /metrics/job/inventoryLevel/site/colombo/floor/2',
        'POST /metrics/job/siddhiJob',
      ]);
      gateway.got.length = 0;
      app.runtime.getInputHandler('InventoryLevelStream').send(['bolts', 10]);
      await waitFor(() => gateway.got.length === 1, 'the gauge push');
      app.runtime.getInputHandler('Orders').send([3]);
      await waitFor(() => gateway.got.length === 2, 'the counter push');
      assert.deepEqual(gateway.got, [
        {
          method: 'POST',
          path: '/metrics/job/inventoryLevel/site/colombo/floor/2',
          body: [
            '# HELP InventoryLevelStream Current level of inventory',
            '# TYPE InventoryLevelStream gauge',
            'InventoryLevelStream{Name="bolts"} 10',
            '',
          ].join('\n'),
        },
        {
          method: 'PUT',
          path: '/metrics/job/siddhiJob',
          body: ['# HELP orders help for counter orders', '# TYPE orders counter', 'orders 3', ''].join('\n'),
        },
      ]);
    } finally {
      await app.stop();
      await close(gateway.server);
    }
  });

  test('a Pushgateway that is away (503) is retried under on.error WAIT without counting the event twice', async () => {
    // replies: 200 to the push on connect, 503 to the first event's push, then 200
    const gateway = await peer('', (n) => (n === 2 ? 503 : 200));
    const app = await startApp(`@App:name('PromPushRetry')
      @sink(type='prometheus', publish.mode='pushgateway', push.url='${gateway.url}', job='j', metric.type='counter', metric.name='c', on.error='WAIT', retry.interval='10')
      define stream C (value int);`);
    try {
      await connectSinks('PromPushRetry');
      app.runtime.getInputHandler('C').send([5]);
      await waitFor(() => gateway.got.length >= 3, 'the retried push');
      app.runtime.getInputHandler('C').send([1]);
      await waitFor(() => gateway.got.some((r) => /^c 6$/m.test(r.body)), 'the push of the next event');
      // every push after the refused one carries the counter once incremented by 5, then by 1: never 10
      const values = gateway.got.slice(1).map((r) => Number(/^c (\S+)$/m.exec(r.body)?.[1]));
      assert.equal(values[0], 5);
      assert.ok(
        values.every((v) => v === 5 || v === 6),
        `pushed values ${values.join(', ')}`,
      );
      assert.equal(gateway.got[1]!.method, 'POST');
    } finally {
      await app.stop();
      await close(gateway.server);
    }
  });
});

const EXPOSITION = [
  '# HELP sweet_production_counter Sweets produced',
  '# TYPE sweet_production_counter counter',
  'sweet_production_counter{name="toffee",quantity="10",job="factory"} 55.4',
  'sweet_production_counter{name="gingerbread",quantity="5",job="bakery"} 72',
  '# HELP sweet_production_histogram Sizes of batches',
  '# TYPE sweet_production_histogram histogram',
  'sweet_production_histogram_bucket{name="toffee",le="5.0",} 1.0',
  'sweet_production_histogram_bucket{name="toffee",le="+Inf",} 2.0',
  'sweet_production_histogram_count{name="toffee",} 2.0',
  'sweet_production_histogram_sum{name="toffee",} 13.5',
  '# HELP sweet_production_summary Batch times',
  '# TYPE sweet_production_summary summary',
  'sweet_production_summary{name="toffee",quantile="0.5",} 3.25',
  'sweet_production_summary_count{name="toffee",} 4.0',
  'sweet_production_summary_sum{name="toffee",} 13.0',
  'sweet_production_summary_total_other 1',
  '',
].join('\n');

describe('prometheus source', () => {
  test('maps each sample of counter, histogram and summary to an event', async () => {
    const target = await peer(EXPOSITION);
    const url = `${target.url}/metrics`;
    const app = await startApp(
      `@App:name('PromScrape')
      @source(type='prometheus', target.url='${url}', metric.type='counter', metric.name='sweet_production_counter', @map(type='keyvalue'))
      define stream Counter (metric_name string, metric_type string, help string, subtype string, name string, quantity string, value double);
      @source(type='prometheus', target.url='${url}', metric.type='counter', metric.name='sweet_production_counter', job='FACTORY', @map(type='keyvalue'))
      define stream FactoryOnly (name string, value int);
      @source(type='prometheus', target.url='${url}', metric.type='histogram', metric.name='sweet_production_histogram', @map(type='keyvalue'))
      define stream Histogram (metric_name string, metric_type string, help string, subtype string, name string, le string, value double);
      @source(type='prometheus', target.url='${url}', metric.type='summary', metric.name='sweet_production_summary')
      define stream Summary (subtype string, name string, quantile string, value long);
      @source(type='prometheus', target.url='${url}', metric.type='gauge', metric.name='sweet_production_counter', @map(type='keyvalue'))
      define stream WrongType (name string, value double);`,
      ['Counter', 'FactoryOnly', 'Histogram', 'Summary', 'WrongType'],
    );
    try {
      await waitFor(() => app.streams.get('Summary')!.length === 3, 'the summary events');
      assert.deepEqual(app.streams.get('Counter'), [
        ['sweet_production_counter', 'counter', 'Sweets produced', 'null', 'toffee', '10', 55.4],
        ['sweet_production_counter', 'counter', 'Sweets produced', 'null', 'gingerbread', '5', 72],
      ]);
      assert.deepEqual(app.streams.get('FactoryOnly'), [['toffee', 55]]);
      assert.deepEqual(app.streams.get('Histogram'), [
        ['sweet_production_histogram', 'histogram', 'Sizes of batches', 'bucket', 'toffee', '5.0', 1],
        ['sweet_production_histogram', 'histogram', 'Sizes of batches', 'bucket', 'toffee', '+Inf', 2],
        ['sweet_production_histogram', 'histogram', 'Sizes of batches', 'count', 'toffee', '', 2],
        ['sweet_production_histogram', 'histogram', 'Sizes of batches', 'sum', 'toffee', '', 13.5],
      ]);
      assert.deepEqual(app.streams.get('Summary'), [
        ['null', 'toffee', '0.5', 3],
        ['count', 'toffee', '', 4],
        ['sum', 'toffee', '', 13],
      ]);
      assert.deepEqual(app.streams.get('WrongType'), []);
      assert.ok(app.lines.some((l) => /is a counter, not a gauge/.test(l.msg)));
    } finally {
      await app.stop();
      await close(target.server);
    }
  });

  test('scrapes the server-mode sink of another app every scrape.interval, sending events only when the response changed', async () => {
    const publisher = await startApp(`@App:name('PromPublisher')
      @sink(type='prometheus', server.url='http://127.0.0.1:0', metric.type='counter', metric.name='total_device_power_consumption_WATTS', @map(type='keyvalue'))
      define stream Power (deviceID string, roomID string, value double);`);
    await connectSinks('PromPublisher');
    publisher.runtime.getInputHandler('Power').send(['server001', 'F3Room2', 10]);
    const target = sinkEndpoint('PromPublisher', 0);
    // the source of WSO2 SI's ReceivePrometheusMetrics sample
    const app = await startApp(
      `@App:name('EnergyAlertApp')
      @source(type='prometheus', target.url='${target}', metric.type='counter', metric.name='total_device_power_consumption_WATTS', scrape.interval='1', @map(type='keyvalue'))
      define stream devicePowerStream (deviceID string, roomID string, value int);`,
      ['devicePowerStream'],
      { virtual: true },
    );
    try {
      assert.deepEqual(app.events, [['server001', 'F3Room2', 10]]);
      publisher.runtime.getInputHandler('Power').send(['server002', 'F2Room2', 7.9]);
      app.runtime.advanceTime(999);
      await new Promise((r) => setImmediate(r));
      assert.equal(app.events.length, 1, 'no scrape before scrape.interval has passed on the app clock');
      app.runtime.advanceTime(1);
      // the changed response is sent whole: both samples again (int value: the fraction dropped)
      await waitFor(() => app.events.length === 3, 'the changed response');
      assert.deepEqual(app.events, [
        ['server001', 'F3Room2', 10],
        ['server001', 'F3Room2', 10],
        ['server002', 'F2Room2', 7],
      ]);
    } finally {
      await app.stop();
      await publisher.stop();
    }
  });

  test('an unchanged response sends no events', async () => {
    const target = await peer(EXPOSITION);
    const app = await startApp(
      `@App:name('PromScrapeSame')
      @source(type='prometheus', target.url='${target.url}/metrics', metric.type='counter', metric.name='sweet_production_counter', scrape.interval='1', @map(type='keyvalue'))
      define stream Counter (name string, value double);`,
      ['Counter'],
      { virtual: true },
    );
    try {
      assert.equal(app.events.length, 2);
      app.runtime.advanceTime(1000);
      await waitFor(() => target.got.length === 2, 'a second scrape');
      assert.equal(app.events.length, 2);
      target.setText(EXPOSITION.replace('} 72', '} 73'));
      app.runtime.advanceTime(1000);
      await waitFor(() => app.events.length === 4, 'the events of the changed response');
      assert.deepEqual(app.events.slice(2), [
        ['toffee', 55.4],
        ['gingerbread', 73],
      ]);
      assert.deepEqual(
        target.got.map((r) => `${r.method} ${r.path}`),
        target.got.map(() => 'GET /metrics'),
      );
    } finally {
      await app.stop();
      await close(target.server);
    }
  });

  test('an unreachable target is retried until it answers', async () => {
    const port = await freePort();
    const app = await startApp(
      `@App:name('PromScrapeRetry')
      @source(type='prometheus', target.url='http://127.0.0.1:${port}/metrics', metric.type='counter', metric.name='sweet_production_counter', retry.interval='20', @map(type='keyvalue'))
      define stream Counter (name string, value double);`,
      ['Counter'],
      { waitConnected: false },
    );
    const target = createServer((_req, res) => res.writeHead(200).end(EXPOSITION));
    try {
      await waitFor(() => app.lines.some((l) => /ECONNREFUSED/.test(l.msg)), 'the refused scrape');
      await new Promise<void>((r) => target.listen(port, '127.0.0.1', () => r()));
      await waitFor(() => app.events.length === 2, 'the events after the target came up');
      assert.deepEqual(app.events, [
        ['toffee', 55.4],
        ['gingerbread', 72],
      ]);
    } finally {
      await app.stop();
      await close(target);
    }
  });
});

describe('prometheus option errors at app creation', () => {
  const cases: [string, string, RegExp][] = [
    ['sink without metric.type', `@sink(type='prometheus') define stream S (value int);`, /metric\.type/],
    [
      "sink metric.type='meter'",
      `@sink(type='prometheus', metric.type='meter') define stream S (value int);`,
      /metric\.type 'meter'/,
    ],
    [
      'sink value.attribute missing',
      `@sink(type='prometheus', metric.type='counter') define stream S (v int);`,
      /value\.attribute 'value'/,
    ],
    [
      'sink string value.attribute',
      `@sink(type='prometheus', metric.type='counter') define stream S (value string);`,
      /value\.attribute 'value' is of type string/,
    ],
    [
      'sink buckets on a counter',
      `@sink(type='prometheus', metric.type='counter', buckets='1,2') define stream S (value int);`,
      /buckets is not supported/,
    ],
    [
      'sink buckets not increasing',
      `@sink(type='prometheus', metric.type='histogram', buckets='2,1') define stream S (value int);`,
      /buckets '2,1' must be in increasing order/,
    ],
    [
      'sink buckets not numbers',
      `@sink(type='prometheus', metric.type='histogram', buckets='a,b') define stream S (value int);`,
      /buckets 'a,b' must be numbers/,
    ],
    [
      'sink quantiles out of range',
      `@sink(type='prometheus', metric.type='summary', quantiles='0.5,1.5') define stream S (value int);`,
      /quantiles '0\.5,1\.5' must be values between 0 and 1/,
    ],
    [
      'sink quantile.error',
      `@sink(type='prometheus', metric.type='summary', quantile.error='1') define stream S (value int);`,
      /quantile\.error '1'/,
    ],
    [
      'sink publish.mode',
      `@sink(type='prometheus', metric.type='gauge', publish.mode='pull') define stream S (value int);`,
      /publish\.mode 'pull'/,
    ],
    [
      'sink push.operation',
      `@sink(type='prometheus', metric.type='gauge', publish.mode='pushgateway', push.operation='replace') define stream S (value int);`,
      /push\.operation 'replace'/,
    ],
    [
      'sink metric.name',
      `@sink(type='prometheus', metric.type='gauge', metric.name='1bad-name') define stream S (value int);`,
      /metric\.name '1bad-name'/,
    ],
    [
      'sink grouping.key',
      `@sink(type='prometheus', metric.type='gauge', publish.mode='pushgateway', grouping.key="'novalue'") define stream S (value int);`,
      /grouping\.key/,
    ],
    [
      'sink le label on a histogram',
      `@sink(type='prometheus', metric.type='histogram') define stream S (le string, value int);`,
      /attribute 'le'/,
    ],
    [
      'sink json mapper',
      `@sink(type='prometheus', metric.type='gauge', @map(type='json')) define stream S (value int);`,
      /keyvalue/,
    ],
    [
      'sink server.url',
      `@sink(type='prometheus', metric.type='gauge', server.url='localhost') define stream S (value int);`,
      /server\.url 'localhost'/,
    ],
    [
      'source without value',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', metric.type='counter', @map(type='keyvalue')) define stream S (v int);`,
      /attribute 'value'/,
    ],
    [
      'source string value',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', metric.type='counter', @map(type='keyvalue')) define stream S (value string);`,
      /attribute 'value' of stream 'S' is string/,
    ],
    [
      'source scheme mismatch',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', scheme='HTTPS', metric.type='counter', @map(type='keyvalue')) define stream S (value int);`,
      /scheme 'HTTPS' does not match/,
    ],
    [
      'source scrape.interval',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', scrape.interval='0', metric.type='counter', @map(type='keyvalue')) define stream S (value int);`,
      /scrape\.interval '0'/,
    ],
    [
      'source username alone',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', username='u', metric.type='counter', @map(type='keyvalue')) define stream S (value int);`,
      /username and password/,
    ],
    [
      'source metric.type',
      `@source(type='prometheus', target.url='http://127.0.0.1:9/m', metric.type='untyped', @map(type='keyvalue')) define stream S (value int);`,
      /metric\.type 'untyped'/,
    ],
    [
      'source target.url',
      `@source(type='prometheus', target.url='not a url', metric.type='gauge', @map(type='keyvalue')) define stream S (value int);`,
      /target\.url 'not a url'/,
    ],
  ];
  for (const [name, app, message] of cases) {
    test(name, () => {
      const manager = new SiddhiManager({ logger: memoryLogger([]) });
      assert.throws(() => manager.createSiddhiAppRuntime(app), message);
    });
  }
});
