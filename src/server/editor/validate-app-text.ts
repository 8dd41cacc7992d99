/**
 * The editor's validation (`POST /editor/api/validate`): the parse and semantic check that
 * `SiddhiManager.createSiddhiAppRuntime` runs before it builds an app (`checkSiddhiApp`), against the
 * server's registry. Nothing is built or started, so validating has no side effects on deployed apps.
 */
import type { SiddhiManager } from '../../engine/siddhi-manager.js';

export interface ValidationError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ValidationResult {
  readonly ok: boolean;
  readonly errors: readonly ValidationError[];
}

export function validateAppText(text: string, manager: SiddhiManager): ValidationResult {
  const errors = manager.checkSiddhiApp(text).map((d) => ({ line: d.line, column: d.column, message: d.message }));
  return { ok: errors.length === 0, errors };
}
