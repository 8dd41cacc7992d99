/** `tributary validate FILE...`: checks apps, prints `FILE:LINE:COL message` per problem (or JSON). */
import { readFileSync } from 'node:fs';
import { SiddhiManager } from '../../engine/siddhi-manager.js';
import { SiddhiAppCreationError, type Diagnostic } from '../../lang/errors.js';

export interface FileReport {
  readonly file: string;
  readonly ok: boolean;
  readonly errors: { line: number; col: number; message: string }[];
}

export function validateFiles(files: readonly string[], aggregationTimeZone?: string): FileReport[] {
  const zone = aggregationTimeZone ?? process.env['TRIBUTARY_AGGREGATION_TIME_ZONE'];
  const manager = new SiddhiManager({ clock: 'virtual', startTime: 0, ...(zone ? { aggregationTimeZone: zone } : {}) });
  return files.map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { file, ok: false, errors: [{ line: 0, col: 0, message: `cannot read file: ${(e as Error).message}` }] };
    }
    try {
      manager.validateSiddhiApp(text);
      return { file, ok: true, errors: [] };
    } catch (e) {
      const diags: readonly Diagnostic[] =
        e instanceof SiddhiAppCreationError
          ? e.diagnostics
          : [{ line: 1, column: 1, offset: 0, endOffset: 0, message: (e as Error).message, severity: 'error' }];
      return { file, ok: false, errors: diags.map((d) => ({ line: d.line, col: d.column, message: d.message })) };
    }
  });
}

export function validateCommand(files: string[], opts: { json?: boolean; aggregationTimeZone?: string }): number {
  const reports = validateFiles(files, opts.aggregationTimeZone);
  for (const r of reports) {
    if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
    else if (r.ok) process.stdout.write(`${r.file}: ok\n`);
    else for (const e of r.errors) process.stdout.write(`${r.file}:${e.line}:${e.col} ${e.message}\n`);
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}
