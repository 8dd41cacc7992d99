import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EVENTS } from './kill-worker.js';

const WORKER = join(import.meta.dirname, 'kill-worker.ts');

interface Line {
  at?: number;
  stream?: string;
  data?: unknown[];
  persisted?: string;
  restored?: string;
  seq?: number;
  done?: boolean;
  last?: unknown[][];
  totals?: unknown[][];
}

function start(db: string, out: string, mode: 'fresh' | 'resume', paceMs: number): ReturnType<typeof spawn> {
  return spawn(process.execPath, ['--import', 'tsx', WORKER, db, out, mode, '50', String(paceMs)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** The complete JSON lines written so far (a line cut by the kill is left out). */
function lines(file: string): Line[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
}

const outputs = (ls: Line[]): Line[] => ls.filter((l) => l.stream !== undefined);

test('SIGKILL mid-stream, restore the last revision, replay the rest: the outputs equal an uninterrupted run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-kill-'));

  const whole = start(join(dir, 'whole.db'), join(dir, 'whole.out'), 'fresh', 0);
  assert.deepEqual(await exited(whole), { code: 0, signal: null });
  const expected = lines(join(dir, 'whole.out'));
  assert.ok(expected.at(-1)?.done);

  const crashedOut = join(dir, 'crashed.out');
  const crashed = start(join(dir, 'state.db'), crashedOut, 'fresh', 2);
  const crashedExit = exited(crashed);
  // Kill once the run is well under way (past 40% of the events), wherever it then is.
  const deadline = Date.now() + 60_000;
  while (!lines(crashedOut).some((l) => (l.persisted !== undefined && l.seq! >= EVENTS * 0.4) || l.done)) {
    assert.ok(Date.now() < deadline, 'the worker made no progress');
    await sleep(10);
  }
  crashed.kill('SIGKILL');
  assert.deepEqual(await crashedExit, { code: null, signal: 'SIGKILL' });
  const before = lines(crashedOut);
  assert.ok(!before.some((l) => l.done), 'killed before the end');

  const resumedOut = join(dir, 'resumed.out');
  const resumed = start(join(dir, 'state.db'), resumedOut, 'resume', 0);
  assert.deepEqual(await exited(resumed), { code: 0, signal: null });
  const after = lines(resumedOut);
  const restored = after[0]!;
  assert.match(restored.restored!, /^\d+_KillTest_[a-z0-9]+_[BI]$/);
  const seq = restored.seq!;
  assert.ok(seq % 50 === 0 && seq >= EVENTS * 0.4 && seq < EVENTS, `restored after event ${seq}`);

  // What the killed run emitted up to the restored revision, then what the resumed run emitted.
  const combined = [...outputs(before).filter((l) => l.at! <= seq), ...outputs(after)];
  const want = outputs(expected);
  for (let i = 0; i < want.length; i++) assert.deepEqual(combined[i], want[i], `output ${i}`);
  assert.equal(combined.length, want.length);
  const [doneWant, doneGot] = [expected.at(-1)!, after.at(-1)!];
  assert.deepEqual(doneGot.last, doneWant.last);
  assert.deepEqual(doneGot.totals, doneWant.totals);
  assert.ok(want.some((l) => l.stream === 'Spikes') && want.some((l) => l.stream === 'PerSym'));
});
