import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';

const APP = `@app:name('Lifecycle')
  define stream Parts (code string, qty int);
  from Parts[qty > 0] select code insert into Picked;`;

function runtime() {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  const picked: unknown[] = [];
  r.addStreamCallback('Picked', (es) => picked.push(...es.map((e) => e.data[0])));
  return { r, picked };
}

const NOT_RUNNING = /Siddhi app 'Lifecycle' is not running, cannot send events to stream 'Parts'/;

test('a handler sends only while the app runs: not before start, not after shutdown', async () => {
  const { r, picked } = runtime();
  const h = r.getInputHandler('Parts');
  assert.throws(() => h.send(['early', 1]), NOT_RUNNING);
  r.start();
  h.send(['bolt', 2]);
  h.send(1000, ['nut', 3]);
  h.send([{ data: ['gear', 4] }]);
  await r.shutdown();
  assert.throws(() => h.send(['late', 5]), NOT_RUNNING);
  assert.throws(() => h.send([{ data: ['late', 5] }]), NOT_RUNNING);
  assert.deepEqual(picked, ['bolt', 'nut', 'gear']);
});

test('after a restart a handler taken before the shutdown stays closed; a new one sends', async () => {
  const { r, picked } = runtime();
  const before = r.getInputHandler('Parts');
  r.start();
  await r.shutdown();
  r.start();
  assert.throws(() => before.send(['old', 1]), NOT_RUNNING);
  r.getInputHandler('Parts').send(['fresh', 2]);
  await r.shutdown();
  assert.deepEqual(picked, ['fresh']);
});
