import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';

describe('batch selector with group by', () => {
  test('a batch of many groups emits each group once, in first-seen order, with its final values', () => {
    const runtime = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() })
      .createSiddhiAppRuntime(`
      define stream S (k string, v int);
      @info(name='q') from S#window.lengthBatch(60) select k, sum(v) as total, count() as n group by k insert into O;`);
    const got: unknown[][] = [];
    runtime.addQueryCallback('q', (_t, ins) => {
      for (const e of ins ?? []) got.push(e.data);
    });
    runtime.start();
    const h = runtime.getInputHandler('S');
    // 20 groups, seen in the order g19, g18, ..., g0, each three times: the batch index map kicks in past 16 groups
    for (let round = 0; round < 3; round++) for (let g = 19; g >= 0; g--) h.send([`g${g}`, g * 10 + round]);
    const expected: unknown[][] = [];
    for (let g = 19; g >= 0; g--) expected.push([`g${g}`, 3 * g * 10 + 3, 3]);
    assert.deepEqual(got, expected);
    // the next batch starts clean: 17 groups, once each
    got.length = 0;
    for (let i = 0; i < 60; i++) h.send([`h${i % 17}`, 1]);
    assert.deepEqual(
      got,
      Array.from({ length: 17 }, (_, g) => [`h${g}`, g < 60 % 17 ? 4 : 3, g < 60 % 17 ? 4 : 3]),
    );
  });
});
