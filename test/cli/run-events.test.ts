import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runApp } from './run-app.js';

const APP = `@app:name('Replay')
define stream S (a int, b string, ok bool);
from S select a + 1 as next, b, ok insert into O;`;

test('run --events: bad lines are reported by line number and skipped; the good ones are sent, in order', async () => {
  const events = [
    '{"stream":"S","data":[1,"x",true]}',
    '{"stream":"S","data":[1,"x"',
    '{"stream":"T","data":[1]}',
    '{"stream":"S","data":["notint","x",true]}',
    '{"stream":"S","data":[2]}',
    '{"stream":"S","data":[3,"y",false],"timestamp":"soon"}',
    '"just a string"',
    '',
    '{"stream":"S","data":["4","z","TRUE"],"timestamp":1700000000000}',
  ].join('\n');
  const r = await runApp(APP, events);
  assert.equal(r.code, 1);
  const out = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { stream: string; timestamp: number; data: unknown[] });
  assert.deepEqual(
    out.map((e) => [e.stream, e.data]),
    [
      ['O', [2, 'x', true]],
      ['O', [5, 'z', true]],
    ],
  );
  // A line's own timestamp is the event's; without one, the app's clock gives it.
  assert.equal(out[1]!.timestamp, 1700000000000);
  const problems = r.stderr
    .split('\n')
    .filter((l) => l.includes('events.jsonl:'))
    .map((l) => l.slice(l.indexOf('events.jsonl:')));
  assert.deepEqual(problems, [
    "events.jsonl:2: not JSON (Expected ',' or ']' after array element in JSON at position 27); line skipped",
    "events.jsonl:3: no stream 'T' in app 'Replay'; its streams are S, O; line skipped",
    'events.jsonl:4: attribute \'a\' is int; "notint" is not an int; line skipped',
    "events.jsonl:5: stream 'S' has 3 attributes (a int, b string, ok bool); the event has 1 values; line skipped",
    'events.jsonl:6: "timestamp" must be epoch milliseconds, not "soon"; line skipped',
    'events.jsonl:7: expected {"stream": "S", "data": [...], "timestamp"?: ms} or [...]; line skipped',
  ]);
});
