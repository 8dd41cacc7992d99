/** `tributary test CASES.json|DIR...`: runs test cases in the conformance format against their apps. */
import { writeFileSync } from 'node:fs';
import { findCaseFiles, runSuites, summaryLine } from '../conformance/run-suites.js';

export async function testCommand(
  paths: string[],
  opts: { json?: string; filter?: string; quiet?: boolean },
): Promise<number> {
  const results = await runSuites(findCaseFiles(paths), {
    ...(opts.filter !== undefined ? { filter: opts.filter } : {}),
    onResult: (r) => {
      if (r.status === 'fail' && !opts.quiet)
        process.stdout.write(`FAIL ${r.suite} :: ${r.name}\n${r.message.replace(/^/gm, '  ')}\n\n`);
    },
  });
  if (opts.json) writeFileSync(opts.json, JSON.stringify(results, null, 1));
  process.stdout.write(summaryLine(results) + '\n');
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
