import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { sendEvent, startHarness, storeQuery, tempDir } from './server-harness.js';

const windowApp = (threshold: number): string => `@app:name('Win')
define stream S (v int);
define table Totals (total long);
@info(name='sumQ') from S#window.length(3) select sum(v) as total insert into Totals;
@info(name='other') from S[v > ${threshold}] select v insert into Big;
`;

describe('app state', () => {
  test('an update keeps the state of unchanged elements: the length window goes on', async () => {
    const h = await startHarness();
    try {
      assert.equal((await h.request('POST', '/siddhi-apps', { body: windowApp(100) })).status, 201);
      for (const v of [1, 2, 3]) await sendEvent(h, 'Win', 'S', [v]);
      const put = await h.request('PUT', '/siddhi-apps', { body: windowApp(200) });
      assert.equal(put.status, 200);
      await sendEvent(h, 'Win', 'S', [4]);
      // The window held 1, 2, 3; with 4 it holds 2, 3, 4 (9). Without the state it would be 4.
      assert.deepEqual(await storeQuery(h, 'Win', 'from Totals select total'), [[1], [3], [6], [9]]);
      assert.match((await h.request('GET', '/siddhi-apps/Win')).text, /v > 200/);
    } finally {
      await h.close();
    }
  });

  for (const type of ['sqlite', 'file'] as const) {
    test(`a restarted server continues where it stopped (${type} persistence)`, async () => {
      const dataDir = tempDir(`restart-${type}`);
      const persistence = { type, intervalSeconds: 0, revisionsToKeep: 2 };
      const first = await startHarness({ dataDir, config: { persistence } });
      assert.equal((await first.request('POST', '/siddhi-apps', { body: windowApp(100) })).status, 201);
      for (const v of [1, 2, 3]) await sendEvent(first, 'Win', 'S', [v]);
      await first.close();

      const second = await startHarness({ dataDir, config: { persistence } });
      try {
        assert.deepEqual((await second.request('GET', '/siddhi-apps/Win/status')).json, { status: 'active' });
        assert.deepEqual(await storeQuery(second, 'Win', 'from Totals select total'), [[1], [3], [6]]);
        await sendEvent(second, 'Win', 'S', [10]);
        assert.deepEqual(await storeQuery(second, 'Win', 'from Totals select total'), [[1], [3], [6], [15]]);
        assert.ok(second.logs.some((l) => /"app":"Win".*"msg":"app state restored"/.test(l)));
      } finally {
        await second.close();
      }
    });
  }

  test('periodic persistence: a server that dies continues from the last periodic snapshot', async () => {
    const dataDir = tempDir('periodic');
    const persistence = { type: 'sqlite' as const, intervalSeconds: 30, revisionsToKeep: 2 };
    const ticks: { ms: number; task: () => Promise<unknown> }[] = [];
    const every = (ms: number, task: () => Promise<unknown>) => {
      const t = { ms, task };
      ticks.push(t);
      return () => ticks.splice(ticks.indexOf(t), 1);
    };
    const first = await startHarness({ dataDir, config: { persistence }, start: { every } });
    try {
      assert.deepEqual(
        ticks.map((t) => t.ms),
        [30_000],
      );
      assert.equal((await first.request('POST', '/siddhi-apps', { body: windowApp(100) })).status, 201);
      for (const v of [1, 2, 3]) await sendEvent(first, 'Win', 'S', [v]);
      await ticks[0]!.task(); // the interval elapses: every app is persisted
      await sendEvent(first, 'Win', 'S', [4]); // after the last snapshot: lost when the server dies

      // A second server on the same data folder, while the first never shut down (as after a crash).
      const second = await startHarness({ dataDir, config: { persistence }, start: { every } });
      try {
        assert.deepEqual(await storeQuery(second, 'Win', 'from Totals select total'), [[1], [3], [6]]);
        await sendEvent(second, 'Win', 'S', [10]);
        assert.deepEqual(await storeQuery(second, 'Win', 'from Totals select total'), [[1], [3], [6], [15]]);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
    assert.equal(ticks.length, 0, 'close stops the timers');
  });

  test('backup returns a revision; restore brings it back (named or the last one)', async () => {
    const h = await startHarness();
    try {
      await h.request('POST', '/siddhi-apps', { body: windowApp(100) });
      await sendEvent(h, 'Win', 'S', [5]);
      const b1 = await h.request('POST', '/siddhi-apps/Win/backup');
      assert.equal(b1.status, 200);
      const rev1 = (b1.json as { revision: string }).revision;
      assert.match(rev1, /Win/);
      await sendEvent(h, 'Win', 'S', [7]);
      const rev2 = ((await h.request('POST', '/siddhi-apps/Win/backup')).json as { revision: string }).revision;
      await sendEvent(h, 'Win', 'S', [100]);

      const r1 = await h.request('POST', `/siddhi-apps/Win/restore?revision=${encodeURIComponent(rev1)}`);
      assert.deepEqual(r1.json, { type: 'success', revision: rev1 });
      assert.deepEqual(await storeQuery(h, 'Win', 'from Totals select total'), [[5]]);
      await sendEvent(h, 'Win', 'S', [1]);
      assert.deepEqual(await storeQuery(h, 'Win', 'from Totals select total'), [[5], [6]]);

      const r2 = await h.request('POST', '/siddhi-apps/Win/restore');
      assert.deepEqual(r2.json, { type: 'success', revision: rev2 });
      assert.deepEqual(await storeQuery(h, 'Win', 'from Totals select total'), [[5], [12]]);

      assert.equal((await h.request('POST', '/siddhi-apps/Win/restore?revision=nope')).status, 404);
      assert.equal((await h.request('POST', '/siddhi-apps/Nope/backup')).status, 404);
    } finally {
      await h.close();
    }
  });
});
