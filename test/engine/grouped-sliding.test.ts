import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InMemoryPersistenceStore } from '../../src/engine/persistence/persistence-store.js';
import { startRecorded, type RecordedApp } from './recorded-app.js';

const APP = `@app:name('Grouped')
define stream S (k string, v double);
@info(name='q1') from S#window.length(3)
select k, sum(v) as total, count() as n
group by k
insert into Out;`;

const ROWS: unknown[][] = [
  ['a', 1],
  ['b', 2],
  ['a', 3],
  ['c', 4], // a 1 leaves
  ['b', 5], // b 2 leaves
  ['a', 6], // a 3 leaves
  ['a', 7], // c 4 leaves
  ['c', 8], // b 5 leaves
  ['b', 9], // a 6 leaves
  ['a', 10], // a 7 leaves
];

// Per event: its group's sum and count over the last three events.
const OUT: unknown[][] = [
  ['a', 1, 1],
  ['b', 2, 1],
  ['a', 4, 2],
  ['c', 4, 1],
  ['b', 5, 1],
  ['a', 6, 1],
  ['a', 13, 2],
  ['c', 8, 1],
  ['b', 9, 1],
  ['a', 10, 1],
];

function start(store = new InMemoryPersistenceStore()): RecordedApp {
  return startRecorded(APP, store);
}

describe('a grouped length window', () => {
  test('each event leaves the group it joined, sent one by one and as the sender reuses its array', () => {
    const { rt, out, stacks } = start();
    const h = rt.getInputHandler('S');
    const d: unknown[] = [];
    for (const r of ROWS) {
      d[0] = r[0];
      d[1] = r[1];
      h.send(d);
    }
    assert.deepEqual(out, OUT);
    // Past the third event, the window hands the selector pairs (where it keeps their groups).
    assert.match(stacks[3]!, /processPair/);
    void rt.shutdown();
  });

  test('a revision taken with a full window continues with the same outputs, in a new runtime and in place', () => {
    const store = new InMemoryPersistenceStore();
    const first = start(store);
    const h = first.rt.getInputHandler('S');
    for (const r of ROWS.slice(0, 6)) h.send(r);
    first.rt.persist();
    // In place: the groups and the window go back to the revision, with the events sent since forgotten.
    for (const r of ROWS.slice(6, 9)) h.send(r);
    first.rt.restoreLastRevision();
    first.out.length = 0;
    for (const r of ROWS.slice(6)) h.send(r);
    assert.deepEqual(first.out, OUT.slice(6));
    void first.rt.shutdown();

    const second = start(store);
    second.rt.restoreLastRevision();
    for (const r of ROWS.slice(6)) second.rt.getInputHandler('S').send(r);
    assert.deepEqual(second.out, OUT.slice(6));
    void second.rt.shutdown();
  });
});
