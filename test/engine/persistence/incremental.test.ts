import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../../src/engine/siddhi-manager.js';
import { InMemoryPersistenceStore } from '../../../src/engine/persistence/persistence-store.js';
import { decodeRevision } from '../../../src/engine/persistence/snapshot-codec.js';
import { revisionsToPrune } from '../../../src/engine/persistence/revision-id.js';
import type { SiddhiAppRuntime } from '../../../src/engine/app/siddhi-app-runtime.js';

const T0 = 1577836800000;

const APP = `@app:name('Inc')
define stream Prices (symbol string, price double);
define stream Load (symbol string, qty long);
define table Stock (symbol string, qty long);
from Load insert into Stock;
@info(name = 'avg') from Prices#window.length(3) select symbol, avg(price) as a insert into Avg;
from Prices#window.lengthBatch(2) select count() as n insert into Batches;`;

function run(store: InMemoryPersistenceStore, fullSnapshotEvery = 3): { rt: SiddhiAppRuntime; out: unknown[][] } {
  const m = new SiddhiManager({
    clock: 'virtual',
    startTime: T0,
    persistenceStore: store,
    incrementalPersistence: { fullSnapshotEvery },
  });
  const rt = m.createSiddhiAppRuntime(APP);
  const out: unknown[][] = [];
  rt.addStreamCallback('Avg', (es) => out.push(...es.map((e) => ['avg', ...e.data])));
  rt.addStreamCallback('Batches', (es) => out.push(...es.map((e) => ['n', ...e.data])));
  rt.start();
  return { rt, out };
}

function elements(store: InMemoryPersistenceStore, revision: string): string[] {
  const rev = decodeRevision('Inc', store.load('Inc', revision)!);
  assert.notEqual(rev.kind, 'full');
  return rev.kind === 'full' ? [] : Object.keys(rev.elements).sort();
}

