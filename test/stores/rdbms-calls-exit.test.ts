/** After `flush()` and `shutdown()`, an app that used `#rdbms:query` / `#rdbms:cud` leaves no handle open. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('a process whose app used PostgreSQL and MariaDB datasources ends by itself after shutdown', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./rdbms-calls-exit-child.ts', import.meta.url))],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const code = await new Promise<number | null>((resolve) => {
    // A process kept alive by an open connection never exits: give up after a generous bound.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(null);
    }, 30000);
    child.on('exit', (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  assert.equal(code, 0, `the child did not end by itself (stderr: ${err})`);
  assert.equal(out.trim(), 'done 40');
});
