/** Every app under examples/ is valid as shipped: it parses, checks and builds (sources, sinks and stores included). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppSettings } from '../src/cli/config-for-apps.js';
import { loadConfig } from '../src/server/config/load-config.js';
import '../src/io/install.js';
import '../src/stores/install.js';
import { validateFiles } from '../src/cli/commands/validate.js';

function siddhiFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? siddhiFiles(join(dir, e.name)) : e.name.endsWith('.siddhi') ? [join(dir, e.name)] : [],
  );
}

/**
 * The refs and datasources of the tributary.yaml (or WSO2 SI deployment.yaml) beside an example, if it has
 * one (the apps there name them).
 */
function settingsBeside(file: string): AppSettings {
  const config = ['tributary.yaml', 'deployment.yaml'].map((f) => join(dirname(file), f)).find((f) => existsSync(f));
  if (config === undefined) return {};
  const c = loadConfig({ config }, {});
  return {
    ...(c.refs !== undefined ? { refs: c.refs } : {}),
    ...(c.datasources !== undefined ? { datasources: c.datasources } : {}),
    ...(c.extensionProperties !== undefined ? { extensionProperties: c.extensionProperties } : {}),
  };
}

test('every example app validates', () => {
  const files = siddhiFiles('examples').sort();
  assert.ok(files.length >= 15, `found only ${files.length} example apps`);
  const bad = files.flatMap((f) => validateFiles([f], undefined, settingsBeside(f))).filter((r) => !r.ok);
  assert.deepEqual(bad, []);
});
