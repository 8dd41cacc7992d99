import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

const run = promisify(execFile);

/** The CLI: exit code, stdout and stderr. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: process.cwd() }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

const APP = `define stream Sales (item string, qty int);
define stream Lookup (item string);
@store(type='rdbms', datasource='SALES_DB')
@PrimaryKey('item')
define table SalesTable (item string, qty int);
from Sales update or insert into SalesTable on SalesTable.item == item;
from Lookup join SalesTable on Lookup.item == SalesTable.item select SalesTable.item, SalesTable.qty insert into Found;
`;

function files(config: (dir: string) => string): { dir: string; app: string; events: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tributary-datasources-'));
  writeFileSync(join(dir, 'app.siddhi'), APP);
  writeFileSync(
    join(dir, 'events.jsonl'),
    ['{"stream":"Sales","data":["tea",3]}', '{"stream":"Sales","data":["tea",5]}', '{"stream":"Lookup","data":["tea"]}']
      .map((l) => l + '\n')
      .join(''),
  );
  writeFileSync(join(dir, 'config.yaml'), config(dir));
  return { dir, app: join(dir, 'app.siddhi'), events: join(dir, 'events.jsonl'), config: join(dir, 'config.yaml') };
}

test('validate and run --config: the datasources of a config file (map form) reach the app', async () => {
  const f = files((dir) => `datasources:\n  SALES_DB: { url: 'jdbc:sqlite:${join(dir, 'sales.db')}' }\n`);
  const without = await cli(['validate', f.app]);
  assert.equal(without.code, 1);
  assert.match(
    without.stdout,
    /app\.siddhi:3:1 @store\(type='rdbms', datasource='SALES_DB'\) names no datasource: no datasources are configured; pass it in the SiddhiManager's datasources/,
  );
  assert.deepEqual(await cli(['validate', f.app, '--config', f.config]), {
    code: 0,
    stdout: `${f.app}: ok\n`,
    stderr: '',
  });
  const ran = await cli(['run', f.app, '--config', f.config, '--events', f.events]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.deepEqual(
    ran.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { stream: string; data: unknown[] }).data),
    [['tea', 5]],
  );
  const db = new Database(join(f.dir, 'sales.db'), { readonly: true });
  assert.deepEqual(db.prepare('SELECT item, qty FROM SalesTable').raw().all(), [['tea', 5]]);
  db.close();
});

test("run --config with WSO2 SI's deployment.yaml: its datasource is used, the settings Tributary ignores are named", async () => {
  const f = files(
    (dir) => `wso2.carbon:
  id: wso2-si
wso2.datasources:
  dataSources:
    - name: SALES_DB
      jndiConfig:
        name: jdbc/SalesDB
      definition:
        type: RDBMS
        configuration:
          jdbcUrl: 'jdbc:sqlite:${join(dir, 'wso2.db')}'
          driverClassName: org.sqlite.JDBC
          maxPoolSize: 10
state.persistence:
  enabled: false
`,
  );
  const ran = await cli(['run', f.app, '--config', f.config, '--events', f.events]);
  assert.equal(ran.code, 0, ran.stderr);
  assert.equal(
    ran.stderr.split('\n')[0],
    `tributary: warning: ${f.config}:1:1: WSO2 SI setting(s) wso2.carbon, state.persistence not used by Tributary; ignored`,
  );
  const out = ran.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { stream: string; data: unknown[] });
  assert.deepEqual(
    out.map((o) => [o.stream, o.data]),
    [['Found', ['tea', 5]]],
  );
  const db = new Database(join(f.dir, 'wso2.db'), { readonly: true });
  assert.deepEqual(db.prepare('SELECT item, qty FROM SalesTable').raw().all(), [['tea', 5]]);
  db.close();
});

test('validate --config: a datasource of a type other than RDBMS exits 2 naming its line and column', async () => {
  const f = files(
    () => `wso2.datasources:\n  dataSources:\n    - name: SALES_DB\n      definition:\n        type: LDAP\n`,
  );
  const r = await cli(['validate', f.app, '--config', f.config]);
  assert.equal(r.code, 2);
  assert.match(
    r.stderr,
    /config\.yaml:5:15: datasource 'SALES_DB' is of type 'LDAP'; Tributary reads RDBMS datasources only/,
  );
});
