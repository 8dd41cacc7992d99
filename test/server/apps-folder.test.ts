import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendEvent, startHarness, storeQuery, tempDir } from './server-harness.js';

const GOOD = `@app:name('Good')
define stream S (v int);
define table Totals (total long);
@info(name='sumQ') from S#window.length(2) select sum(v) as total insert into Totals;
`;
const BROKEN = `@app:name('Broken')
define stream S (v int);
from S select w insert into O;
`;

describe('apps folder', () => {
  test('tributary serve deploys the folder, marks bad files inactive, and on SIGTERM persists and exits', async () => {
    const dir = tempDir('cli');
    const apps = join(dir, 'apps');
    mkdirSync(apps);
    writeFileSync(join(apps, 'good.siddhi'), GOOD);
    writeFileSync(join(apps, 'broken.siddhi'), BROKEN);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--apps', apps, '--data-dir', join(dir, 'data')],
      { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, TRIBUTARY_ADMIN_PASSWORD: 'cli-pw' } },
    );
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let err = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        err += c.toString();
        const m = /serving on (\S+)[^\n]*\n.*\n/.exec(err);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${err}`)));
    });
    // where to go next is printed: the editor, the REST API's description, the metrics
    assert.ok(err.includes(`editor ${url}/editor, REST API ${url}/openapi.json, metrics ${url}/metrics`), err);
    const auth = { authorization: `Basic ${Buffer.from('admin:cli-pw').toString('base64')}` };
    const get = async (path: string): Promise<unknown> => (await fetch(url + path, { headers: auth })).json();
    assert.deepEqual(await get('/siddhi-apps?isActive=true'), ['Good']);
    assert.deepEqual(await get('/siddhi-apps?isActive=false'), ['Broken']);
    const status = (await get('/siddhi-apps/Broken/status')) as { status: string; errors: { line: number }[] };
    assert.equal(status.status, 'inactive');
    assert.equal(status.errors[0]!.line, 3);
    for (const v of [1, 2, 3]) {
      const r = await fetch(url + '/simulation/single', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ siddhiAppName: 'Good', streamName: 'S', data: [v] }),
      });
      assert.equal(r.status, 200);
    }
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(stdout, /"msg":"server stopped"/);

    // The state persisted at shutdown comes back: the window holds 2 and 3.
    const h = await startHarness({ dataDir: join(dir, 'data'), appsDir: apps });
    try {
      assert.deepEqual(await storeQuery(h, 'Good', 'from Totals select total'), [[1], [3], [5]]);
      await sendEvent(h, 'Good', 'S', [10]);
      assert.deepEqual(await storeQuery(h, 'Good', 'from Totals select total'), [[1], [3], [5], [13]]);
    } finally {
      await h.close();
    }
  });

  test('a file added, changed or removed while running is deployed, updated (state kept) or undeployed', async () => {
    const h = await startHarness();
    try {
      const file = join(h.appsDir, 'hot.siddhi');
      writeFileSync(file, GOOD);
      await h.waitForLog(/"app":"Good".*"msg":"app deployed"/);
      await sendEvent(h, 'Good', 'S', [4]);
      writeFileSync(file, GOOD.replace("@info(name='sumQ')", "@info(name='sumQ')\n-- changed\n"));
      await h.waitForLog(/"app":"Good".*"msg":"app updated"/);
      assert.match((await h.request('GET', '/siddhi-apps/Good')).text, /changed/);
      await sendEvent(h, 'Good', 'S', [5]);
      assert.deepEqual(await storeQuery(h, 'Good', 'from Totals select total'), [[4], [9]]);
      rmSync(file);
      await h.waitForLog(/"app":"Good".*"msg":"app file removed; app undeployed"/);
      assert.equal((await h.request('GET', '/siddhi-apps/Good/status')).status, 404);
    } finally {
      await h.close();
    }
  });
});