describe('incremental persistence', () => {
  test('a base holds every element, an increment only the changed ones; a base again after fullSnapshotEvery', () => {
    const store = new InMemoryPersistenceStore();
    const { rt } = run(store, 2);
    const load = rt.getInputHandler('Load');
    for (let i = 0; i < 100; i++) load.send([`S${i}`, i]);
    const base = rt.persist();
    assert.match(base, /_B$/);
    assert.deepEqual(elements(store, base), [
      'avg/selector',
      'avg/window',
      'query_1/selector',
      'query_2/selector',
      'query_2/window',
      'table/Stock',
    ]);
    rt.getInputHandler('Prices').send(['A', 10]);
    const inc1 = rt.persist();
    assert.match(inc1, /_I$/);
    // The table did not change: only the windows and selectors the price reached (the lengthBatch
    // query folds its batch as it fills: its selector holds the count so far).
    assert.deepEqual(elements(store, inc1), ['avg/selector', 'avg/window', 'query_2/selector', 'query_2/window']);
    const inc2 = rt.persist();
    assert.deepEqual(elements(store, inc2), [], 'nothing changed');
    assert.equal(decodeRevision('Inc', store.load('Inc', inc2)!).kind, 'increment');
    const again = rt.persist();
    assert.match(again, /_B$/, 'a base after 2 increments');
    const [b, i] = [store.load('Inc', base)!.byteLength, store.load('Inc', inc1)!.byteLength];
    assert.ok(i * 4 < b, `increment ${i} bytes, base ${b} bytes`);
  });

  test('restoring an increment applies its base and the increments before it: outputs equal an uninterrupted run', () => {
    const prices: [string, number][] = [
      ['A', 1],
      ['B', 2],
      ['A', 3],
      ['C', 4],
      ['A', 5],
      ['B', 6],
      ['C', 7],
      ['A', 8],
      ['B', 9],
    ];
    const whole = run(new InMemoryPersistenceStore());
    whole.rt.getInputHandler('Load').send(['X', 1]);
    for (const p of prices.slice(0, 4)) whole.rt.getInputHandler('Prices').send(p);
    const before = whole.out.length;
    for (const p of prices.slice(4)) whole.rt.getInputHandler('Prices').send(p);

    const store = new InMemoryPersistenceStore();
    const first = run(store);
    first.rt.getInputHandler('Load').send(['X', 1]);
    for (const p of prices.slice(0, 6)) {
      first.rt.getInputHandler('Prices').send(p);
      first.rt.persist();
    }
    assert.deepEqual(
      store.revisions('Inc').map((r) => r.slice(-1)),
      ['B', 'I', 'I', 'I', 'B', 'I'],
    );
    const second = run(store);
    // The fourth revision: after 4 prices, an increment on a base and two increments.
    second.rt.restoreRevision(store.revisions('Inc')[3]!);
    for (const p of prices.slice(4)) second.rt.getInputHandler('Prices').send(p);
    assert.deepEqual(second.out, whole.out.slice(before));
    assert.deepEqual(second.rt.query('from Stock select *'), [['X', 1]]);
  });

  test('after a restore the next revision is a base; restoreLastRevision follows the chain', () => {
    const store = new InMemoryPersistenceStore();
    const a = run(store);
    a.rt.getInputHandler('Load').send(['X', 1]);
    a.rt.persist();
    a.rt.getInputHandler('Load').send(['Y', 2]);
    const inc = a.rt.persist();
    const b = run(store);
    assert.equal(b.rt.restoreLastRevision(), inc);
    assert.deepEqual(b.rt.query('from Stock select *'), [
      ['X', 1],
      ['Y', 2],
    ]);
    assert.match(b.rt.persist(), /_B$/);
  });

  test('a missing revision of the chain is refused before anything is restored', () => {
    const store = new InMemoryPersistenceStore();
    const a = run(store);
    a.rt.getInputHandler('Load').send(['X', 1]);
    const base = a.rt.persist();
    a.rt.getInputHandler('Load').send(['Y', 2]);
    const inc = a.rt.persist();
    const b = run(store);
    b.rt.getInputHandler('Load').send(['Z', 3]);
    const bytes = store.load('Inc', base)!;
    store.save('Inc', base, bytes); // re-saved: still there
    const broken = new InMemoryPersistenceStore();
    broken.save('Inc', inc, store.load('Inc', inc)!);
    const c = run(broken);
    c.rt.getInputHandler('Load').send(['Z', 3]);
    assert.throws(
      () => c.rt.restoreRevision(inc),
      new RegExp(`builds on revision '${base}', which the store no longer holds`),
    );
    assert.deepEqual(c.rt.query('from Stock select *'), [['Z', 3]]);
    assert.throws(() => c.rt.restoreRevision('nope'), /no persisted revision 'nope' of app 'Inc'/);
  });

  test('pruning keeps the base and increments that a kept increment builds on', () => {
    assert.deepEqual(revisionsToPrune(['1_a_x_B', '2_a_x_I', '3_a_x_I', '4_a_x_I'], 2), []);
    assert.deepEqual(revisionsToPrune(['1_a_x_B', '2_a_x_I', '3_a_x_B', '4_a_x_I'], 2), ['1_a_x_B', '2_a_x_I']);
    assert.deepEqual(revisionsToPrune(['1_a_x', '2_a_x', '3_a_x', '4_a_x'], 3), ['1_a_x']);
    const store = new InMemoryPersistenceStore(2);
    const { rt } = run(store, 3);
    const ids = [rt.persist(), rt.persist(), rt.persist(), rt.persist(), rt.persist()];
    assert.deepEqual(store.revisions('Inc'), ids, 'B I I I B: the newest two need all');
    ids.push(rt.persist());
    assert.deepEqual(store.revisions('Inc'), ids.slice(4), 'B I I I B I: the first base and its increments go');
  });

  test('anonymous queries keep their state across a rebuild (names are per app)', () => {
    const store = new InMemoryPersistenceStore();
    const a = run(store);
    a.rt.getInputHandler('Prices').send(['A', 1]);
    a.rt.persist();
    const b = run(store);
    b.rt.restoreLastRevision();
    b.rt.getInputHandler('Prices').send(['A', 2]);
    assert.deepEqual(
      b.out.filter((o) => o[0] === 'n'),
      [['n', 2]],
    );
  });
});
