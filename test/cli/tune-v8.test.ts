import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const APP = `define stream S (v double);
@info(name='q1') from S[v > 1] select v insert into Out;
`;

/** The V8 flags a `tributary` child sets (through the spy preloaded into it), in order. */
async function flagsSetBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const r = await run(
    process.execPath,
    ['--import', 'tsx', '--import', './test/cli/v8-flag-spy.ts', 'src/cli/main.ts', ...args],
    { cwd: process.cwd(), env: { ...process.env, TRIBUTARY_V8_TUNING: '', ...env } },
  );
  return r.stderr
    .split('\n')
    .filter((l) => l.startsWith('v8 flag: '))
    .map((l) => l.slice('v8 flag: '.length));
}

function files(): { app: string; events: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-tune-'));
  const app = join(dir, 'app.siddhi');
  const events = join(dir, 'events.jsonl');
  writeFileSync(app, APP);
  writeFileSync(events, '{"stream":"S","data":[2]}\n');
  return { app, events };
}

const TUNING = ['--max-inlined-bytecode-size=1000', '--max-inlined-bytecode-size-cumulative=4000'];

test('tributary run tunes V8 before it runs the app; TRIBUTARY_V8_TUNING=off keeps the defaults', async () => {
  const { app, events } = files();
  assert.deepEqual(await flagsSetBy(['run', app, '--events', events]), TUNING);
  assert.deepEqual(await flagsSetBy(['run', app, '--events', events], { TRIBUTARY_V8_TUNING: 'off' }), []);
});

test('tributary validate runs short and keeps V8 as it is', async () => {
  const { app } = files();
  assert.deepEqual(await flagsSetBy(['validate', app]), []);
});
