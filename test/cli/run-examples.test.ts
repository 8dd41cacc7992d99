import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

test('run --events: the sensor-batches example prints one line per batch and the recalibrations', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'run',
      'examples/sensor-batches.siddhi',
      '--events',
      'examples/sensor-batches.events.jsonl',
    ],
    { cwd: process.cwd() },
  );
  const lines = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { stream: string; data: unknown[] })
    .map(({ stream, data }) => [stream, data]);
  // Readings 1–4 and 5–8 make two batches (the sensor of each batch's last reading); the ninth waits.
  assert.deepEqual(lines, [
    ['BatchStatsStream', ['s3', 20.75, 22.5, 4]],
    ['RecalibrationStream', ['s3']],
    ['BatchStatsStream', ['s3', 23.75, 25.5, 4]],
  ]);
});

test('the library example sums each batch of three readings and prints one line per batch', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/library/embed.ts'], {
    cwd: process.cwd(),
  });
  // 1.5 + 3 + 4.5 and 6 + 7.5 + 9, each with the sensor of its batch's last reading; the seventh waits.
  assert.deepEqual(stdout.trim().split('\n'), ['["s1",9,3]', '["s0",22.5,3]']);
});
