/** Loads conformance files (files or folders) and runs every case, collecting results. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CaseResult, ConformanceSuite } from './case-format.js';
import { runCase } from './run-case.js';

export function findCaseFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) walk(join(p, f));
    } else if (p.endsWith('.json')) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

export interface RunOptions {
  /** Only cases whose "suite/name" contains this text. */
  readonly filter?: string;
  readonly onResult?: (r: CaseResult) => void;
}

export async function runSuites(files: readonly string[], opts: RunOptions = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const file of files) {
    let suite: ConformanceSuite;
    try {
      suite = JSON.parse(readFileSync(file, 'utf8')) as ConformanceSuite;
    } catch (e) {
      const r: CaseResult = {
        suite: relative(process.cwd(), file),
        name: '(file)',
        status: 'fail',
        message: `unreadable: ${(e as Error).message}`,
      };
      results.push(r);
      opts.onResult?.(r);
      continue;
    }
    for (const c of suite.cases) {
      if (opts.filter && !`${suite.suite}/${c.name}`.includes(opts.filter)) continue;
      let r: CaseResult;
      if (c.skipReason) {
        r = { suite: suite.suite, name: c.name, status: 'skip', message: c.skipReason };
      } else {
        const problem = await runCase(c);
        r = {
          suite: suite.suite,
          name: c.name,
          status: problem === undefined ? 'pass' : 'fail',
          message: problem ?? '',
        };
      }
      results.push(r);
      opts.onResult?.(r);
    }
  }
  return results;
}

export function summaryLine(results: readonly CaseResult[]): string {
  const n = (s: CaseResult['status']): number => results.filter((r) => r.status === s).length;
  return `conformance: ${n('pass')} passed, ${n('fail')} failed, ${n('skip')} skipped`;
}
