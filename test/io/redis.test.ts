import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { ioCounters } from '../../src/index.js';
import { startApp, waitFor } from './helpers.js';

const suffix = (): string => randomBytes(4).toString('hex');

describe('redis pub/sub', () => {
  test('exact and pattern channels feed the app; the sink publishes to a channel a real subscriber reads', async () => {
    const s = suffix();
    const pub = createClient({ url: 'redis://127.0.0.1:6379' });
    await pub.connect();
    const sub = pub.duplicate();
    await sub.connect();
    const got: { channel: string; message: string }[] = [];
    await sub.pSubscribe(`out:${s}:*`, (message, channel) => got.push({ channel, message }));
    const app = await startApp(
      `@App:name('Redis1${s}')
      @source(type='redis', url='redis://127.0.0.1:6379', channel='orders:${s}, eu:${s}:*', @map(type='json'))
      define stream In (id string, amount double);
      @sink(type='redis', url='redis://127.0.0.1:6379', channel='out:${s}:{{id}}', @map(type='json'))
      define stream Out (id string, amount double);
      from In[amount > 10.0] select * insert into Out;`,
      ['In'],
    );
    try {
      await pub.publish(`orders:${s}`, '{"event":{"id":"a","amount":11.5}}');
      await pub.publish(`eu:${s}:fr`, '{"event":{"id":"b","amount":12.5}}');
      await pub.publish(`orders:${s}`, '{"event":{"id":"c","amount":1.5}}');
      await pub.publish(`other:${s}`, '{"event":{"id":"d","amount":99.0}}');
      await waitFor(() => got.length === 2 && app.events.length === 3, 'two outputs');
      assert.deepEqual(got, [
        { channel: `out:${s}:a`, message: '{"event":{"id":"a","amount":11.5}}' },
        { channel: `out:${s}:b`, message: '{"event":{"id":"b","amount":12.5}}' },
      ]);
    } finally {
      await app.stop();
      await sub.close();
      await pub.close();
    }
  });

  test('a malformed message follows on.error and is counted', async () => {
    const s = suffix();
    const pub = createClient({ url: 'redis://127.0.0.1:6379' });
    await pub.connect();
    const app = await startApp(
      `@App:name('Redis2${s}')
      @source(type='redis', url='redis://127.0.0.1:6379', channel='bad:${s}', @map(type='json')) define stream In (n long);`,
      ['In'],
    );
    try {
      await pub.publish(`bad:${s}`, '[[[');
      await pub.publish(`bad:${s}`, '{"event":{"n":3}}');
      await waitFor(() => app.events.length === 1, 'the good event');
      const c = ioCounters(`Redis2${s}`).find((x) => x.kind === 'source')!;
      assert.deepEqual([c.messages, c.events, c.errors], [2, 1, 1]);
    } finally {
      await app.stop();
      await pub.close();
    }
  });
});
