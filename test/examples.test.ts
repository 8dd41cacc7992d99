/** Every app under examples/ is valid as shipped: it parses, checks and builds (sources, sinks and stores included). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import '../src/io/install.js';
import '../src/stores/install.js';
import { validateFiles } from '../src/cli/commands/validate.js';

function siddhiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? siddhiFiles(join(dir, e.name)) : e.name.endsWith('.siddhi') ? [join(dir, e.name)] : [],
  );
}

test('every example app validates', () => {
  const files = siddhiFiles('examples').sort();
  assert.ok(files.length >= 15, `found only ${files.length} example apps`);
  const bad = validateFiles(files).filter((r) => !r.ok);
  assert.deepEqual(bad, []);
});
