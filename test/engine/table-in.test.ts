import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SiddhiManager } from '../../src/engine/siddhi-manager.js';
import { memoryLogger } from '../../src/engine/runtime/logger.js';
import type { SiddhiAppRuntime } from '../../src/engine/app/siddhi-app-runtime.js';
import type { Event } from '../../src/engine/runtime/event.js';
import { appStores } from '../../src/engine/table/app-stores.js';
import { InMemoryTable } from '../../src/engine/table/in-memory-table.js';

const APP = `
define stream Load (code string, qty int);
define stream Ask (code string, qty int);
define stream AskQty (code string, qty int);
@PrimaryKey('code')
define table Stock (code string, qty int);
from Load insert into Stock;
@info(name = 'byKey') from Ask[(Stock.code == code) in Stock] select code insert into Known;
@info(name = 'byKeyAndMore') from Ask[(code == Stock.code and Stock.qty >= qty) in Stock] select code insert into Enough;
@info(name = 'scan') from AskQty[(Stock.qty == qty) in Stock] select code insert into SameQty;
`;

function collect(r: SiddhiAppRuntime, query: string): unknown[] {
  const got: unknown[] = [];
  r.addQueryCallback(query, (_ts, ins: Event[] | null) => {
    for (const e of ins ?? []) got.push(e.data[0]);
  });
  return got;
}

test('`in` over a table with its primary key in the condition reads one row per event, not the table', () => {
  const r = new SiddhiManager({ clock: 'virtual', startTime: 0, logger: memoryLogger() }).createSiddhiAppRuntime(APP);
  const known = collect(r, 'byKey');
  const enough = collect(r, 'byKeyAndMore');
  const sameQty = collect(r, 'scan');
  r.start();
  const table = appStores((r as unknown as { ctx: Parameters<typeof appStores>[0] }).ctx).tables.get('Stock');
  assert.ok(table instanceof InMemoryTable);
  r.getInputHandler('Load').send(Array.from({ length: 500 }, (_, i) => ({ data: [`c${i}`, i] })));
  const before = table.rowsExamined;
  r.getInputHandler('Ask').send(['c7', 5]);
  r.getInputHandler('Ask').send(['c8', 9]);
  r.getInputHandler('Ask').send(['zz', 1]);
  assert.deepEqual(known, ['c7', 'c8']);
  assert.deepEqual(enough, ['c7']);
  // One row for each query and known code; an unknown code reads none.
  assert.equal(table.rowsExamined - before, 4);
  // A condition without the key still scans until a row matches.
  r.getInputHandler('AskQty').send(['x', 250]);
  r.getInputHandler('AskQty').send(['y', 9999]);
  assert.deepEqual(sameQty, ['x']);
  assert.ok(table.rowsExamined - before >= 4 + 500, 'the miss read every row');
});
