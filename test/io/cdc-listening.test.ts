import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { createConnection, type Connection } from 'mysql2/promise';
import type { Server } from 'node:http';
import { freePort, listen, startApp, startPersistent, waitFor } from './helpers.js';
import { waitForPort } from './service-restart.js';
import { InMemoryPersistenceStore } from '../../src/engine/persistence/persistence-store.js';

const run = promisify(execFile);
const suffix = (): string => randomBytes(4).toString('hex');
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** One stream for every operation: absent keys (before_ of an insert, after-values of a delete) are null. */
const STREAM = `@map(type='keyvalue', fail.on.missing.attribute='false', @attributes(id='id', item='item', amount='amount', before_id='before_id', before_amount='before_amount', op='trp:operation', tbl='trp:table')))
  define stream Changes (id long, item string, amount double, before_id long, before_amount double, op string, tbl string);`;

async function slotConfirmed(db: pg.Client, slot: string): Promise<string | undefined> {
  const r = await db.query<{ lsn: string | null }>(
    'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  return r.rows[0]?.lsn ?? undefined;
}

function lsn(v: string): bigint {
  const [hi, lo] = v.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
}

/** Drops the slot (ending the walsender that may still hold it for a moment) and the publication. */
async function dropReplication(db: pg.Client, slot: string, publication: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = await db.query<{ pid: number | null }>(
      'SELECT active_pid AS pid FROM pg_replication_slots WHERE slot_name = $1',
      [slot],
    );
    const row = r.rows[0];
    if (!row) break;
    if (row.pid !== null) await db.query('SELECT pg_terminate_backend($1)', [row.pid]);
    try {
      await db.query('SELECT pg_drop_replication_slot($1)', [slot]);
      break;
    } catch {
      await new Promise((res) => setTimeout(res, 100));
    }
  }
  await db.query(`DROP PUBLICATION IF EXISTS ${publication}`);
}

/** Restarts the local PostgreSQL (a fast shutdown: it ends the replication connections) and waits for it. */
async function restartPostgres(): Promise<void> {
  const cluster = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main';
  try {
    await run('bash', ['-c', `${cluster} restart -m fast`], { timeout: 20000 });
  } finally {
    // whatever happened, leave the server running for the other tests
    await run('bash', ['-c', `${cluster} start`]).catch(() => undefined);
    await waitForPort(5432);
  }
}

