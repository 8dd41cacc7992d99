/** Runs the CLI's `run` command on an app and an events file written to a temporary folder. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `tributary run APP --events EVENTS` in a temporary folder (files app.siddhi, events.jsonl): exit code, stdout and stderr. */
export async function runApp(app: string, events: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-run-'));
  try {
    await writeFile(join(dir, 'app.siddhi'), app);
    await writeFile(join(dir, 'events.jsonl'), events);
    const args = ['--import', 'tsx', 'src/cli/main.ts', 'run', join(dir, 'app.siddhi'), '--events'];
    return await run(process.execPath, [...args, join(dir, 'events.jsonl')], { cwd: process.cwd() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  } finally {
    await rm(dir, { recursive: true });
  }
}
