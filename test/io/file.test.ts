import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ioCounters, SiddhiManager, memoryLogger, ioHandles } from '../../src/index.js';
import { startApp, waitFor, withTimeout } from './helpers.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tributary-file-'));
}

describe('file source', () => {
  test('TEXT.FULL reads a whole file as one message, then deletes it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.json');
    await writeFile(file, '[{"event":{"name":"toffee","amount":12.5}},{"event":{"name":"gum","amount":3.0}}]');
    const app = await startApp(
      `@App:name('FileIn1') @source(type='file', file.uri='file://${file}', mode='TEXT.FULL', file.polling.interval='10', @map(type='json'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 2 && !existsSync(file), 'the events and the deletion');
      assert.deepEqual(app.events, [
        ['toffee', 12.5],
        ['gum', 3],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('LINE with tailing reads appended lines in order, holds a partial line, logs a malformed one', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, 'toffee,12.5\ngum,3.0\n');
    const app = await startApp(
      `@App:name('FileIn2') @source(type='file', file.uri='${file}', mode='LINE', file.polling.interval='5', @map(type='csv'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 2, 'the first lines');
      await appendFile(file, 'mint,not-a-number\nfudge,');
      await waitFor(() => ioCounters('FileIn2')[0]!.errors === 1, 'the malformed line');
      assert.equal(app.events.length, 2);
      await appendFile(file, '7.25\n');
      await waitFor(() => app.events.length === 3, 'the completed line');
      assert.deepEqual(app.events, [
        ['toffee', 12.5],
        ['gum', 3],
        ['fudge', 7.25],
      ]);
      assert.ok(app.lines.some((l) => l.level === 'error' && l.payload === 'mint,not-a-number'));
      assert.ok(existsSync(file), 'a tailed file is kept');
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('dir.uri reads every file in name order and moves it after processing', async () => {
    const dir = await tempDir();
    const inDir = join(dir, 'in');
    const done = join(dir, 'done');
    await import('node:fs/promises').then((fs) => fs.mkdir(inDir));
    await writeFile(join(inDir, 'a.txt'), 'toffee,1.5\n');
    await writeFile(join(inDir, 'b.txt'), 'gum,2.5\nmint,3.5\n');
    const app = await startApp(
      `@App:name('FileIn3') @source(type='file', dir.uri='file://${inDir}', mode='LINE', action.after.process='MOVE', move.after.process='file://${done}', dir.polling.interval='5', @map(type='csv'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 3, 'the events of both files');
      assert.deepEqual(app.events, [
        ['toffee', 1.5],
        ['gum', 2.5],
        ['mint', 3.5],
      ]);
      await waitFor(() => existsSync(join(done, 'b.txt')), 'the move');
      assert.deepEqual(await readdir(inDir), []);
      assert.deepEqual((await readdir(done)).sort(), ['a.txt', 'b.txt']);
      await writeFile(join(inDir, 'c.txt'), 'late,9.0\n');
      await waitFor(() => app.events.length === 4, 'a file dropped in later');
      assert.deepEqual(app.events[3], ['late', 9]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('REGEX mode cuts records between begin.regex and end.regex', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.xml');
    await writeFile(
      file,
      'noise<events><event><name>toffee</name><amount>1.5</amount></event></events>\n<events><event><name>gum</name><amount>2.0</amount></event></events>',
    );
    const app = await startApp(
      `@App:name('FileIn4') @source(type='file', file.uri='${file}', mode='REGEX', tailing='false', begin.regex='<events>', end.regex='</events>', action.after.process='KEEP', file.polling.interval='5', @map(type='xml'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 2, 'both records');
      assert.deepEqual(app.events, [
        ['toffee', 1.5],
        ['gum', 2],
      ]);
      assert.ok(existsSync(file));
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('REGEX mode without begin.regex and end.regex reads lines, as siddhi-io-file does', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.txt');
    await writeFile(file, 'HDprod-toffee-2020-02-15-3\nHDprod-gum-2020-02-15-12\n');
    const app = await startApp(
      `@App:name('FileIn4b') @source(type='file', file.uri='${file}', mode='REGEX', tailing='false', action.after.process='KEEP', file.polling.interval='5',
         @map(type='text', regex.A='HDprod-([a-z]+)-[0-9-]+-([0-9]+)', @attributes(product='A[1]', rows='A[2]')))
       define stream S (product string, rows long);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 2, 'both lines');
      assert.deepEqual(app.events, [
        ['toffee', 3],
        ['gum', 12],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('BINARY.CHUNKED reads each file of a directory in buffer.size pieces, numbered, the last with eof', async () => {
    const dir = await tempDir();
    const inDir = join(dir, 'new');
    const done = join(dir, 'consumed');
    await mkdir(inDir);
    const apache = Buffer.from(Array.from({ length: 10 }, (_, i) => i * 25));
    await writeFile(join(inDir, 'apache.bin'), apache);
    await writeFile(join(inDir, 'ibm.bin'), Buffer.from([1, 2, 3, 4]));
    await writeFile(join(inDir, 'empty.bin'), Buffer.alloc(0));
    // file:/ + an absolute path, as siddhi-io-file's own tests write it (file://tmp/...: VFS reads /tmp/...)
    const app = await startApp(
      `@App:name('FileChunks') @source(type='file', mode='binary.chunked', dir.uri='file:/${inDir}', action.after.process='move', move.after.process='file:/${done}', tailing='false', buffer.size='4',
         @map(type='binaryPassThrough', @attributes(buffer='0', eof='trp:eof', fileName='trp:file.name', sequenceNumber='trp:sequence.number', length='trp:content.length')))
       define stream FooStream (buffer object, eof bool, fileName string, sequenceNumber int, length int);`,
      ['FooStream'],
    );
    try {
      await waitFor(() => app.events.length === 4 && existsSync(join(done, 'ibm.bin')), 'the chunks and the moves');
      assert.deepEqual(app.events, [
        [apache.subarray(0, 4), false, 'apache.bin', 1, 10],
        [apache.subarray(4, 8), false, 'apache.bin', 2, 10],
        [apache.subarray(8, 10), true, 'apache.bin', 3, 10],
        [Buffer.from([1, 2, 3, 4]), true, 'ibm.bin', 1, 4],
      ]);
      assert.deepEqual((await readdir(done)).sort(), ['apache.bin', 'empty.bin', 'ibm.bin']);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('chunks passed through to a file sink rebuild the file byte for byte', async () => {
    const dir = await tempDir();
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
    await writeFile(join(dir, 'in.bin'), bytes);
    const app = await startApp(
      `@App:name('FileChunkCopy') @source(type='file', mode='BINARY.CHUNKED', file.uri='${dir}/in.bin', action.after.process='KEEP', @map(type='binaryPassThrough', @attributes(buffer='0', eof='trp:eof')))
       define stream Chunks (buffer object, eof bool);
       @sink(type='file', file.uri='${dir}/out.bin', @map(type='binaryPassThrough'))
       define stream Copy (buffer object);
       from Chunks select buffer insert into Copy;`,
      ['Chunks'],
    );
    try {
      await waitFor(() => app.events.length === 2, 'both chunks (65536 bytes, then the rest)');
      assert.deepEqual(
        app.events.map((e) => [(e[0] as Buffer).length, e[1]]),
        [
          [65536, false],
          [4464, true],
        ],
      );
    } finally {
      await app.stop();
    }
    assert.deepEqual(await readFile(join(dir, 'out.bin')), bytes);
    await rm(dir, { recursive: true });
  });

  test('polls on the app clock: a file dropped in is read when the polling interval has passed', async () => {
    const dir = await tempDir();
    const app = await startApp(
      `@App:name('FileVirtual') @source(type='file', dir.uri='${dir}', mode='LINE', dir.polling.interval='60000', @map(type='csv'))
       define stream S (name string, amount double);`,
      ['S'],
      { virtual: true },
    );
    try {
      const clock = app.runtime.manualClock!;
      await waitFor(() => clock.nextDue() === clock.now() + 60000, 'the first poll of the empty directory');
      await writeFile(join(dir, 'a.csv'), 'toffee,1.5\n');
      app.runtime.advanceTime(59999);
      assert.deepEqual(app.events, []);
      app.runtime.advanceTime(1);
      await waitFor(() => app.events.length === 1, 'the file, at the next poll');
      assert.deepEqual(app.events, [['toffee', 1.5]]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('in @app:playback the polls run on the wall clock: the event-time clock stands still between events', async () => {
    const dir = await tempDir();
    const file = join(dir, 'in.csv');
    await writeFile(file, 'toffee,1.5\n');
    const app = await startApp(
      `@App:name('FilePlayback') @app:playback @source(type='file', file.uri='${file}', mode='LINE', file.polling.interval='5', @map(type='csv'))
       define stream S (name string, amount double);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 1, 'the first line');
      await appendFile(file, 'gum,2.5\n');
      await waitFor(() => app.events.length === 2, 'the line appended later, at a later poll');
      assert.deepEqual(app.events, [
        ['toffee', 1.5],
        ['gum', 2.5],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('a file that is not there yet is waited for (retried with backoff)', async () => {
    const dir = await tempDir();
    const file = join(dir, 'later.txt');
    const app = await startApp(
      `@App:name('FileIn5') @source(type='file', file.uri='${file}', mode='BINARY.FULL', retry.interval='10', retry.interval.max='20', file.polling.interval='5', @map(type='text', fail.on.missing.attribute='false', regex.A='name=([a-z]+)', @attributes(name='A')))
       define stream S (name string);`,
      ['S'],
      { waitConnected: false },
    ).catch(async (e: unknown) => {
      await rm(dir, { recursive: true });
      throw e;
    });
    try {
      await waitFor(() => app.lines.some((l) => /could not connect/.test(l.msg)), 'a failed connect');
      await writeFile(file, 'name=toffee');
      await waitFor(() => app.events.length === 1, 'the file once it appears');
      assert.deepEqual(app.events, [['toffee']]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('bad options are creation errors', () => {
    const m = new SiddhiManager({ logger: memoryLogger() });
    assert.throws(
      () => m.createSiddhiAppRuntime(`@source(type='file', mode='LINE', @map(type='csv')) define stream S (a string);`),
      /exactly one of 'file\.uri' and 'dir\.uri'/,
    );
    assert.throws(
      () =>
        m.createSiddhiAppRuntime(
          `@source(type='file', file.uri='/x', mode='WORDS', @map(type='csv')) define stream S (a string);`,
        ),
      /mode 'WORDS'/,
    );
    const chunks = (more: string): string =>
      `@source(type='file', mode='binary.chunked', file.uri='/x/a.bin', ${more} @map(type='binaryPassThrough')) define stream S (buffer object);`;
    assert.throws(
      () => m.createSiddhiAppRuntime(chunks("tailing='true',")),
      /1:1 tailing cannot be enabled in 'BINARY\.CHUNKED' mode: remove tailing='true' or read with mode='LINE'/,
    );
    assert.throws(
      () => m.createSiddhiAppRuntime(chunks("begin.regex='<e>', end.regex='</e>',")),
      /'begin\.regex' and 'end\.regex' can only be given in 'REGEX' mode, not in 'BINARY\.CHUNKED'/,
    );
    assert.throws(
      () => m.createSiddhiAppRuntime(chunks("buffer.size='0',")),
      /option 'buffer\.size' must be a whole number of bytes above 0, not '0'/,
    );
    assert.throws(
      () =>
        m.createSiddhiAppRuntime(
          `@source(type='file', dir.uri='file://{WSO2SIHome}/samples/new', @map(type='csv')) define stream S (a string);`,
        ),
      (e: Error) =>
        e.message.includes(
          "1:1 dir.uri 'file://{WSO2SIHome}/samples/new' does not name a local file: it holds the placeholder '{WSO2SIHome}'",
        ) && e.message.includes("write an absolute path, e.g. '/data/in' or 'file:///data/in'"),
    );
  });
});

describe('file sink', () => {
  test('appends one line per event to the file named by {{attr}}; append=false overwrites', async () => {
    const dir = await tempDir();
    const app = await startApp(
      `@App:name('FileOut1') define stream In (name string, amount double);
       @sink(type='file', file.uri='file://${dir}/{{name}}.csv', @map(type='csv'))
       define stream Out (name string, amount double);
       @sink(type='file', file.uri='${dir}/last.json', append='false', @map(type='json'))
       define stream Last (name string, amount double);
       from In select * insert into Out;
       from In select * insert into Last;`,
    );
    try {
      const h = app.runtime.getInputHandler('In');
      h.send(['toffee', 12.5]);
      h.send(['gum', 3.0]);
      h.send(['toffee', 7.0]);
      const sinks = ioHandles('FileOut1')!.sinks;
      await waitFor(() => sinks.every((s) => s.counters.messages === 3), 'the writes');
      assert.equal(await readFile(join(dir, 'toffee.csv'), 'utf8'), 'toffee,12.5\ntoffee,7.0\n');
      assert.equal(await readFile(join(dir, 'gum.csv'), 'utf8'), 'gum,3.0\n');
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'last.json'), 'utf8')), {
        event: { name: 'toffee', amount: 7.0 },
      });
    } finally {
      await withTimeout(app.stop(), 5000, 'shutdown');
      await rm(dir, { recursive: true });
    }
  });

  test('shutdown flushes pending writes', async () => {
    const dir = await tempDir();
    const app = await startApp(
      `@App:name('FileOut2') define stream In (n long);
       @sink(type='file', file.uri='${dir}/n.txt', @map(type='text', @payload('{{n}}')))
       define stream Out (n long);
       from In select * insert into Out;`,
    );
    const h = app.runtime.getInputHandler('In');
    for (let i = 0; i < 200; i++) h.send([i]);
    await app.stop();
    const lines = (await readFile(join(dir, 'n.txt'), 'utf8')).trimEnd().split('\n');
    assert.deepEqual(
      lines,
      Array.from({ length: 200 }, (_, i) => String(i)),
    );
    await rm(dir, { recursive: true });
  });
});
