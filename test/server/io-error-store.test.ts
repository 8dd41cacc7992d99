import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/io/install.js';
import { startHarness, type Harness } from './server-harness.js';

const port = 20000 + Math.floor(Math.random() * 20000);
const app = `@app:name('Intake')
@OnError(action='STORE')
@source(type='http', receiver.url='http://127.0.0.1:${port}/runs', @map(type='json'))
define stream Runs (name string, amount double);
define table Kept (name string, amount double);
from Runs select * insert into Kept;
`;

let h: Harness;
before(async () => {
  h = await startHarness();
  assert.equal((await h.request('POST', '/siddhi-apps', { body: app })).status, 201);
});
after(async () => h.close());

test('a message the source cannot map lands in the error store with its content and the reason', async () => {
  const post = (body: string): Promise<Response> =>
    fetch(`http://127.0.0.1:${port}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal((await post('{"event":{"name":"toffee","amount":12.5}}')).status, 200);
  assert.equal((await post('{"event":{"name":"fudge","amount":"lots"}}')).status, 400);
  const list = (await h.request('GET', '/error-store/Intake')).json as {
    count: number;
    entries: { streamName: string; event: { data: unknown[] }; cause: string }[];
  };
  assert.equal(list.count, 1);
  const entry = list.entries[0]!;
  assert.equal(entry.streamName, 'Runs');
  assert.deepEqual(entry.event.data, ['{"event":{"name":"fudge","amount":"lots"}}']);
  assert.match(
    entry.cause,
    /^could not map a message of the 'http' source: .*"lots" is not compatible with type DOUBLE/,
  );
});
