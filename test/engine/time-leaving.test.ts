import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { startRecorded, type RecordedApp } from './recorded-app.js';

const UNGROUPED = `define stream S (k string, v double);
@info(name='q1') from S#window.time(1 sec) select sum(v) as total, count() as n insert into Out;`;

const GROUPED = `define stream S (k string, v double);
@info(name='q1') from S#window.time(1 sec) select k, sum(v) as total, count() as n group by k insert into Out;`;

/**
 * Sends the same events at the same times, each alone: `lane` as `send(data)` (the per-event lane),
 * else as a chunk of one (`send([{ data }])`, the window's chunk path). `jumpTo` moves the clock
 * without firing timers, as a synchronous run of sends on the wall clock does: the events due to
 * leave are still held when the next one comes.
 */
function play(app: string, lane: boolean): RecordedApp {
  const rec = startRecorded(app);
  const clock = rec.rt.manualClock!;
  const h = rec.rt.getInputHandler('S');
  const send = (data: unknown[]): void => (lane ? h.send(data) : h.send([{ data }]));
  send(['a', 1]);
  clock.jumpTo(400);
  send(['b', 2]);
  clock.jumpTo(800);
  send(['a', 4]);
  clock.jumpTo(1900); // the three events above leave when the next one comes
  send(['b', 8]);
  clock.advanceTo(2900); // the timers fire: the event at 1900 leaves alone
  send(['a', 16]);
  return rec;
}

describe('events leaving a time window one by one', () => {
  test('without group by: the aggregates lose what leaves, and only current events come out', () => {
    const { rt, out, stacks } = play(UNGROUPED, true);
    assert.deepEqual(out, [
      [1, 1],
      [3, 2],
      [7, 3],
      [8, 1],
      [16, 1],
    ]);
    // The fourth output came after three events left one by one, with no chunk made for them.
    assert.match(stacks[3]!, /processLeaving/);
    assert.doesNotMatch(stacks[3]!, /processAt/);
    void rt.shutdown();
  });

  test('with group by: each leaving event leaves its own group', () => {
    const { rt, out } = play(GROUPED, true);
    assert.deepEqual(out, [
      ['a', 1, 1],
      ['b', 2, 1],
      ['a', 5, 2],
      ['b', 8, 1],
      ['a', 16, 1],
    ]);
    void rt.shutdown();
  });

  test('gives what the chunk path gives', () => {
    for (const app of [UNGROUPED, GROUPED]) {
      const byLane = play(app, true);
      const byChunk = play(app, false);
      assert.deepEqual(byLane.out, byChunk.out);
      assert.equal(byChunk.out.length, 5);
      assert.ok(byChunk.stacks.every((s) => !/processLeaving/.test(s)));
      void byLane.rt.shutdown();
      void byChunk.rt.shutdown();
    }
  });

  test('a query that outputs expired events still gets them when they leave', () => {
    const m = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() });
    const rt = m.createSiddhiAppRuntime(UNGROUPED.replace('insert into Out', 'insert all events into Out'));
    const seen: string[] = [];
    rt.addQueryCallback('q1', (_ts, ins, rem) => {
      for (const e of ins ?? []) seen.push(`in ${JSON.stringify(e.data)}`);
      for (const e of rem ?? []) seen.push(`out ${JSON.stringify(e.data)}`);
    });
    rt.start();
    const h = rt.getInputHandler('S');
    h.send(['a', 1]);
    rt.manualClock!.jumpTo(400);
    h.send(['b', 2]);
    rt.manualClock!.advanceTo(1500); // the timers at 1000 and 1400 fire
    h.send(['a', 4]);
    assert.deepEqual(seen, ['in [1,1]', 'in [3,2]', 'out [2,1]', 'out [null,0]', 'in [4,1]']);
    void rt.shutdown();
  });
});
