import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import { InMemoryPersistenceStore } from '../../src/engine/persistence/persistence-store.js';
import { startRecorded, type RecordedApp } from './recorded-app.js';
import { callStack } from './call-stack.js';

const APP = `@app:name('Fold')
define stream S (k string, v float, n int);
@info(name='q1') from S#window.lengthBatch(3)
select k, sum(v) as s, avg(n) as a, count() as c, min(v) as mn, max(n) as mx
insert into Out;`;

const ROWS: unknown[][] = [
  ['a', 1.5, 1],
  ['b', null, 2],
  ['c', 2.25, null],
  ['d', 4, 4],
  ['e', 5, 5],
  ['f', 6, 6],
  ['g', 7, 7],
];

// Per batch: the last event's k, with the batch's aggregates (nulls skipped).
const BATCH_1 = ['c', 3.75, 1.5, 3, 1.5, 2];
const BATCH_2 = ['f', 15, 5, 3, 4, 6];

function start(store = new InMemoryPersistenceStore()): RecordedApp {
  return startRecorded(APP, store);
}

describe('a lengthBatch aggregation folds its batch as it fills', () => {
  test('one output per batch: the last event with the batch aggregates, as one event at a time or as a chunk', () => {
    const one = start();
    for (const r of ROWS) one.rt.getInputHandler('S').send(r);
    assert.deepEqual(one.out, [BATCH_1, BATCH_2]);
    // The batch reached the selector event by event, not as the window's chunk.
    assert.match(one.stacks[0]!, /emitFolded/);
    void one.rt.shutdown();

    const chunk = start();
    chunk.rt.getInputHandler('S').send(ROWS.map((data) => ({ data })));
    assert.deepEqual(chunk.out, [BATCH_1, BATCH_2]);
    void chunk.rt.shutdown();
  });

  test('a revision taken mid-batch restores the batch so far', () => {
    const store = new InMemoryPersistenceStore();
    const first = start(store);
    const h = first.rt.getInputHandler('S');
    for (const r of ROWS.slice(0, 4)) h.send(r);
    first.rt.persist();
    void first.rt.shutdown();

    const second = start(store);
    second.rt.restoreLastRevision();
    for (const r of ROWS.slice(4)) second.rt.getInputHandler('S').send(r);
    assert.deepEqual(second.out, [BATCH_2]);
    void second.rt.shutdown();
  });

  test('a query that outputs expired events too does not fold', () => {
    const m = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() });
    const rt = m.createSiddhiAppRuntime(APP.replace('insert into Out', 'insert all events into Out'));
    const stacks: string[] = [];
    const out: unknown[][] = [];
    rt.addQueryCallback('q1', (_ts, ins) => {
      stacks.push(callStack());
      for (const e of ins ?? []) out.push(e.data);
    });
    rt.start();
    for (const r of ROWS) rt.getInputHandler('S').send(r);
    assert.equal(stacks.length, 2);
    assert.doesNotMatch(stacks.join('\n'), /emitFolded/);
    // A batch still outputs its last event with the batch's aggregates.
    assert.deepEqual(out, [BATCH_1, BATCH_2]);
    void rt.shutdown();
  });
});
