import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../io/helpers.js';

interface Foreground {
  readonly out: { stdout: string; stderr: string };
  /** Interrupts the run (Ctrl-C) and gives its exit code. */
  interrupt(): Promise<number | null>;
  kill(): void;
}

/** `tributary run APP` in the foreground (no --events), once it says the app is running. */
async function runForeground(app: string, dir: string): Promise<Foreground> {
  await writeFile(join(dir, 'app.siddhi'), app);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', join(dir, 'app.siddhi')], {
    cwd: process.cwd(),
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (b: Buffer) => (out.stdout += b.toString('utf8')));
  child.stderr.on('data', (b: Buffer) => (out.stderr += b.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => out.stderr.includes('running; streams'), 'the app to start', 20000);
  return {
    out,
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** The JSON lines printed, without their timestamps. */
function printed(stdout: string): unknown[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => {
      const { stream, data } = JSON.parse(l) as { stream: string; data: unknown[] };
      return { stream, data };
    });
}

test('run: an app whose only source polls a directory runs until interrupted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-run-fg-'));
  const watched = join(dir, 'in');
  await mkdir(watched);
  const run = await runForeground(
    `@App:name('RunForeground')
     @source(type='fileeventlistener', dir.uri='${watched}')
     define stream FileListenerStream (filepath string, filename string, status string);
     from FileListenerStream select * insert into Files;`,
    dir,
  );
  try {
    await writeFile(join(watched, 'a.txt'), 'a');
    // Before, nothing held the process open: it ended at start and the file went unseen.
    await waitFor(() => run.out.stdout.includes('"created"'), 'the created file to be reported', 20000);
    assert.deepEqual(printed(run.out.stdout), [
      { stream: 'Files', data: [join(watched, 'a.txt'), 'a.txt', 'created'] },
    ]);
    assert.equal(await run.interrupt(), 0);
  } finally {
    run.kill();
    await rm(dir, { recursive: true });
  }
});

test('run: bytes in an output stream print as their size', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-run-fg-'));
  const inDir = join(dir, 'in');
  await mkdir(inDir);
  await writeFile(join(inDir, 'a.bin'), Buffer.from([1, 2, 3, 4, 5]));
  const run = await runForeground(
    `@source(type='file', mode='binary.chunked', dir.uri='${inDir}', buffer.size='3', @map(type='binaryPassThrough', @attributes(buffer='0', fileName='trp:file.name')))
     define stream Chunks (buffer object, fileName string);
     from Chunks select * insert into Out;`,
    dir,
  );
  try {
    await waitFor(() => run.out.stdout.split('\n').length === 3, 'both chunks', 20000);
    assert.deepEqual(printed(run.out.stdout), [
      { stream: 'Out', data: ['<3 bytes>', 'a.bin'] },
      { stream: 'Out', data: ['<2 bytes>', 'a.bin'] },
    ]);
    assert.equal(await run.interrupt(), 0);
  } finally {
    run.kill();
    await rm(dir, { recursive: true });
  }
});
