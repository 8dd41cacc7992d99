import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { tuneV8, V8_TUNING_FLAGS } from '../../src/engine/runtime/v8-tuning.js';

const run = promisify(execFile);

test('tuneV8 sets the inlining budgets once, and not when the environment turns it off', () => {
  const set: string[] = [];
  const setFlag = (flag: string): void => void set.push(flag);
  for (const off of ['off', 'OFF', '0', 'false', ' no ']) {
    assert.equal(tuneV8({ env: { TRIBUTARY_V8_TUNING: off }, setFlag }), false);
  }
  assert.deepEqual(set, []);
  assert.equal(tuneV8({ env: { TRIBUTARY_V8_TUNING: 'on' }, setFlag }), true);
  assert.deepEqual(set, ['--max-inlined-bytecode-size=1000', '--max-inlined-bytecode-size-cumulative=4000']);
  assert.deepEqual(set, [...V8_TUNING_FLAGS]);
  assert.equal(tuneV8({ env: {}, setFlag }), false);
  assert.equal(set.length, 2);
});

/** In a fresh node: whether a tuneV8 call after importing the CLI's first module still had to tune. */
async function tunedAfterCliImport(env: NodeJS.ProcessEnv): Promise<string> {
  const script =
    "await import('./src/cli/tune-v8.ts');" +
    "const { tuneV8 } = await import('./src/engine/runtime/v8-tuning.ts');" +
    'console.log(tuneV8({ env: {}, setFlag: () => {} }) ? "still untuned" : "already tuned");';
  const r = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
  });
  return r.stdout.trim();
}

test('the tributary command tunes V8 on its first import, unless TRIBUTARY_V8_TUNING=off', async () => {
  assert.equal(await tunedAfterCliImport({ TRIBUTARY_V8_TUNING: '' }), 'already tuned');
  assert.equal(await tunedAfterCliImport({ TRIBUTARY_V8_TUNING: 'off' }), 'still untuned');
});
