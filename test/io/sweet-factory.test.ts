import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ioHandles } from '../../src/index.js';
import { endpointOf, startApp, waitFor } from './helpers.js';

test('examples/sweet-factory-http.siddhi: JSON over HTTP in, toffee runs to a CSV file and the log', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-sweets-'));
  const csv = join(dir, 'toffee.csv');
  const text = (await readFile(new URL('../../examples/sweet-factory-http.siddhi', import.meta.url), 'utf8'))
    .replace('http://0.0.0.0:8006/productionStream', 'http://127.0.0.1:0/productionStream')
    .replace('/tmp/sweet-factory/toffee-production.csv', csv);
  const app = await startApp(text);
  try {
    const res = await fetch(endpointOf(app), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[{"event":{"name":"toffee","amount":120.0}},{"event":{"name":"gum","amount":30.5}},{"event":{"name":"toffee","amount":7.25}}]',
    });
    assert.equal(res.status, 200);
    const fileSink = ioHandles('SweetFactoryHttp')!.sinks.find((s) => s.counters.type === 'file')!;
    await waitFor(() => fileSink.counters.messages === 2, 'the CSV writes');
    assert.equal(await readFile(csv, 'utf8'), 'toffee,120.0\ntoffee,7.25\n');
    assert.deepEqual(
      app.lines
        .filter((l) => l.msg.startsWith('Toffee production'))
        .map((l) => l.msg.replace(/timestamp=\d+/, 'timestamp=T')),
      [
        'Toffee production : Event{timestamp=T, data=[toffee, 120.0], isExpired=false}',
        'Toffee production : Event{timestamp=T, data=[toffee, 7.25], isExpired=false}',
      ],
    );
  } finally {
    await app.stop();
    await rm(dir, { recursive: true });
  }
});
