/**
 * Durable sources acknowledge a message only once what it set off settled: a sink that cannot publish yet
 * (on.error='WAIT') holds the acknowledgement, so a crash meanwhile redelivers the message instead of losing it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { connect, StringCodec } from 'nats';
import { collectSettlements, trackSettlement } from '../../src/engine/runtime/settlement.js';
import { freePort, listen, startApp, waitFor } from './helpers.js';

const sc = StringCodec();

describe('settlement scopes', () => {
  test('work tracked during the call joins its settlement; nested scopes join the outer one', async () => {
    const order: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    let inner: Promise<void> | undefined;
    const { result, settled } = collectSettlements(() => {
      trackSettlement(Promise.resolve().then(() => order.push('fast')));
      inner = collectSettlements(() => trackSettlement(slow.then(() => order.push('slow')))).settled;
      return 42;
    });
    assert.equal(result, 42);
    assert.ok(settled && inner);
    let outerDone = false;
    void settled.then(() => (outerDone = true));
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(order, ['fast']);
    assert.equal(outerDone, false, 'the outer delivery waits for the nested one');
    release();
    await settled;
    assert.deepEqual(order, ['fast', 'slow']);
  });

  test('nothing tracked: no promise; outside a scope tracking is a no-op', () => {
    trackSettlement(Promise.resolve());
    assert.equal(collectSettlements(() => 1).settled, undefined);
  });
});

describe('JetStream source waits for its sinks before acknowledging', () => {
  test('a message whose sink is waiting is not acknowledged; after a crash it is redelivered and published', async () => {
    const s = randomBytes(4).toString('hex');
    const nc = await connect({ servers: '127.0.0.1:4222' });
    const jsm = await nc.jetstreamManager();
    await jsm.streams.add({ name: `ST_${s}`, subjects: [`st.${s}`] });
    const port = await freePort();
    const app = (n: number): string =>
      `@App:name('Settle${n}${s}')
      @source(type='nats', jetstream='true', destination='st.${s}', durable.name='settle', ack.wait='60000',
              bootstrap.servers='nats://127.0.0.1:4222', @map(type='json'))
      define stream In (n long);
      @sink(type='http', publisher.url='http://127.0.0.1:${port}/n', on.error='WAIT', retry.interval='20',
            retry.interval.max='50', @map(type='text', @payload('{{n}}')))
      define stream Out (n long);
      from In select n insert into Out;`;
    const got: string[] = [];
    let server: Server | undefined;
    try {
      const first = await startApp(app(1), ['In']);
      await nc.jetstream().publish(`st.${s}`, sc.encode('{"event":{"n":7}}'));
      await waitFor(() => first.events.length === 1, 'the app processed the message');
      const pending = await jsm.consumers.info(`ST_${s}`, 'settle');
      assert.equal(pending.num_ack_pending, 1, 'processed but not published: not acknowledged');
      await first.stop(); // the sink gives up at shutdown: the message stays unacknowledged

      server = await listen(port, got);
      const second = await startApp(app(2), ['In']);
      try {
        await waitFor(() => got.length === 1, 'the redelivered message published', 10000);
        assert.deepEqual(got, ['7']);
        await waitFor(() => second.events.length === 1, 'second app saw it');
        let info = await jsm.consumers.info(`ST_${s}`, 'settle');
        const deadline = Date.now() + 5000;
        while (info.num_ack_pending !== 0 && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 10));
          info = await jsm.consumers.info(`ST_${s}`, 'settle');
        }
        assert.equal(info.num_ack_pending, 0, 'acknowledged once published');
      } finally {
        await second.stop();
      }
    } finally {
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      await jsm.streams.delete(`ST_${s}`).catch(() => undefined);
      await nc.close();
    }
  });
});
