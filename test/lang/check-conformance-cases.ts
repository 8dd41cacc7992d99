/** Reads the conformance cases for the checker sweeps. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CONFORMANCE_DIR = '/work/shared/conformance/siddhi';

export interface SweepCase {
  readonly file: string;
  readonly name: string;
  readonly app: string;
  readonly expectError?: string;
  readonly skipReason?: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

interface RawFile {
  readonly cases?: readonly { name?: string; app?: string; expectError?: string; skipReason?: string }[];
}

export function loadCases(): SweepCase[] {
  const out: SweepCase[] = [];
  for (const f of walk(CONFORMANCE_DIR)) {
    const raw = JSON.parse(readFileSync(f, 'utf8')) as RawFile;
    for (const c of raw.cases ?? []) {
      if (typeof c.app !== 'string' || typeof c.name !== 'string') continue;
      out.push({
        file: f.slice(CONFORMANCE_DIR.length + 1),
        name: c.name,
        app: c.app,
        ...(c.expectError ? { expectError: c.expectError } : {}),
        ...(c.skipReason ? { skipReason: c.skipReason } : {}),
      });
    }
  }
  return out;
}