/** Restarts the local MariaDB and waits for it. */
async function restartMariadb(): Promise<void> {
  try {
    await run('mysqladmin', ['-uroot', 'shutdown'], { timeout: 20000 });
    for (let i = 0; i < 100; i++) {
      const up = await run('mysqladmin', ['-uroot', 'ping']).then(
        () => true,
        () => false,
      );
      if (!up) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    // whatever happened, leave the server running for the other tests
    await run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']);
    await waitForPort(3306);
  }
}

describe('cdc listening: PostgreSQL logical replication', () => {
  let db: pg.Client;
  const t = `cdc_l_${suffix()}`;
  const slot = `tributary_test_${t}`;
  const pub = `tributary_${t}`;

  before(async () => {
    db = new pg.Client({ connectionString: PG_URL });
    db.on('error', () => undefined);
    await db.connect();
    await db.query(`CREATE TABLE ${t} (id bigint PRIMARY KEY, item text, amount numeric(10,2))`);
    await db.query(`ALTER TABLE ${t} REPLICA IDENTITY FULL`);
  });

  after(async () => {
    await dropReplication(db, slot, pub);
    await db.query(`DROP TABLE IF EXISTS ${t}`);
    await db.end();
  });

  const app = (name: string, slotName = slot): string =>
    `@App:name('${name}')
    @source(type='cdc', url='jdbc:postgresql://127.0.0.1:5432/test', username='postgres', table.name='${t}', slot.name='${slotName}', retry.interval='50', retry.interval.max='500',
    ${STREAM}`;

  test('insert, update and delete are one event each with their operation and before_ values; slot and publication are created', async () => {
    const a = await startApp(app('CdcPgListen1'), ['Changes']);
    try {
      const created = await db.query('SELECT 1 FROM pg_publication WHERE pubname = $1', [pub]);
      assert.equal(created.rowCount, 1);
      await db.query(`INSERT INTO ${t} VALUES (1, 'tea', 2.5)`);
      await db.query(`UPDATE ${t} SET amount = 3.25 WHERE id = 1`);
      await db.query(`DELETE FROM ${t} WHERE id = 1`);
      await waitFor(() => a.events.length === 3, 'three changes');
      assert.deepEqual(a.events, [
        [1, 'tea', 2.5, null, null, 'insert', t],
        [1, 'tea', 3.25, 1, 2.5, 'update', t],
        [null, null, null, 1, 3.25, 'delete', t],
      ]);
    } finally {
      await a.stop();
    }
  });

  test('no change is lost across a source restart: the slot continues where the last app confirmed', async () => {
    const a1 = await startApp(app('CdcPgListen2'), ['Changes']);
    const startLsn = (await slotConfirmed(db, slot))!;
    try {
      await db.query(`INSERT INTO ${t} VALUES (10, 'bun', 1)`);
      await waitFor(() => a1.events.length === 1, 'the first insert');
      const deadline = Date.now() + 5000;
      while (lsn((await slotConfirmed(db, slot))!) <= lsn(startLsn)) {
        if (Date.now() > deadline) throw new Error('the slot was never confirmed past the processed insert');
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await a1.stop();
    }
    // written while no app reads: kept by the slot
    await db.query(`INSERT INTO ${t} VALUES (11, 'pie', 2), (12, 'jam', 3)`);
    await db.query(`UPDATE ${t} SET amount = 4 WHERE id = 11`);
    const a2 = await startApp(app('CdcPgListen2'), ['Changes'], { waitConnected: false });
    try {
      await waitFor(() => a2.events.length === 3, 'the changes made while stopped', 10000);
      assert.deepEqual(a1.events, [[10, 'bun', 1, null, null, 'insert', t]]);
      assert.deepEqual(a2.events, [
        [11, 'pie', 2, null, null, 'insert', t],
        [12, 'jam', 3, null, null, 'insert', t],
        [11, 'pie', 4, 11, 2, 'update', t],
      ]);
    } finally {
      await a2.stop();
    }
  });

  test('the server restarting mid-stream: the source reconnects and reads on from the slot', async () => {
    // a slot of its own: what a restart replays (see below) is this test's changes only
    const a = await startApp(app('CdcPgListen3', `${slot}_r`), ['Changes']);
    try {
      await db.query(`INSERT INTO ${t} VALUES (20, 'fig', 1)`);
      await waitFor(() => a.events.length === 1, 'the insert before the restart');
      await db.end();
      await restartPostgres();
      db = new pg.Client({ connectionString: PG_URL });
      db.on('error', () => undefined);
      await db.connect();
      await db.query(`INSERT INTO ${t} VALUES (21, 'kiwi', 2)`);
      await waitFor(() => a.events.some((e) => e[0] === 21), 'the insert after the restart', 15000);
      // at-least-once: PostgreSQL 15 keeps a slot's confirmed position in memory only (it is written at a
      // checkpoint when the slot moved for other reasons), so the insert before the restart may come again
      const unique = [...new Set(a.events.map((e) => JSON.stringify(e)))].map((e) => JSON.parse(e) as unknown[]);
      assert.deepEqual(unique, [
        [20, 'fig', 1, null, null, 'insert', t],
        [21, 'kiwi', 2, null, null, 'insert', t],
      ]);
      assert.ok(a.events.length <= 3, JSON.stringify(a.events));
      assert.ok(
        a.lines.some((l) => l.level === 'warn' && /lost its connection/.test(l.msg)),
        'the lost connection is logged',
      );
    } finally {
      await a.stop();
      await dropReplication(db, `${slot}_r`, pub);
    }
  });

  test('a change whose sink is still waiting is not confirmed: a restarted app reads it again and publishes it', async () => {
    const waitSlot = `${slot}_w`;
    const port = await freePort();
    const withSink = (n: number): string =>
      `${app(`CdcPgSettle${n}`, waitSlot)}
      @sink(type='http', publisher.url='http://127.0.0.1:${port}/c', on.error='WAIT', retry.interval='20', retry.interval.max='50',
            @map(type='text', @payload('{{id}} {{op}}')))
      define stream Out (id long, op string);
      from Changes select id, op insert into Out;`;
    const got: string[] = [];
    let server: Server | undefined;
    try {
      const first = await startApp(withSink(1), ['Changes']);
      try {
        const before = (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
        await db.query(`INSERT INTO ${t} VALUES (30, 'nut', 5)`);
        await waitFor(() => first.events.length === 1, 'the app processed the insert');
        await new Promise((r) => setTimeout(r, 300)); // time for a wrong confirmation to reach the server
        const confirmed = (await slotConfirmed(db, waitSlot))!;
        assert.ok(lsn(confirmed) <= lsn(before), `slot confirmed ${confirmed} past the unpublished insert (${before})`);
      } finally {
        await first.stop(); // the sink gives up at shutdown: the change stays unconfirmed
      }
      server = await listen(port, got);
      const second = await startApp(withSink(2), ['Changes']);
      try {
        await waitFor(() => got.length === 1, 'the change read again and published', 10000);
        assert.deepEqual(got, ['30 insert']);
      } finally {
        await second.stop();
      }
    } finally {
      await new Promise((r) => (server ? server.close(r) : r(undefined)));
      await dropReplication(db, waitSlot, pub);
    }
  });

  test('a failing connection is retried with an error that names the problem, never the password', async () => {
    const secret = 'Pw-9f3kz-secret';
    const a = await startApp(
      `@App:name('CdcPgListenBad')
      @source(type='cdc', url='jdbc:postgresql://postgres:${secret}@127.0.0.1:5432/no_such_db_${suffix()}', password='${secret}', table.name='${t}', retry.interval='50',
      ${STREAM}`,
      ['Changes'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => a.lines.some((l) => l.level === 'error' && /no_such_db/.test(l.msg)), 'the error');
      const text = JSON.stringify(a.lines);
      assert.ok(!text.includes(secret), text);
      assert.match(text, /postgres:\*\*\*@127\.0\.0\.1/);
    } finally {
      await a.stop();
    }
  });
});

describe('cdc listening: MariaDB binlog', () => {
  let db: Connection;
  const t = `cdc_l_${suffix()}`;

  before(async () => {
    db = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
    await db.query(`CREATE TABLE ${t} (id BIGINT PRIMARY KEY, item VARCHAR(20), amount DECIMAL(10,2))`);
  });

  after(async () => {
    await db.query(`DROP TABLE IF EXISTS ${t}`);
    await db.end();
  });

  test('insert, update and delete with before_ values; operation= keeps one kind', async () => {
    const a = await startApp(
      `@App:name('CdcMyListen1')
      @source(type='cdc', url='jdbc:mariadb://127.0.0.1:3306/test', username='root', table.name='${t}', retry.interval='50',
      ${STREAM}
      @source(type='cdc', mode='listening', url='jdbc:mariadb://127.0.0.1:3306/test', username='root', table.name='${t}', operation='delete',
      @map(type='keyvalue', @attributes(id='before_id', item='before_item')))
      define stream Deleted (id long, item string);`,
      ['Changes', 'Deleted'],
    );
    try {
      await db.query(`INSERT INTO ${t} VALUES (1, 'tea', 2.5), (2, 'cake', 4.75)`);
      await db.query(`UPDATE ${t} SET amount = 3.25 WHERE id = 1`);
      await db.query(`DELETE FROM ${t} WHERE id = 2`);
      await waitFor(() => a.events.length === 4 && a.streams.get('Deleted')!.length === 1, 'four changes');
      assert.deepEqual(a.events, [
        [1, 'tea', 2.5, null, null, 'insert', t],
        [2, 'cake', 4.75, null, null, 'insert', t],
        [1, 'tea', 3.25, 1, 2.5, 'update', t],
        [null, null, null, 2, 4.75, 'delete', t],
      ]);
      assert.deepEqual(a.streams.get('Deleted'), [[2, 'cake']]);
    } finally {
      await a.stop();
    }
  });

  test('binlog.file and binlog.position resume where a stopped source logged it processed up to', async () => {
    const source = (name: string, from: string): string =>
      `@App:name('${name}')
      @source(type='cdc', url='jdbc:mysql://127.0.0.1:3306/test', username='root', table.name='test.${t}', database.server.id='7001', ${from}
      ${STREAM}`;
    const a1 = await startApp(source('CdcMyListen2', ''), ['Changes']);
    let stoppedAt: string | undefined;
    try {
      await db.query(`INSERT INTO ${t} VALUES (10, 'bun', 1)`);
      await waitFor(() => a1.events.length === 1, 'the first insert');
    } finally {
      await a1.stop();
      stoppedAt = a1.lines
        .map((l) => /processed up to (\S+):(\d+)$/.exec(l.msg))
        .find((m) => m)
        ?.slice(1)
        .join(':');
    }
    assert.ok(stoppedAt, JSON.stringify(a1.lines));
    await db.query(`INSERT INTO ${t} VALUES (11, 'pie', 2)`);
    const [file, pos] = stoppedAt.split(':');
    const a2 = await startApp(source('CdcMyListen3', `binlog.file='${file}', binlog.position='${pos}',`), ['Changes']);
    try {
      await db.query(`DELETE FROM ${t} WHERE id = 10`);
      await waitFor(() => a2.events.length === 2, 'the insert made while stopped and the delete');
      assert.deepEqual(a2.events, [
        [11, 'pie', 2, null, null, 'insert', `test.${t}`],
        [null, null, null, 10, 1, 'delete', `test.${t}`],
      ]);
    } finally {
      await a2.stop();
    }
  });

  test('the server restarting mid-stream: the source reconnects and resumes after the last transaction it processed', async () => {
    const a = await startApp(
      `@App:name('CdcMyListen4')
      @source(type='cdc', url='jdbc:mariadb://127.0.0.1:3306/test', username='root', table.name='${t}', retry.interval='50', retry.interval.max='500',
      ${STREAM}`,
      ['Changes'],
    );
    try {
      await db.query(`INSERT INTO ${t} VALUES (30, 'jam', 1)`);
      await waitFor(() => a.events.length === 1, 'the insert before the restart');
      await db.end();
      await restartMariadb();
      db = await createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
      await db.query(`INSERT INTO ${t} VALUES (31, 'oat', 2)`);
      await waitFor(() => a.events.some((e) => e[0] === 31), 'the insert after the restart', 20000);
      // the binlog position is exact: nothing before the restart comes again, nothing after is lost
      assert.deepEqual(a.events, [
        [30, 'jam', 1, null, null, 'insert', t],
        [31, 'oat', 2, null, null, 'insert', t],
      ]);
      assert.ok(
        a.lines.some((l) => l.level === 'warn' && /lost its connection/.test(l.msg)),
        'the lost connection is logged',
      );
    } finally {
      await a.stop();
    }
  });

  test('the binlog position rides in the app state: a restored app reads the changes made while it was stopped', async () => {
    const store = new InMemoryPersistenceStore();
    const text = `@App:name('CdcMyListenState')
      @source(type='cdc', url='jdbc:mariadb://127.0.0.1:3306/test', username='root', table.name='${t}', retry.interval='50',
      ${STREAM}`;
    const start = (restore: boolean) => startPersistent(text, 'Changes', store, restore);
    const first = await start(false);
    try {
      await db.query(`INSERT INTO ${t} VALUES (40, 'rye', 1)`);
      await waitFor(() => first.events.length === 1, 'the first insert');
      first.runtime.persist();
    } finally {
      await first.manager.shutdown();
    }
    await db.query(`INSERT INTO ${t} VALUES (41, 'spelt', 2)`); // while no app reads
    const second = await start(true);
    try {
      await db.query(`UPDATE ${t} SET amount = 3 WHERE id = 41`);
      await waitFor(() => second.events.length === 2, 'the insert made while stopped, then the update');
      assert.deepEqual(second.events, [
        [41, 'spelt', 2, null, null, 'insert', t],
        [41, 'spelt', 3, 41, 2, 'update', t],
      ]);
    } finally {
      await second.manager.shutdown();
    }
  });

  test('a missing table is retried with a plain error; the password never shows', async () => {
    const secret = 'My-7q2x-secret';
    const a = await startApp(
      `@App:name('CdcMyListenBad')
      @source(type='cdc', url='jdbc:mariadb://root:${secret}@127.0.0.1:3306/test', table.name='nope_${t}', retry.interval='50',
      ${STREAM}`,
      ['Changes'],
      { waitConnected: false },
    );
    try {
      await waitFor(() => a.lines.some((l) => l.level === 'error'), 'the error');
      const text = JSON.stringify(a.lines);
      assert.ok(!text.includes(secret), text);
      assert.match(text, /Access denied|does not exist/);
    } finally {
      await a.stop();
    }
  });
});
