/**
 * npm run conformance -- [FILE|DIR ...] [--json FILE] [--filter TEXT] [--quiet] [--write-baseline FILE]
 * Runs conformance cases (default: ../shared/conformance/siddhi) and prints each failure with a diff;
 * the last line is `conformance: N passed, M failed, K skipped`.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findCaseFiles, runSuites, summaryLine } from '../src/cli/conformance/run-suites.js';

const args = process.argv.slice(2);
let json: string | undefined;
let filter: string | undefined;
let quiet = false;
let baseline: string | undefined;
const paths: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--json') json = args[++i];
  else if (a === '--filter') filter = args[++i];
  else if (a === '--quiet') quiet = true;
  else if (a === '--write-baseline') baseline = args[++i];
  else paths.push(a);
}
if (paths.length === 0) paths.push(fileURLToPath(new URL('../../shared/conformance/siddhi', import.meta.url)));

const results = await runSuites(findCaseFiles(paths), {
  ...(filter !== undefined ? { filter } : {}),
  onResult: (r) => {
    if (r.status === 'fail' && !quiet) console.log(`FAIL ${r.suite} :: ${r.name}\n${r.message.replace(/^/gm, '  ')}\n`);
  },
});
if (json) writeFileSync(json, JSON.stringify(results, null, 1));
if (baseline) {
  const lines = results.filter((r) => r.status === 'pass').map((r) => `${r.suite} :: ${r.name}`);
  writeFileSync(baseline, lines.sort().join('\n') + '\n');
}
const bySuite = new Map<string, { pass: number; fail: number; skip: number }>();
for (const r of results) {
  const s = bySuite.get(r.suite) ?? { pass: 0, fail: 0, skip: 0 };
  s[r.status]++;
  bySuite.set(r.suite, s);
}
if (!quiet) for (const [s, c] of bySuite) console.log(`${s}: ${c.pass} passed, ${c.fail} failed, ${c.skip} skipped`);
console.log(summaryLine(results));
process.exit(0);
