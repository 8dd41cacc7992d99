import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Printed {
  stream: string;
  timestamp: number;
  data: unknown[];
}

/** `tributary run examples/NAME.siddhi --events examples/NAME.events.jsonl`: the lines it prints. */
async function replay(name: string): Promise<Printed[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'run',
      `examples/${name}.siddhi`,
      '--events',
      `examples/${name}.events.jsonl`,
    ],
    { cwd: process.cwd() },
  );
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Printed);
}

test('run --events: the sensor-batches example prints one line per batch and the recalibrations', async () => {
  const lines = (await replay('sensor-batches')).map(({ stream, data }) => [stream, data]);
  // Readings 1–4 and 5–8 make two batches (the sensor of each batch's last reading); the ninth waits.
  assert.deepEqual(lines, [
    ['BatchStatsStream', ['s3', 20.75, 22.5, 4]],
    ['RecalibrationStream', ['s3']],
    ['BatchStatsStream', ['s3', 23.75, 25.5, 4]],
  ]);
});

test('run --events with timestamps: the market-watch example on event time (a partition, a pattern, a time-window join)', async () => {
  const lines = (await replay('market-watch')).map(({ stream, timestamp, data }) => [
    stream,
    timestamp - 1700000000000,
    data,
  ]);
  // The IBM quote of 0 s has left its window by 9 s: the IBM trades of 9 s and 20 s join nothing. The
  // drop 100 -> 94 comes within 10 s; no later IBM trade is 5% below one of the 10 s before it.
  assert.deepEqual(lines, [
    ['AvgPriceStream', 1000, ['IBM', 100]],
    ['TradeQuoteStream', 1000, ['IBM', 100, 99]],
    ['AvgPriceStream', 2000, ['MSFT', 50]],
    ['AvgPriceStream', 3000, ['IBM', 97]],
    ['DropStream', 3000, ['IBM', 100, 94]],
    ['TradeQuoteStream', 3000, ['IBM', 94, 99]],
    ['TradeQuoteStream', 4000, ['MSFT', 50, 49.5]],
    ['AvgPriceStream', 9000, ['IBM', 95.66666666666667]],
    ['AvgPriceStream', 20000, ['IBM', 89]],
  ]);
});

test('the library example sums each batch of three readings and prints one line per batch', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/library/embed.ts'], {
    cwd: process.cwd(),
  });
  // 1.5 + 3 + 4.5 and 6 + 7.5 + 9, each with the sensor of its batch's last reading; the seventh waits.
  assert.deepEqual(stdout.trim().split('\n'), ['["s1",9,3]', '["s0",22.5,3]']);
});

test('the rdbms library example looks up stock with #rdbms:query and takes it off with #rdbms:cud', async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/library/rdbms-lookup.ts'], {
    cwd: process.cwd(),
  });
  // Three lamps: the first order takes two, the second finds one left; the shop holds no sofa.
  assert.deepEqual(stdout.trim().split('\n'), [
    'Shipped [1,"lamp",1]',
    'Refused [2,"lamp"]',
    'Shipped [3,"desk",1]',
    'Refused [4,"sofa"]',
  ]);
});

test('run --events: the sensor-cleanup example reorders late readings, drops test traffic and keeps the latest per sensor', async () => {
  const lines = (await replay('sensor-cleanup')).map(({ stream, timestamp, data }) => [
    stream,
    timestamp - 1700000000000,
    data,
  ]);
  // s1's reading of 1 s arrives at 3.1 s, after s2's of 3 s: it waits until s3's reading of 6 s shows
  // it can be released (K grows to 5 s). 'probe' is filtered out. s1's 5 s and s3's 6 s readings leave
  // together when s3's 12 s reading arrives: one output; s2's 9 s and s3's 12 s are still held.
  assert.deepEqual(lines, [
    ['LatestAverageStream', 0, ['s1', 20, 1]],
    ['LatestAverageStream', 3000, ['s2', 21, 2]],
    ['LatestAverageStream', 3100, ['s1', 21.5, 2]],
    ['LatestAverageStream', 6000, ['s3', 21.333333333333332, 3]],
  ]);
});

test('run --events: the geo-distance example gives the distances of the WSO2 sample, to the last digit', async () => {
  const lines = (await replay('geo-distance')).map(({ stream, data }) => [stream, data]);
  assert.deepEqual(lines, [
    ['dataOut', [2322119.848252557]],
    ['dataOut', [871946.8734223971]],
  ]);
});

test('run --events: the quality-check example trains a perceptron, judges with it, and finds the client behind a proxy', async () => {
  const lines = (await replay('quality-check')).map(({ stream, data }) => [stream, data]);
  // Learning rate 0.5, bias 0, threshold 0.5: (0.8, 0.2) scores 0 and is a missed pass, so the weights
  // move by 0.5 x the features; (0.1, 0.9) scores 0.13, rightly a fail; (0.7, 0.4) scores 0.32, a missed pass.
  assert.deepEqual(lines, [
    ['TrainedStream', [0.8, 0.2, true, 0.4, 0.1]],
    ['TrainedStream', [0.1, 0.9, false, 0.4, 0.1]],
    ['TrainedStream', [0.7, 0.4, true, 0.75, 0.30000000000000004]],
    ['VerdictStream', ['P1', true, 0.7050000000000001]],
    ['VerdictStream', ['P2', false, 0.39000000000000007]],
    ['ClientStream', ['/orders', '203.0.113.9']],
  ]);
});
