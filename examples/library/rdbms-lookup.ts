/**
 * SQL from an app: `#rdbms:query` looks up each order's stock in a database, `#rdbms:cud` takes it off.
 * The datasource is a SQLite file made here; a PostgreSQL or MariaDB URL works the same, with the
 * answers coming after the send (`await runtime.flush()` waits for them).
 * Run it: node --import tsx examples/library/rdbms-lookup.ts
 * (In your own project, import from 'tributary'.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SiddhiManager } from '../../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tributary-example-'));
const file = join(dir, 'shop.db');
const db = new Database(file);
db.exec(`CREATE TABLE Inventory (item TEXT PRIMARY KEY, stock INTEGER);
         INSERT INTO Inventory VALUES ('lamp', 3), ('desk', 1);`);
db.close();

const manager = new SiddhiManager({
  datasources: { SHOP_DB: { url: `jdbc:sqlite:${file}` } },
  // rdbms:cud changes databases only when this is on (as perform.CUD.operations in WSO2 SI's deployment.yaml).
  extensionProperties: { 'rdbms:cud': { 'perform.CUD.operations': 'true' } },
});
const runtime = manager.createSiddhiAppRuntime(`
  define stream Orders (orderId int, item string, quantity int);

  -- The stock of the item; an order of an item the shop does not hold goes on with stock null.
  from Orders#rdbms:query('SHOP_DB', 'stock int', 'select stock from Inventory where item = ?', item, true)
  select orderId, item, quantity, stock
  insert into Checked;

  from Checked[stock >= quantity]#rdbms:cud('SHOP_DB', 'update Inventory set stock = stock - ? where item = ?', quantity, item)
  select orderId, item, numRecords
  insert into Shipped;

  from Checked[stock is null or stock < quantity]
  select orderId, item
  insert into Refused;
`);
for (const stream of ['Shipped', 'Refused']) {
  runtime.addStreamCallback(stream, (events) => {
    for (const e of events) console.log(stream, JSON.stringify(e.data));
  });
}
runtime.start();

const orders = runtime.getInputHandler('Orders');
orders.send([1, 'lamp', 2]);
orders.send([2, 'lamp', 2]);
orders.send([3, 'desk', 1]);
orders.send([4, 'sofa', 1]);
await runtime.flush();
await runtime.shutdown();
rmSync(dir, { recursive: true, force: true });
