/**
 * Guards the conformance corpus: every case listed in conformance-baseline.txt (the cases that
 * passed when it was last written, with `npm run conformance -- --write-baseline
 * test/conformance-baseline.txt`) must still pass.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findCaseFiles, runSuites, summaryLine } from '../src/cli/conformance/run-suites.js';

test('conformance cases that passed before still pass', async () => {
  const baseline = new Set(
    readFileSync(new URL('./conformance-baseline.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );
  const corpus = fileURLToPath(new URL('../../shared/conformance/siddhi', import.meta.url));
  const results = await runSuites(findCaseFiles([corpus]));
  const regressions = results
    .filter((r) => r.status !== 'pass' && baseline.has(`${r.suite} :: ${r.name}`))
    .map((r) => `${r.suite} :: ${r.name}\n${r.message}`);
  console.log(summaryLine(results));
  assert.ok(baseline.size > 0, 'the baseline lists passing cases');
  assert.deepEqual(regressions, []);
});
