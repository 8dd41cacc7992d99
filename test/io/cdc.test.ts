import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createConnection } from 'mysql2/promise';
import { startApp, waitFor } from './helpers.js';

const suffix = (): string => randomBytes(4).toString('hex');

const STREAM = `@map(type='keyvalue', @attributes(id='id', item='item', amount='amount', op='trp:operation')))
  define stream Changes (id long, item string, amount double, op string);`;

describe('cdc polling', () => {
  test('PostgreSQL: inserts and updates past the last seen timestamp become events with their operation', async () => {
    const t = `orders_${suffix()}`;
    const db = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await db.connect();
    await db.query(
      `CREATE TABLE ${t} (id bigint PRIMARY KEY, item text, amount numeric(10,2), updated_at timestamp(6) NOT NULL DEFAULT clock_timestamp())`,
    );
    await db.query(`INSERT INTO ${t} (id, item, amount) VALUES (1, 'tea', 2.5)`);
    const app = await startApp(
      `@App:name('CdcPg${t}')
      @source(type='cdc', mode='polling', url='jdbc:postgresql://127.0.0.1:5432/test', username='postgres', table.name='${t}', polling.column='updated_at', primary.key='id', polling.interval='0.05',
      ${STREAM}`,
      ['Changes'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => app.events.length === 1, 'the existing row');
      await db.query(`INSERT INTO ${t} (id, item, amount) VALUES (2, 'cake', 4.75)`);
      await waitFor(() => app.events.length === 2, 'the insert');
      await db.query(`UPDATE ${t} SET amount = 3.0, updated_at = clock_timestamp() WHERE id = 1`);
      await waitFor(() => app.events.length === 3, 'the update');
      assert.deepEqual(app.events, [
        [1, 'tea', 2.5, 'insert'],
        [2, 'cake', 4.75, 'insert'],
        [1, 'tea', 3, 'update'],
      ]);
    } finally {
      await app.stop();
      await db.query(`DROP TABLE ${t}`);
      await db.end();
    }
  });

  test("PostgreSQL through a datasource: datasource.name gives url, username and password (WSO2 SI's way)", async () => {
    const t = `orders_${suffix()}`;
    const db = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await db.connect();
    await db.query(`CREATE TABLE ${t} (id bigint PRIMARY KEY, item text, amount numeric(10,2))`);
    await db.query(`INSERT INTO ${t} VALUES (1, 'tea', 2.5)`);
    const app = await startApp(
      `@App:name('CdcPgDs${t}')
      @source(type='cdc', mode='polling', datasource.name='SHOP_DB', table.name='${t}', polling.column='id', polling.interval='0.05',
      ${STREAM}`,
      ['Changes'],
      {
        waitConnected: false,
        datasources: {
          SHOP_DB: {
            url: 'jdbc:postgresql://127.0.0.1:5432/test',
            username: 'postgres',
            password: '',
            driver: 'org.postgresql.Driver',
          },
        },
      },
    );
    try {
      await waitFor(() => app.events.length === 1, 'the existing row');
      await db.query(`INSERT INTO ${t} VALUES (2, 'cake', 4.75)`);
      await waitFor(() => app.events.length === 2, 'the insert');
      assert.deepEqual(app.events, [
        [1, 'tea', 2.5, 'insert'],
        [2, 'cake', 4.75, 'insert'],
      ]);
      assert.deepEqual(
        app.lines.filter((l) => l.level === 'warn' || l.level === 'error'),
        [],
      );
    } finally {
      await app.stop();
      await db.query(`DROP TABLE ${t}`);
      await db.end();
    }
  });

  test('MariaDB through a datasource found by jndi.resource; the datasource wins over the url written', async () => {
    const t = `orders_${suffix()}`;
    const db = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
    await db.query(`CREATE TABLE ${t} (id BIGINT PRIMARY KEY, item VARCHAR(20), amount DECIMAL(10,2))`);
    await db.query(`INSERT INTO ${t} VALUES (1, 'tea', 2.5)`);
    const app = await startApp(
      `@App:name('CdcMyDs${t}')
      @source(type='cdc', mode='polling', url='jdbc:mysql://127.0.0.1:1/nowhere', jndi.resource='jdbc/ShopDB', table.name='${t}', polling.column='id', polling.interval='0.05',
      ${STREAM}`,
      ['Changes'],
      {
        waitConnected: false,
        datasources: {
          SHOP_DB: { url: 'jdbc:mariadb://127.0.0.1:3306/test', username: 'root', jndiName: 'jdbc/ShopDB' },
        },
      },
    );
    try {
      await waitFor(() => app.events.length === 1, 'the existing row');
      await db.query(`INSERT INTO ${t} VALUES (2, 'cake', 4.75)`);
      await waitFor(() => app.events.length === 2, 'the insert');
      assert.deepEqual(app.events, [
        [1, 'tea', 2.5, 'insert'],
        [2, 'cake', 4.75, 'insert'],
      ]);
    } finally {
      await app.stop();
      await db.query(`DROP TABLE IF EXISTS ${t}`);
      await db.end();
    }
  });

  test('MariaDB: new rows past the last seen id become insert events; a missing table is retried, not fatal', async () => {
    const t = `orders_${suffix()}`;
    const db = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
    const app = await startApp(
      `@App:name('CdcMy${t}')
      @source(type='cdc', mode='polling', url='jdbc:mariadb://127.0.0.1:3306/test', username='root', table.name='${t}', polling.column='id', polling.interval='0.05', retry.interval='50',
      ${STREAM}`,
      ['Changes'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => app.lines.some((l) => l.level === 'error'), 'the missing table reported');
      await db.query(`CREATE TABLE ${t} (id BIGINT PRIMARY KEY, item VARCHAR(20), amount DECIMAL(10,2))`);
      await db.query(`INSERT INTO ${t} VALUES (1, 'tea', 2.5), (2, 'cake', 4.75)`);
      await waitFor(() => app.events.length === 2, 'two rows', 10000);
      await db.query(`INSERT INTO ${t} VALUES (3, 'pie', 1.25)`);
      await waitFor(() => app.events.length === 3, 'the third row');
      assert.deepEqual(app.events, [
        [1, 'tea', 2.5, 'insert'],
        [2, 'cake', 4.75, 'insert'],
        [3, 'pie', 1.25, 'insert'],
      ]);
    } finally {
      await app.stop();
      await db.query(`DROP TABLE IF EXISTS ${t}`);
      await db.end();
    }
  });
});
