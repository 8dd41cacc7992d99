import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualScheduler } from '../../src/engine/time/manual-scheduler.js';
import { PollTimer } from '../../src/io/framework/poll-timer.js';

test('a poll timer runs one task at a time while started; stop cancels it and ends a sleep at once', async () => {
  const clock = new ManualScheduler(1000);
  const t = new PollTimer(clock);
  const fired: number[] = [];
  t.after(10, () => fired.push(clock.now()));
  clock.advanceBy(20);
  assert.equal(fired.length, 0, 'nothing runs before start');

  t.start();
  const run = t.run;
  t.after(10, () => fired.push(clock.now()));
  t.after(30, () => fired.push(clock.now())); // replaces the pending task
  clock.advanceBy(10);
  assert.equal(fired.length, 0);
  clock.advanceBy(20);
  assert.deepEqual(fired, [1050]);
  assert.equal(t.current(run), true);

  let woke = false;
  const sleeping = t.sleep(1000).then(() => (woke = true));
  clock.advanceBy(500);
  await Promise.resolve();
  assert.equal(woke, false);
  t.stop();
  await sleeping;
  assert.equal(woke, true, 'stop ends the sleep');
  assert.equal(t.current(run), false, 'the run is over');
  t.after(5, () => fired.push(clock.now()));
  clock.advanceBy(10);
  assert.deepEqual(fired, [1050], 'nothing is scheduled once stopped');
  await t.sleep(1000); // resolves at once when stopped
});
