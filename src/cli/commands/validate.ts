/**
 * `tributary validate FILE...`: checks apps, prints `FILE:LINE:COL message` per problem (or JSON), and
 * `FILE: warning: message` for what app creation warned about (an option Tributary does not use, say).
 */
import { readFileSync } from 'node:fs';
import { memoryLogger, type LogLine } from '../../engine/runtime/logger.js';
import { SiddhiManager } from '../../engine/siddhi-manager.js';
import { SiddhiAppCreationError, type Diagnostic } from '../../lang/errors.js';
import { appSettingsOfConfig, type AppSettings } from '../config-for-apps.js';

export interface FileReport {
  readonly file: string;
  readonly ok: boolean;
  readonly errors: { line: number; col: number; message: string }[];
  /** What creating the app warned about; absent when nothing. */
  readonly warnings?: string[];
}

/** Checks each app; `settings` are what apps name from a config file (refs, datasources, extension properties). */
export function validateFiles(
  files: readonly string[],
  aggregationTimeZone?: string,
  settings: AppSettings = {},
): FileReport[] {
  const zone = aggregationTimeZone ?? process.env['TRIBUTARY_AGGREGATION_TIME_ZONE'];
  const lines: LogLine[] = [];
  const manager = new SiddhiManager({
    clock: 'virtual',
    startTime: 0,
    logger: memoryLogger(lines),
    ...(zone ? { aggregationTimeZone: zone } : {}),
    ...settings,
  });
  return files.map((file) => {
    lines.length = 0;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      return { file, ok: false, errors: [{ line: 0, col: 0, message: `cannot read file: ${(e as Error).message}` }] };
    }
    try {
      manager.validateSiddhiApp(text);
      const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.msg);
      return { file, ok: true, errors: [], ...(warnings.length > 0 ? { warnings } : {}) };
    } catch (e) {
      const diags: readonly Diagnostic[] =
        e instanceof SiddhiAppCreationError
          ? e.diagnostics
          : [{ line: 1, column: 1, offset: 0, endOffset: 0, message: (e as Error).message, severity: 'error' }];
      return { file, ok: false, errors: diags.map((d) => ({ line: d.line, col: d.column, message: d.message })) };
    }
  });
}

export function validateCommand(
  files: string[],
  opts: { json?: boolean; aggregationTimeZone?: string; config?: string },
): number {
  const config = appSettingsOfConfig(opts.config);
  if ('error' in config) {
    process.stderr.write(config.error);
    return 2;
  }
  process.stderr.write(config.warnings);
  const reports = validateFiles(files, opts.aggregationTimeZone, config.settings);
  for (const r of reports) {
    if (opts.json) process.stdout.write(JSON.stringify(r) + '\n');
    else if (r.ok) {
      process.stdout.write(`${r.file}: ok\n`);
      for (const w of r.warnings ?? []) process.stdout.write(`${r.file}: warning: ${w}\n`);
    } else for (const e of r.errors) process.stdout.write(`${r.file}:${e.line}:${e.col} ${e.message}\n`);
  }
  return reports.every((r) => r.ok) ? 0 : 1;
}
