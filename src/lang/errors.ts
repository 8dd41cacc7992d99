import type { Span } from './ast.js';

/** One problem found in an app: where, what, and how to fix it. */
export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  /** 0-based offsets of the offending text, for editors. */
  readonly offset: number;
  readonly endOffset: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** A SiddhiQL app (or on-demand query) that cannot be created: every problem found, with positions. */
export class SiddhiAppCreationError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[], what = 'SiddhiQL app') {
    const first = diagnostics[0];
    const summary = first ? `${first.line}:${first.column} ${first.message}` : 'unknown error';
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super(`Invalid ${what}: ${summary}${more}`);
    this.name = 'SiddhiAppCreationError';
    this.diagnostics = diagnostics;
  }
}

export function diagnosticAt(span: Span, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return {
    line: span.start.line,
    column: span.start.column,
    offset: span.start.offset,
    endOffset: span.end.offset,
    message,
    severity,
  };
}
