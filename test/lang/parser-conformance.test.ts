import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parseOnDemandQuery, parseSiddhiApp } from '../../src/lang/parser/index.js';

const root = fileURLToPath(new URL('../../../shared/conformance/siddhi', import.meta.url));

interface Step {
  readonly query?: string;
  readonly expectError?: boolean;
}
interface Case {
  readonly name: string;
  readonly app: string;
  readonly skipReason?: string;
  readonly expectError?: string;
  readonly steps?: readonly Step[];
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

test('every runnable conformance app and on-demand query parses without syntax errors', () => {
  const failures: string[] = [];
  let apps = 0;
  let queries = 0;
  for (const file of files(root)) {
    const { cases } = JSON.parse(readFileSync(file, 'utf8')) as { cases: Case[] };
    for (const c of cases) {
      if (c.skipReason || c.expectError) continue;
      apps++;
      const r = parseSiddhiApp(c.app);
      for (const d of r.diagnostics)
        failures.push(`${file.slice(root.length)} ${c.name} ${d.line}:${d.column} ${d.message}`);
      for (const step of c.steps ?? []) {
        if (step.query === undefined || step.expectError) continue;
        queries++;
        const q = parseOnDemandQuery(step.query);
        for (const d of q.diagnostics) failures.push(`${file.slice(root.length)} ${c.name} query: ${d.message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(apps > 1000, `only ${apps} apps found under ${root}`);
  assert.ok(queries > 30, `only ${queries} on-demand queries found`);
});
