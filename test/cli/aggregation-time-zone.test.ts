import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateFiles } from '../../src/cli/commands/validate.js';

const run = promisify(execFile);

const APP = `@app:name('Zoned')
define stream Trades (symbol string, price double, ts long);
define aggregation TradeAgg
from Trades select symbol, sum(price) as total group by symbol aggregate by ts every day;
`;

function appFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tributary-zone-')), 'zoned.siddhi');
  writeFileSync(file, APP);
  return file;
}

test('validate --aggregation-time-zone: a known zone passes, an unknown one is reported at the aggregation', () => {
  const file = appFile();
  assert.deepEqual(validateFiles([file], 'Asia/Singapore'), [{ file, ok: true, errors: [] }]);
  const [bad] = validateFiles([file], 'Asia/Singapo');
  assert.equal(bad!.ok, false);
  assert.equal(bad!.errors.length, 1);
  assert.equal(bad!.errors[0]!.line, 3);
  assert.match(bad!.errors[0]!.message, /Asia\/Singapo/);
});

test('run --aggregation-time-zone: an unknown zone fails the app with its position, exit code 1', async () => {
  const file = appFile();
  const r = await run(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'run', file, '--aggregation-time-zone', 'Mars/Olympus'],
    { cwd: process.cwd() },
  ).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+ .*Mars/Olympus`));
});
