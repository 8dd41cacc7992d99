/** The ingest route's ordering limits, with short waits: a batch whose predecessor never comes gets 409. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { replyWithError } from '../../src/server/http/http-error.js';
import { ProducerLedger } from '../../src/server/ingest/producer-ledger.js';
import { streamIngestRoutes } from '../../src/server/routes/stream-ingest-routes.js';
import type { ServerContext } from '../../src/server/server-context.js';

test('a batch whose predecessor does not come in time, or one too many waiting, gets 409 with the expected sequence', async () => {
  const manager = new SiddhiManager();
  const runtime = manager.createSiddhiAppRuntime(`@app:name('O')
    define stream S (n int);
    define table T (n int);
    from S select n insert into T;`);
  runtime.start();
  // Only what the routes read of the server context: the deployed app.
  const ctx = {
    deployer: { get: (name: string) => (name === 'O' ? { runtime } : undefined), getInactive: () => undefined },
  };
  const db = new Database(':memory:');
  const app = Fastify();
  app.setErrorHandler((e, _req, reply) => {
    if (!replyWithError(reply, e)) void reply.code(500).send({ message: String(e) });
  });
  const ledger = new ProducerLedger(db);
  streamIngestRoutes(app, ctx as unknown as ServerContext, ledger, { orderWaitMs: 500, maxWaiting: 1 });
  const post = (sequence: number): Promise<{ statusCode: number; json: () => unknown }> =>
    app.inject({
      method: 'POST',
      url: '/siddhi-apps/O/streams/S/events',
      payload: { producer: 'p', sequence, events: [[sequence]] },
    });
  try {
    const late = await post(3);
    assert.equal(late.statusCode, 409);
    assert.deepEqual(late.json(), {
      type: 'conflict',
      message:
        "batch 3 of producer 'p' came before batch 1 (the highest applied is 0); send batch 1 first, then retry this one",
      expected: 1,
      highest: 0,
    });
    // One waits (for batch 1); a second early one is refused at once.
    const waiting = post(2);
    for (let i = 0; i < 100 && ledger.waitingCount({ app: 'O', stream: 'S', producer: 'p' }) === 0; i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const tooMany = await post(3);
    assert.equal(tooMany.statusCode, 409);
    assert.equal((await post(1)).statusCode, 200);
    assert.equal((await waiting).statusCode, 200);
    assert.equal((await post(3)).statusCode, 200);
    assert.deepEqual(runtime.query('from T select n'), [[1], [2], [3]]);
  } finally {
    await app.close();
    db.close();
    await manager.shutdown();
  }
});
