/** Live diagnostics: the server's validation of the text, as lint markers at each error's line and column. */
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { ValidationError } from './api-client.js';

/** The range to mark for an error at 1-based line and column: the word that starts there, or one character. */
export function errorRange(doc: Text, line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = Math.min(l.from + Math.max(column - 1, 0), l.to);
  const rest = doc.sliceString(from, l.to);
  const word = /^[\w@:.'"]+/.exec(rest)?.[0].length ?? 0;
  const to = Math.min(from + Math.max(word, 1), doc.length);
  return { from, to: Math.max(to, from) };
}

export function toDiagnostics(doc: Text, errors: readonly ValidationError[]): Diagnostic[] {
  return errors.map((e) => ({ ...errorRange(doc, e.line, e.column), severity: 'error', message: e.message }));
}
