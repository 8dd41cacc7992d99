import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WallScheduler } from '../../src/engine/time/wall-scheduler.js';

/** A system clock the test sets, recording at which read (1-based) the scheduler called it. */
function systemClock(): { time: number; step: number; calls: number[]; reads: number; read(): number } {
  const c = {
    time: 1_000,
    step: 0,
    calls: [] as number[],
    reads: 0,
    read: (): number => {
      c.calls.push(c.reads);
      const t = c.time;
      c.time += c.step;
      return t;
    },
  };
  return c;
}

describe('the wall clock', () => {
  test('reads within one synchronous run share a system-clock value; a new run reads the clock again', async () => {
    const clock = systemClock();
    const s = new WallScheduler(clock.read);
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.reads++;
      seen.push(s.now());
      clock.time += 1; // the system clock moves; reads within the run still share the first value
    }
    assert.deepEqual(seen, [1_000, 1_000, 1_000, 1_000, 1_000]);
    assert.deepEqual(clock.calls, [1]);
    await Promise.resolve(); // the run ends at the microtask checkpoint
    clock.reads++;
    assert.equal(s.now(), 1_005);
    assert.deepEqual(clock.calls, [1, 6]);
  });

  test('while the clock stays in one millisecond, one call serves twice as many reads, up to 256', () => {
    const clock = systemClock();
    const s = new WallScheduler(clock.read);
    for (let i = 0; i < 1_000; i++) {
      clock.reads++;
      assert.equal(s.now(), 1_000);
    }
    // Calls at reads 1, then after 16, 32, 64, 128, 256, 256 reads.
    assert.deepEqual(clock.calls, [1, 17, 49, 113, 241, 497, 753]);
  });

  test('when milliseconds pass between calls, calls come as many times more often, down to every read', () => {
    const clock = systemClock();
    const s = new WallScheduler(clock.read);
    for (let i = 0; i < 753; i++) {
      clock.reads++;
      s.now();
    }
    // Each call now finds 5 ms passed: a call every 256 reads → 51 → 10 → 2 → 1.
    clock.time = 1_005;
    clock.step = 5;
    const seen: number[] = [];
    for (let i = 0; i < 256 + 51 + 10 + 2 + 3; i++) {
      clock.reads++;
      seen.push(s.now());
    }
    assert.deepEqual(clock.calls.slice(7), [1_009, 1_060, 1_070, 1_072, 1_073, 1_074, 1_075]);
    // Events that take milliseconds each get their own time.
    assert.deepEqual(seen.slice(-4), [1_020, 1_025, 1_030, 1_035]);
  });

  test('a clock that moves one millisecond per call keeps the number of reads per call', () => {
    const clock = systemClock();
    const s = new WallScheduler(clock.read);
    clock.step = 1;
    for (let i = 0; i < 100; i++) {
      clock.reads++;
      s.now();
    }
    assert.deepEqual(clock.calls, [1, 17, 33, 49, 65, 81, 97]);
  });
});
