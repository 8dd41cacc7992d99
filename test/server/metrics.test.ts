import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { inMemoryBroker } from '../../src/io/transports/in-memory/broker.js';
import { sendEvent, startHarness, type Harness } from './server-harness.js';

const APP = `@app:name('Meter')
define stream In (v int);
@info(name='passQ') from In[v > 0] select v insert into Out;
`;

/** Parses the Prometheus text format into `name{label="x",...}` → value, labels sorted. */
function parseMetrics(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => `${x[1]}="${x[2]}"`).sort();
    out.set(`${m[1]}{${labels.join(',')}}`, Number(m[3]));
  }
  return out;
}

describe('metrics and statistics', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
    assert.equal((await h.request('POST', '/siddhi-apps', { body: APP })).status, 201);
  });
  after(async () => h.close());

  const scrape = async (): Promise<Map<string, number>> => {
    const r = await h.request('GET', '/metrics', { auth: null });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/plain/);
    return parseMetrics(r.text);
  };

  test('counters of events in per stream and out per query grow with the events sent', async () => {
    const before = await scrape();
    assert.equal(before.get('tributary_stream_events_in_total{app="Meter",stream="In"}'), 0);
    assert.equal(before.get('tributary_query_events_out_total{app="Meter",query="passQ"}'), 0);
    assert.equal(before.get('tributary_apps{status="active"}'), 1);
    assert.ok((before.get('tributary_process_resident_memory_bytes{}') ?? 0) > 0);
    for (const v of [1, -1, 2]) await sendEvent(h, 'Meter', 'In', [v]);
    const after = await scrape();
    assert.equal(after.get('tributary_stream_events_in_total{app="Meter",stream="In"}'), 3);
    assert.equal(after.get('tributary_query_events_out_total{app="Meter",query="passQ"}'), 2);
    assert.ok(after.has('tributary_stream_throughput_events_per_second{app="Meter",stream="In"}'));
    assert.equal(after.get('tributary_errors_total{app="Meter"}'), 0);
    assert.equal(after.get('tributary_query_events_in_total{app="Meter",query="passQ"}'), 3);
    assert.equal(after.get('tributary_query_errors_total{app="Meter",query="passQ"}'), 0);
    // the first chunk is timed, then one in 16: of three events sent one by one, the first
    const lat = (le: string) =>
      after.get(`tributary_query_latency_seconds_bucket{app="Meter",le="${le}",query="passQ"}`);
    assert.equal(lat('+Inf'), 1);
    assert.equal(after.get('tributary_query_latency_seconds_count{app="Meter",query="passQ"}'), 1);
    assert.ok(lat('1')! <= 1 && lat('0.000001')! <= lat('1')!);
    assert.ok((after.get('tributary_query_latency_seconds_sum{app="Meter",query="passQ"}') ?? -1) > 0);
  });

  test('sources and sinks report messages, events, errors, connection and buffer fill', async () => {
    const io = `@app:name('Wired')
@source(type='inMemory', topic='metrics-in', @map(type='json'))
define stream In (v int);
@sink(type='inMemory', topic='metrics-out', @map(type='json'))
define stream Out (v int);
from In select v insert into Out;
`;
    assert.equal((await h.request('POST', '/siddhi-apps', { body: io })).status, 201);
    // Someone listens on the sink's topic: publishing where nobody listens is a sink error.
    const out: unknown[] = [];
    const stop = inMemoryBroker.subscribe('metrics-out', (msg) => out.push(msg));
    inMemoryBroker.publish('metrics-in', '{"event":{"v":1}}');
    inMemoryBroker.publish('metrics-in', '[{"event":{"v":2}},{"event":{"v":3}}]');
    inMemoryBroker.publish('metrics-in', 'not json');
    const m = await scrape();
    const src = 'app="Wired",kind="source",stream="In",type="inMemory"';
    const snk = 'app="Wired",kind="sink",stream="Out",type="inMemory"';
    assert.equal(m.get(`tributary_io_messages_total{${src}}`), 3);
    assert.equal(m.get(`tributary_io_events_total{${src}}`), 3);
    assert.equal(m.get(`tributary_io_errors_total{${src}}`), 1);
    assert.equal(m.get(`tributary_io_connected{${src}}`), 1);
    assert.equal(m.get(`tributary_io_buffered_messages{${src}}`), 0);
    assert.equal(m.get(`tributary_io_events_total{${snk}}`), 3);
    const s = (await h.request('GET', '/siddhi-apps/Wired/statistics')).json as {
      io: { kind: string; errors: number }[];
    };
    assert.deepEqual(
      s.io.map((x) => [x.kind, x.errors]),
      [
        ['source', 1],
        ['sink', 0],
      ],
    );
    assert.equal(out.length, 2);
    stop();
  });

  test('GET statistics reports the same counts; PUT statsEnable turns query counting off and on', async () => {
    const s = (await h.request('GET', '/siddhi-apps/Meter/statistics')).json as {
      statsEnabled: boolean;
      level: string;
      streams: Record<string, { eventsIn: number }>;
      queries: Record<string, { eventsIn: number; eventsOut: number; errors: number; latency: { count: number } }>;
      errors: number;
    };
    assert.equal(s.statsEnabled, true);
    assert.equal(s.level, 'DETAIL');
    assert.equal(s.streams['In']!.eventsIn, 3);
    const q = s.queries['passQ']!;
    assert.deepEqual([q.eventsIn, q.eventsOut, q.errors, q.latency.count], [3, 2, 0, 1]);
    assert.equal(s.errors, 0);

    const off = await h.request('PUT', '/siddhi-apps/Meter/statistics', { body: { statsEnable: false } });
    assert.equal(off.status, 200);
    await sendEvent(h, 'Meter', 'In', [5]);
    const m = await scrape();
    assert.equal(m.has('tributary_query_events_out_total{app="Meter",query="passQ"}'), false);
    assert.equal(m.get('tributary_stream_events_in_total{app="Meter",stream="In"}'), 4);

    await h.request('PUT', '/siddhi-apps/Meter/statistics', { body: { statsEnable: true } });
    await sendEvent(h, 'Meter', 'In', [6]);
    const s2 = (await h.request('GET', '/siddhi-apps/Meter/statistics')).json as {
      queries: Record<string, { eventsIn: number; eventsOut: number }>;
    };
    // the event sent while statistics were off is not counted
    assert.deepEqual([s2.queries['passQ']!.eventsIn, s2.queries['passQ']!.eventsOut], [4, 3]);
    assert.equal(
      (await h.request('PUT', '/siddhi-apps/Meter/statistics', { body: { statsEnable: 'maybe' } })).status,
      400,
    );
  });

  test('buffer fill: a sink waiting for its destination queues, and the source it paused holds the rest', async () => {
    const closed = await closedPort();
    const app = `@app:name('Backlog')
@source(type='inMemory', topic='metrics-backlog', @map(type='json'))
define stream In (v int);
@sink(type='http', publisher.url='http://127.0.0.1:${closed}/x', on.error='WAIT', @map(type='json'))
define stream Out (v int);
from In select v insert into Out;
`;
    assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
    const labels = (kind: string, stream: string, type: string) =>
      `{app="Backlog",kind="${kind}",stream="${stream}",type="${type}"}`;
    const sinkFill = `tributary_io_buffered_messages${labels('sink', 'Out', 'http')}`;
    const sourceFill = `tributary_io_buffered_messages${labels('source', 'In', 'inMemory')}`;
    const scrapeUntil = async (key: string, value: number): Promise<Map<string, number>> => {
      let m = await scrape();
      for (let i = 0; i < 100 && m.get(key) !== value; i++) {
        await new Promise((r) => setTimeout(r, 20));
        m = await scrape();
      }
      return m;
    };
    // Sent at once, before the first publish fails: all four reach the sink, which queues them.
    for (let v = 1; v <= 4; v++) inMemoryBroker.publish('metrics-backlog', `{"event":{"v":${v}}}`);
    let m = await scrapeUntil(sinkFill, 4);
    assert.equal(m.get(sinkFill), 4);
    assert.equal(m.get(sourceFill), 0);
    // The waiting sink paused the source: what arrives now is held there.
    for (let v = 5; v <= 6; v++) inMemoryBroker.publish('metrics-backlog', `{"event":{"v":${v}}}`);
    m = await scrapeUntil(sourceFill, 2);
    assert.equal(m.get(sourceFill), 2);
    assert.equal(m.get(sinkFill), 4);
    assert.equal((await h.request('DELETE', '/siddhi-apps/Backlog')).status, 200);
  });

  test('errors are counted per app', async () => {
    const bad = `@app:name('Faulty')
define function boom[javascript] return int { throw new Error('boom'); };
define stream In (v int);
@info(name='boomQ') from In select boom(v) as v insert into Out;
`;
    assert.equal((await h.request('POST', '/siddhi-apps', { body: bad })).status, 201);
    await sendEvent(h, 'Faulty', 'In', [1]);
    await sendEvent(h, 'Faulty', 'In', [2]);
    assert.equal((await scrape()).get('tributary_errors_total{app="Faulty"}'), 2);
    const line = h.logs.find((l) => /"level":50/.test(l) && /boom/.test(l));
    assert.ok(line, 'the error is logged');
    const logged = JSON.parse(line) as Record<string, unknown>;
    assert.deepEqual([logged['app'], logged['stream'], logged['query']], ['Faulty', 'In', 'boomQ']);
    assert.deepEqual(logged['events'], [[1]]);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
