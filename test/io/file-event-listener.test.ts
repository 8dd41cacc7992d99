import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiddhiManager, memoryLogger } from '../../src/index.js';
import { InMemoryPersistenceStore } from '../../src/engine/persistence/persistence-store.js';
import { startApp, startPersistent, waitFor, type TestApp } from './helpers.js';

const STREAM = 'define stream FileListenerStream (filepath string, filename string, status string);';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tributary-fel-'));
}

function listener(name: string, dir: string, more = ''): string {
  return `@App:name('${name}') @source(type='fileeventlistener', dir.uri='file://${dir}'${more}) ${STREAM}`;
}

/** The virtual clock's time. */
function now(app: TestApp): number {
  return app.runtime.manualClock!.now();
}

/** Lets one monitoring interval pass, and waits until that look at the directory is done. */
async function look(app: TestApp, interval = 100): Promise<void> {
  const clock = app.runtime.manualClock!;
  const next = now(app) + interval;
  app.runtime.advanceTime(interval);
  // done: the next look is scheduled, or a change is being watched for a second
  await waitFor(() => clock.nextDue() !== undefined && clock.nextDue()! > next, 'the look at the directory');
}

/** Lets the second pass after which a seen change is reported. */
async function settle(app: TestApp): Promise<void> {
  const clock = app.runtime.manualClock!;
  assert.equal(clock.nextDue(), now(app) + 1000, 'a change waits a second to be reported');
  app.runtime.advanceTime(1000);
  await waitFor(() => clock.nextDue() !== undefined && clock.nextDue()! > now(app), 'the change report');
}

describe('fileeventlistener source', () => {
  test('reports what is in the directory at start, then files created, changed and removed', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'b.txt'), 'b');
    await writeFile(join(dir, 'a.txt'), 'a');
    const app = await startApp(listener('FelAll', dir), ['FileListenerStream'], { virtual: true });
    try {
      assert.deepEqual(app.events, [
        [join(dir, 'a.txt'), 'a.txt', 'created'],
        [join(dir, 'b.txt'), 'b.txt', 'created'],
      ]);
      app.events.length = 0;
      await writeFile(join(dir, 'c.txt'), 'c');
      await look(app);
      assert.deepEqual(app.events, [[join(dir, 'c.txt'), 'c.txt', 'created']]);

      await unlink(join(dir, 'a.txt'));
      await look(app);
      assert.deepEqual(app.events.slice(1), [[join(dir, 'a.txt'), 'a.txt', 'removed']]);

      const t = new Date('2026-01-01T00:00:00Z');
      await utimes(join(dir, 'b.txt'), t, t);
      await look(app);
      assert.equal(app.events.length, 2, 'a change is reported a second after it is seen');
      await settle(app);
      assert.deepEqual(app.events.slice(2), [[join(dir, 'b.txt'), 'b.txt', 'modifyingCompleted']]);

      await look(app);
      assert.equal(app.events.length, 3, 'nothing changed since');
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test("a file changed again within the second is 'modifying', then 'modifyingCompleted'", async () => {
    const dir = await tempDir();
    const file = join(dir, 'log.txt');
    await writeFile(file, 'first line\n');
    const app = await startApp(listener('FelModifying', dir), ['FileListenerStream'], { virtual: true });
    try {
      app.events.length = 0;
      await utimes(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
      await look(app);
      await utimes(file, new Date('2026-01-01T00:00:05Z'), new Date('2026-01-01T00:00:05Z'));
      await settle(app);
      assert.deepEqual(app.events, [[file, 'log.txt', 'modifying']]);
      await look(app);
      await settle(app);
      assert.deepEqual(app.events, [
        [file, 'log.txt', 'modifying'],
        [file, 'log.txt', 'modifyingCompleted'],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('file.name.list: only the listed files, and a listed folder with what is under it', async () => {
    const dir = await tempDir();
    const logs = join(dir, 'logs');
    await mkdir(logs);
    await writeFile(join(dir, 'test.txt'), 't');
    await writeFile(join(dir, 'other.txt'), 'o');
    const app = await startApp(
      listener('FelList', dir, ", file.name.list = 'test.txt, logs', monitoring.interval='250'"),
      ['FileListenerStream'],
      { virtual: true },
    );
    try {
      assert.deepEqual(app.events, [
        [logs, 'logs', 'created'],
        [join(dir, 'test.txt'), 'test.txt', 'created'],
      ]);
      app.events.length = 0;
      const t = new Date('2026-01-01T00:00:00Z');
      await writeFile(join(dir, 'other2.txt'), 'x');
      await writeFile(join(logs, 'day1.log'), 'x');
      await utimes(logs, t, t);
      await look(app, 250);
      // the folder changed (seen first, reported a second later), then the file in it was created
      assert.deepEqual(app.events, []);
      await settle(app);
      assert.deepEqual(app.events, [
        [logs, 'logs', 'modifyingCompleted'],
        [join(logs, 'day1.log'), 'day1.log', 'created'],
      ]);
      await rm(logs, { recursive: true });
      await look(app, 250);
      assert.deepEqual(app.events.slice(2), [
        [join(logs, 'day1.log'), 'day1.log', 'removed'],
        [logs, 'logs', 'removed'],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('the entries reported ride in the app state: a restored app reports only what changed while stopped', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'a');
    await writeFile(join(dir, 'b.txt'), 'b');
    const store = new InMemoryPersistenceStore();
    const start = (restore: boolean) =>
      startPersistent(listener('FelState', dir), 'FileListenerStream', store, restore);
    const first = await start(false);
    try {
      assert.deepEqual(first.events, [
        [join(dir, 'a.txt'), 'a.txt', 'created'],
        [join(dir, 'b.txt'), 'b.txt', 'created'],
      ]);
      first.runtime.persist();
    } finally {
      await first.manager.shutdown();
    }
    await unlink(join(dir, 'a.txt'));
    await writeFile(join(dir, 'c.txt'), 'c');
    const second = await start(true);
    try {
      assert.deepEqual(second.events, [
        [join(dir, 'c.txt'), 'c.txt', 'created'],
        [join(dir, 'a.txt'), 'a.txt', 'removed'],
      ]);
    } finally {
      await second.manager.shutdown();
      await rm(dir, { recursive: true });
    }
  });

  test('a directory that is not there yet is waited for; listed files are reported once they exist', async () => {
    const dir = await tempDir();
    const watched = join(dir, 'later');
    const app = await startApp(
      listener('FelLater', watched, ", file.name.list='x.txt', retry.interval='10', retry.interval.max='20'"),
      ['FileListenerStream'],
      { waitConnected: false },
    );
    try {
      await waitFor(
        () => app.lines.some((l) => l.msg.includes(`cannot watch directory ${watched}: ENOENT`)),
        'a failed connect naming the directory',
      );
      await mkdir(watched);
      await writeFile(join(watched, 'y.txt'), 'y');
      await writeFile(join(watched, 'x.txt'), 'x');
      await waitFor(() => app.events.length === 1, 'the listed file, once the directory is there');
      assert.deepEqual(app.events, [[join(watched, 'x.txt'), 'x.txt', 'created']]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('a monitoring.interval that is not a number is a creation error', async () => {
    const m = new SiddhiManager({ logger: memoryLogger() });
    try {
      assert.throws(
        () => m.createSiddhiAppRuntime(listener('FelBad', '/tmp', ", monitoring.interval='fast'")),
        /1:21 source 'fileeventlistener' option 'monitoring\.interval' must be a whole number, not 'fast'/,
      );
    } finally {
      await m.shutdown();
    }
  });
});
