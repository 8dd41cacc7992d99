import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connectAsync } from 'mqtt';
import { ioCounters } from '../../src/index.js';
import { startApp, waitFor } from './helpers.js';

const URL = 'tcp://127.0.0.1:1883';
const suffix = (): string => randomBytes(4).toString('hex');

describe('mqtt', () => {
  test('a wildcard subscription (QoS 1) feeds the app; the sink publishes (QoS 2) what a real client receives', async () => {
    const s = suffix();
    const client = await connectAsync('mqtt://127.0.0.1:1883', { clientId: `t-${s}` });
    const got: { topic: string; body: string }[] = [];
    client.on('message', (topic, body) => got.push({ topic, body: body.toString() }));
    await client.subscribeAsync(`t${s}/out/#`, { qos: 2 });
    const app = await startApp(
      `@App:name('Mqtt1${s}')
      @source(type='mqtt', url='${URL}', topic='t${s}/sensors/+/temp', quality.of.service='1', @map(type='json'))
      define stream In (room string, value double);
      @sink(type='mqtt', url='${URL}', topic='t${s}/out/{{room}}', quality.of.service='2', @map(type='json'))
      define stream Hot (room string, value double);
      from In[value > 30.0] select * insert into Hot;`,
      ['In'],
    );
    try {
      await client.publishAsync(`t${s}/sensors/a/temp`, '{"event":{"room":"a","value":35.5}}', { qos: 1 });
      await client.publishAsync(`t${s}/sensors/b/temp`, '{"event":{"room":"b","value":20.0}}', { qos: 1 });
      await client.publishAsync(`t${s}/sensors/c/hum`, '{"event":{"room":"c","value":99.0}}', { qos: 1 });
      await waitFor(() => got.length === 1 && app.events.length === 2, 'one alert, two readings');
      assert.deepEqual(got, [{ topic: `t${s}/out/a`, body: '{"event":{"room":"a","value":35.5}}' }]);
    } finally {
      await app.stop();
      await client.endAsync();
    }
  });

  test('a retained message reaches a subscriber that comes later', async () => {
    const s = suffix();
    const app = await startApp(
      `@App:name('Mqtt2${s}')
      @sink(type='mqtt', url='${URL}', topic='t${s}/last', retain='true', quality.of.service='1', @map(type='json'))
      define stream Out (n long);`,
    );
    const client = await connectAsync('mqtt://127.0.0.1:1883', { clientId: `r-${s}` });
    try {
      const { ioHandles } = await import('../../src/index.js');
      await ioHandles(`Mqtt2${s}`)!.sinks[0]!.whenConnected();
      app.runtime.getInputHandler('Out').send([7]);
      await waitFor(() => (ioCounters(`Mqtt2${s}`).find((c) => c.kind === 'sink')?.messages ?? 0) === 1, 'published');
      const got: string[] = [];
      client.on('message', (_t, body) => got.push(body.toString()));
      await client.subscribeAsync(`t${s}/last`, { qos: 1 });
      await waitFor(() => got.length === 1, 'the retained message');
      assert.deepEqual(got, ['{"event":{"n":7}}']);
      await client.publishAsync(`t${s}/last`, '', { retain: true, qos: 1 }); // clear it
    } finally {
      await app.stop();
      await client.endAsync();
    }
  });

  test("Siddhi's message.retain decides per event whether the broker keeps the message", async () => {
    const s = suffix();
    const app = await startApp(
      `@App:name('Mqtt4${s}')
      @sink(type='mqtt', url='${URL}', topic='t${s}/keep/{{k}}', message.retain='{{keep}}', @map(type='json'))
      define stream Out (k string, keep bool);`,
    );
    const client = await connectAsync('mqtt://127.0.0.1:1883', { clientId: `k-${s}` });
    try {
      const { ioHandles } = await import('../../src/index.js');
      await ioHandles(`Mqtt4${s}`)!.sinks[0]!.whenConnected();
      app.runtime.getInputHandler('Out').send(['a', true]);
      app.runtime.getInputHandler('Out').send(['b', false]);
      await waitFor(() => (ioCounters(`Mqtt4${s}`).find((c) => c.kind === 'sink')?.messages ?? 0) === 2, 'published');
      const got: string[] = [];
      client.on('message', (topic, body) => got.push(`${topic} ${body.toString()}`));
      await client.subscribeAsync(`t${s}/keep/#`, { qos: 1 });
      await waitFor(() => got.length === 1, 'the retained message');
      await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(got, [`t${s}/keep/a {"event":{"k":"a","keep":true}}`]);
      await client.publishAsync(`t${s}/keep/a`, '', { retain: true, qos: 1 }); // clear it
    } finally {
      await app.stop();
      await client.endAsync();
    }
  });

  test('a malformed message follows on.error and is counted', async () => {
    const s = suffix();
    const client = await connectAsync('mqtt://127.0.0.1:1883', { clientId: `m-${s}` });
    const app = await startApp(
      `@App:name('Mqtt3${s}')
      @source(type='mqtt', url='${URL}', topic='t${s}/in', @map(type='json')) define stream In (n long);`,
      ['In'],
    );
    try {
      await client.publishAsync(`t${s}/in`, '{oops', { qos: 1 });
      await client.publishAsync(`t${s}/in`, '{"event":{"n":1}}', { qos: 1 });
      await waitFor(() => app.events.length === 1, 'the good event');
      const c = ioCounters(`Mqtt3${s}`).find((x) => x.kind === 'source')!;
      assert.deepEqual([c.messages, c.events, c.errors], [2, 1, 1]);
      assert.ok(app.lines.some((l) => l.level === 'error' && l.payload === '{oops'));
    } finally {
      await app.stop();
      await client.endAsync();
    }
  });
});
