/** The file source's siddhi-io-file options beyond the modes: headers and trailers, eof, file selection, moves, cron, state. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SiddhiManager, memoryLogger } from '../../src/index.js';
import { selectLines } from '../../src/io/transports/file/line-selection.js';
import { startApp, waitFor, type TestApp } from './helpers.js';

/** siddhi-io-file's test resources line/header/test.txt and line/trailer/test.txt. */
const HEADER_FILE = [
  'DT|Z220992770108|774.05',
  'DT|Z220992770108|774.05',
  'DT|Z900794420109|1949.95',
  'DT|Z920959710103|778.3',
  'DT|Z930917930103|446.85',
  'DT|D213971870404|0',
  'DT|D214168870102|527.75',
].join('\n');
const TRAILER_FILE = [
  'HD|CASE_IBILL_HARDCOPY_20210101_065713.txt',
  '6000006977521|5241|5241.00|12',
  '6000006977522|5242|5242.00|12',
  '6000006977523|5243|5243.00|12',
  '6000006977524|5244|5244.00|12',
  '6000006977525|5245|5245.00|12',
  '6000006977526|5246|5246.00|12',
  'TD|6|23122020172300',
].join('\n');

const READER = `define stream FileReaderStream (code string, serialNo string, amount double, fileName string, eof string);`;
const CSV_TRP = `@map(type='csv', delimiter='|', @attributes(code='0', serialNo='1', amount='2', fileName='trp:file.path', eof='trp:eof'))`;

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'tributary-file-opts-'));
}

/** Runs a source on `file` (written with `text`) until `n` events arrived; gives them. */
async function readWith(
  options: string,
  text: string,
  n: number,
  stream = READER,
  map = CSV_TRP,
): Promise<unknown[][]> {
  const dir = await tempDir();
  const file = join(dir, 'test.txt');
  await writeFile(file, text);
  const app = await startApp(
    `@source(type='file', mode='line', file.uri='file:${file}', tailing='false', action.after.process='keep', file.polling.interval='5', ${options} ${map}) ${stream}`,
    [stream.match(/define stream (\w+)/)![1]!],
  );
  try {
    await waitFor(() => app.events.length >= n, `${n} events`);
    return app.events.map((e) => e.map((v) => (v === file ? 'FILE' : v)));
  } finally {
    await app.stop();
    await rm(dir, { recursive: true });
  }
}

