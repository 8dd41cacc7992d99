import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
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
  });

  test('GET statistics reports the same counts; PUT statsEnable turns query counting off and on', async () => {
    const s = (await h.request('GET', '/siddhi-apps/Meter/statistics')).json as {
      statsEnabled: boolean;
      streams: Record<string, { eventsIn: number }>;
      queries: Record<string, { eventsOut: number }>;
      errors: number;
    };
    assert.equal(s.statsEnabled, true);
    assert.equal(s.streams['In']!.eventsIn, 3);
    assert.deepEqual(s.queries, { passQ: { eventsOut: 2 } });
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
      queries: Record<string, { eventsOut: number }>;
    };
    assert.deepEqual(s2.queries, { passQ: { eventsOut: 3 } });
    assert.equal(
      (await h.request('PUT', '/siddhi-apps/Meter/statistics', { body: { statsEnable: 'maybe' } })).status,
      400,
    );
  });

  test('errors are counted per app', async () => {
    const bad = `@app:name('Faulty')
define function boom[javascript] return int { throw new Error('boom'); };
define stream In (v int);
from In select boom(v) as v insert into Out;
`;
    assert.equal((await h.request('POST', '/siddhi-apps', { body: bad })).status, 201);
    await sendEvent(h, 'Faulty', 'In', [1]);
    await sendEvent(h, 'Faulty', 'In', [2]);
    assert.equal((await scrape()).get('tributary_errors_total{app="Faulty"}'), 2);
    assert.ok(h.logs.some((l) => /"level":50.*"app":"Faulty".*boom/.test(l)));
  });
});
