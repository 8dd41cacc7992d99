/**
 * The editor's validation (`POST /editor/api/validate`): the parse and semantic check that
 * `SiddhiManager.createSiddhiAppRuntime` runs before it builds an app, against the server's registry.
 * Nothing is built or started, so validating has no side effects on deployed apps.
 */
import { checkApp } from '../../lang/check/index.js';
import type { Catalog } from '../../lang/catalog.js';
import type { Diagnostic } from '../../lang/errors.js';
import { parseSiddhiApp } from '../../lang/parser/index.js';

export interface ValidationError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ValidationResult {
  readonly ok: boolean;
  readonly errors: readonly ValidationError[];
}

export function validateAppText(text: string, catalog: Catalog): ValidationResult {
  const parsed = parseSiddhiApp(text);
  let diagnostics: readonly Diagnostic[] = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (diagnostics.length === 0 && parsed.app) {
    diagnostics = checkApp(parsed.app, catalog).diagnostics.filter((d) => d.severity === 'error');
  } else if (diagnostics.length === 0) {
    diagnostics = [{ line: 1, column: 1, offset: 0, endOffset: 0, message: 'the app is empty', severity: 'error' }];
  }
  const errors = diagnostics.map((d) => ({ line: d.line, column: d.column, message: d.message }));
  return { ok: errors.length === 0, errors };
}
