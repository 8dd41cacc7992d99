import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The CLI on files of a temporary folder: exit code, stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd() }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

function files(config: string): { dir: string; app: string; events: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-refs-'));
  writeFileSync(
    join(dir, 'app.siddhi'),
    `define stream S (item string, qty int);\n@sink(ref='out', @map(type='json'))\ndefine stream Big (item string, qty int);\nfrom S[qty > 10] insert into Big;\n`,
  );
  writeFileSync(join(dir, 'events.jsonl'), '{"stream":"S","data":["toffee",20]}\n{"stream":"S","data":["gum",5]}\n');
  writeFileSync(join(dir, 'tributary.yaml'), config);
  return { dir, app: join(dir, 'app.siddhi'), events: join(dir, 'events.jsonl'), config: join(dir, 'tributary.yaml') };
}

test('validate and run --config: the refs of a serve config file reach the app', async () => {
  const f = files('refs:\n  - ref:\n      name: out\n      type: log\n      properties: { prefix: from-the-ref }\n');
  const without = await cli(['validate', f.app]);
  assert.equal(without.code, 1);
  assert.match(without.stdout, /:2:1 @sink\(ref='out'\) names no configuration/);
  assert.deepEqual(await cli(['validate', f.app, '--config', f.config]), {
    code: 0,
    stdout: `${f.app}: ok\n`,
    stderr: '',
  });
  const ran = await cli(['run', f.app, '--config', f.config, '--events', f.events]);
  assert.equal(ran.code, 0, ran.stderr);
  // The output stream's event, and the log sink (type and prefix from the ref) logging it.
  const outputs = ran.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { data: unknown[] });
  assert.deepEqual(
    outputs.map((o) => o.data),
    [['toffee', 20]],
  );
  const logged = ran.stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);
  assert.deepEqual(logged, ['from-the-ref : {"event":{"item":"toffee","qty":20}}']);
});

test('validate --config: a bad config file exits 2 naming its line and column', async () => {
  const f = files('refs:\n  out: { topic: RefsBig }\n');
  const r = await cli(['validate', f.app, '--config', f.config]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /tributary\.yaml:2:8: ref 'out' has no type/);
});