describe('file source: header, trailer and eof (LINE mode)', () => {
  test('every line is read, the last with eof true (siddhi-io-file: 7 events without header.present)', async () => {
    const got = await readWith('', HEADER_FILE, 7);
    assert.equal(got.length, 7);
    assert.deepEqual(got[0], ['DT', 'Z220992770108', 774.05, 'FILE', 'false']);
    assert.deepEqual(got[6], ['DT', 'D214168870102', 527.75, 'FILE', 'true']);
  });

  test('header.present skips the first line (6 events), header.line.count=3 the first three (4 events)', async () => {
    const one = await readWith("header.present='true',", HEADER_FILE, 6);
    assert.deepEqual(
      one.map((e) => e[1]),
      ['Z220992770108', 'Z900794420109', 'Z920959710103', 'Z930917930103', 'D213971870404', 'D214168870102'],
    );
    const three = await readWith("header.present='true', header.line.count='3',", HEADER_FILE, 4);
    assert.deepEqual(
      three.map((e) => [e[1], e[4]]),
      [
        ['Z920959710103', 'false'],
        ['Z930917930103', 'false'],
        ['D213971870404', 'false'],
        ['D214168870102', 'true'],
      ],
    );
  });

  test('read.only.header reads the first line only; read.only.trailer the last only', async () => {
    const stream = 'define stream S (a string, b string, c string);';
    const map = "@map(type='csv', delimiter='|')";
    assert.deepEqual(await readWith("read.only.header='true',", HEADER_FILE, 1, stream, map), [
      ['DT', 'Z220992770108', '774.05'],
    ]);
    const trailer = await readWith(
      "header.present='true', read.only.trailer='true',",
      TRAILER_FILE,
      1,
      'define stream T (RECORD_TYPE string, count int, SUBSCRIBER_MSISDN string);',
      map,
    );
    assert.deepEqual(trailer, [['TD', 6, '23122020172300']]);
  });

  test('skip.trailer reads the lines between header and trailer, eof on the last of them', async () => {
    const got = await readWith(
      "header.present='true', skip.trailer='true',",
      TRAILER_FILE,
      6,
      'define stream R (RECORD_TYPE string, FEATURE_EXPIRY_DATE string, FEATURE_EXPIRY_TIME string, SUBSCRIBER_MSISDN string, fp string, eof string);',
      "@map(type='csv', delimiter='|', @attributes(RECORD_TYPE='0', FEATURE_EXPIRY_DATE='1', FEATURE_EXPIRY_TIME='2', SUBSCRIBER_MSISDN='3', fp='trp:file.path', eof='trp:eof'))",
    );
    assert.deepEqual(
      got.map((e) => [e[1], e[5]]),
      [
        ['5241', 'false'],
        ['5242', 'false'],
        ['5243', 'false'],
        ['5244', 'false'],
        ['5245', 'false'],
        ['5246', 'true'],
      ],
    );
  });

  test('the selection of lines, case by case', () => {
    const lines = ['h', 'a', 'b', 't'];
    const s = { headerLines: 0, only: undefined, skipTrailer: false } as const;
    assert.deepEqual(selectLines([], { ...s, only: 'header' }), []);
    assert.deepEqual(selectLines(lines, { ...s, headerLines: 4 }), []);
    assert.deepEqual(selectLines(lines, { ...s, headerLines: 1, skipTrailer: true }), [
      { line: 'a', eof: false },
      { line: 'b', eof: true },
    ]);
    assert.deepEqual(selectLines(['only'], { ...s, skipTrailer: true }), []);
  });

  test('a tailed file skips its header lines once, and its lines carry eof false', async () => {
    const dir = await tempDir();
    const file = join(dir, 'tail.csv');
    await writeFile(file, 'name,amount\ntoffee,1.5\n');
    const app = await startApp(
      `@source(type='file', mode='line', file.uri='${file}', header.present='true', file.polling.interval='5', @map(type='csv', @attributes(name='0', amount='1', eof='trp:eof')))
       define stream S (name string, amount double, eof bool);`,
      ['S'],
    );
    try {
      await waitFor(() => app.events.length === 1, 'the first line after the header');
      // Appended, not rewritten: a rewrite truncates first, and a poll between truncate and write sees a new file.
      await appendFile(file, 'gum,2.5\n');
      await waitFor(() => app.events.length >= 2, 'the appended line');
      assert.deepEqual(app.events, [
        ['toffee', 1.5, false],
        ['gum', 2.5, false],
      ]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });
});

describe('file source: which files, and what happens to them', () => {
  test('file.name.pattern reads the files whose whole name matches (siddhi-io-file: test-1 and test-2, not test); NONE keeps them', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'test'), '{"event":{"symbol":"no","price":1,"volume":1}}');
    await writeFile(join(dir, 'test-1'), '{"event":{"symbol":"WSO2","price":55.6,"volume":100}}');
    await writeFile(join(dir, 'test-2'), '{"event":{"symbol":"IBM","price":75.6,"volume":10}}');
    await writeFile(join(dir, 'test-3.old'), '{"event":{"symbol":"no","price":1,"volume":1}}');
    const app = await startApp(
      `@source(type='file', mode='text.full', dir.uri='file:/${dir}', action.after.process='NONE', file.name.pattern='^test-[\\d]+', dir.polling.interval='5', @map(type='json'))
       define stream FooStream (symbol string, price float, volume long);`,
      ['FooStream'],
    );
    try {
      await waitFor(() => app.events.length === 2, 'both matching files');
      assert.deepEqual(app.events, [
        ['WSO2', Math.fround(55.6), 100],
        ['IBM', Math.fround(75.6), 10],
      ]);
      assert.deepEqual((await readdir(dir)).sort(), ['test', 'test-1', 'test-2', 'test-3.old']);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('move.if.exist.mode: KEEP moves beside the existing file, OVERWRITE replaces it, neither is a failure', async () => {
    const dir = await tempDir();
    const moved = join(dir, 'moved');
    const failed = join(dir, 'failed');
    await mkdir(moved);
    const run = async (name: string, mode: string): Promise<TestApp> => {
      const inDir = join(dir, `in-${name}`);
      await mkdir(inDir);
      await writeFile(join(moved, 'a.txt'), 'old');
      await writeFile(join(inDir, 'a.txt'), 'new');
      return startApp(
        `@source(type='file', dir.uri='${inDir}', action.after.process='MOVE', move.after.process='${moved}', ${mode} action.after.failure='MOVE', move.after.failure='${failed}', dir.polling.interval='5', @map(type='text', fail.on.missing.attribute='false', regex.A='(\\w+)', @attributes(word='A[1]')))
         define stream S (word string);`,
        ['S'],
      );
    };
    const keep = await run('keep', "move.if.exist.mode='KEEP',");
    try {
      await waitFor(() => keep.events.length === 1 && !existsSync(join(dir, 'in-keep', 'a.txt')), 'the move');
      const names = (await readdir(moved)).sort();
      assert.equal(names.length, 2);
      assert.equal(names[0], 'a.txt');
      assert.match(names[1]!, /^a\.txt_[0-9a-f-]{36}$/);
      assert.equal(await readFile(join(moved, 'a.txt'), 'utf8'), 'old');
    } finally {
      await keep.stop();
    }
    await rm(moved, { recursive: true });
    await mkdir(moved);
    const overwrite = await run('overwrite', "move.if.exist.mode='OVERWRITE',");
    try {
      await waitFor(() => !existsSync(join(dir, 'in-overwrite', 'a.txt')), 'the move');
      assert.deepEqual(await readdir(moved), ['a.txt']);
      assert.equal(await readFile(join(moved, 'a.txt'), 'utf8'), 'new');
    } finally {
      await overwrite.stop();
    }
    const neither = await run('neither', '');
    try {
      await waitFor(() => existsSync(join(failed, 'a.txt')), 'the failed move, then action.after.failure');
      assert.deepEqual(neither.events, [['new']], 'the events were read before the move failed');
      assert.equal(await readFile(join(moved, 'a.txt'), 'utf8'), 'old');
      assert.ok(
        neither.lines.some((l) => l.msg.includes('a.txt exists already; set move.if.exist.mode to OVERWRITE or KEEP')),
      );
    } finally {
      await neither.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('cron.expression reads the directory when it fires, on the app clock', async () => {
    const dir = await tempDir();
    const app = await startApp(
      `@source(type='file', dir.uri='${dir}', mode='line', tailing='false', cron.expression='0 0 * * * ?', @map(type='csv'))
       define stream S (name string, amount double);`,
      ['S'],
      { virtual: true },
    );
    try {
      const clock = app.runtime.manualClock!;
      const hour = 3600_000;
      const nextHour = Math.floor(clock.now() / hour) * hour + hour;
      await waitFor(() => clock.nextDue() === nextHour, 'the read scheduled at the next full hour');
      await writeFile(join(dir, 'a.csv'), 'toffee,1.5\n');
      app.runtime.advanceTime(nextHour - clock.now() - 1);
      assert.deepEqual(app.events, []);
      app.runtime.advanceTime(1);
      await waitFor(() => app.events.length === 1, 'the file, read at the full hour');
      await waitFor(() => clock.nextDue() === nextHour + hour, 'the next read, an hour later');
      assert.deepEqual(app.events, [['toffee', 1.5]]);
    } finally {
      await app.stop();
      await rm(dir, { recursive: true });
    }
  });

  test('kept files are part of the app state: a restored app does not read them again', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.csv'), 'DT|Z1|1.5\n');
    const text = `@App:name('FileKeepState')
      @source(type='file', mode='line', dir.uri='${dir}', read.only.header='true', action.after.process='keep', tailing='false', dir.polling.interval='5', @map(type='csv', delimiter='|'))
      define stream FileReaderStream (code string, serialNo string, amount string);`;
    const first = await startApp(text, ['FileReaderStream']);
    let snapshot: Uint8Array;
    try {
      await waitFor(() => first.events.length === 1, 'the header line');
      snapshot = first.runtime.snapshot();
    } finally {
      await first.stop();
    }
    await writeFile(join(dir, 'b.csv'), 'DT|Z2|2.5\n');
    const m = new SiddhiManager({ logger: memoryLogger() });
    const second = m.createSiddhiAppRuntime(text);
    second.restore(snapshot);
    const events: unknown[][] = [];
    second.addStreamCallback('FileReaderStream', (es) => events.push(...es.map((e) => e.data)));
    second.start();
    try {
      await waitFor(() => events.length === 1, 'the new file');
      // b.csv only: a.csv was read before the snapshot and kept
      assert.deepEqual(events, [['DT', 'Z2', '2.5']]);
    } finally {
      await m.shutdown();
      await rm(dir, { recursive: true });
    }
  });

  test('options that do not go together are creation errors, as in siddhi-io-file', async () => {
    const m = new SiddhiManager({ logger: memoryLogger() });
    const make = (options: string): void => {
      m.createSiddhiAppRuntime(
        `@source(type='file', file.uri='/x/in.txt', mode='line', ${options} @map(type='csv')) define stream S (a string);`,
      );
    };
    const cases: [string, RegExp][] = [
      ["read.only.header='true',", /'read\.only\.header' reads a whole file and cannot be used while tailing/],
      [
        "tailing='false', read.only.header='true', read.only.trailer='true',",
        /'read\.only\.header' and 'read\.only\.trailer' cannot both be true/,
      ],
      [
        "tailing='false', read.only.trailer='true', skip.trailer='true',",
        /'read\.only\.trailer' and 'skip\.trailer' cannot both be true/,
      ],
      ["cron.expression='0 * * * * ?',", /'cron\.expression' cannot be used while tailing: set tailing='false'/],
      ["tailing='false', cron.expression='every day',", /cron\.expression 'every day' is not valid/],
      ["move.after.process='/done',", /'move\.after\.process' cannot be used while tailing/],
      [
        "tailing='false', move.if.exist.mode='KEEP',",
        /'move\.if\.exist\.mode' can only be used with action\.after\.process='MOVE'/,
      ],
      ["tailing='false', action.after.failure='MOVE',", /action\.after\.failure='MOVE' needs move\.after\.failure/],
      ["tailing='false', file.name.pattern='a.*',", /'file\.name\.pattern' selects files of a 'dir\.uri'/],
      [
        "tailing='false', header.line.count='-1',",
        /header\.line\.count must be a whole number of lines, 0 or more, not '-1'/,
      ],
    ];
    try {
      for (const [options, message] of cases) assert.throws(() => make(options), message, options);
    } finally {
      await m.shutdown();
    }
  });
});
