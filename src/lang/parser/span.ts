/** Source spans from Chevrotain tokens. */
import type { IToken } from 'chevrotain';
import type { Position, Span } from '../ast.js';

const ZERO: Position = { line: 1, column: 1, offset: 0 };

function ok(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

export function startOf(token: IToken | undefined): Position {
  if (!token || !ok(token.startOffset) || !ok(token.startLine) || !ok(token.startColumn)) return ZERO;
  return { line: token.startLine, column: token.startColumn, offset: token.startOffset };
}

/** The position just after the token (exclusive end). */
export function endOf(token: IToken | undefined): Position {
  if (!token || !ok(token.endOffset) || !ok(token.endLine) || !ok(token.endColumn)) return startOf(token);
  return { line: token.endLine, column: token.endColumn + 1, offset: token.endOffset + 1 };
}

/** From the start of `first` to the end of `last`. */
export function spanOf(first: IToken | undefined, last: IToken | undefined): Span {
  const start = startOf(first);
  const end = endOf(last);
  return end.offset < start.offset ? { start, end: start } : { start, end };
}

/** A span covering two spans. */
export function joinSpans(a: Span | undefined, b: Span | undefined): Span {
  const s = a ?? b;
  const e = b ?? a;
  if (!s || !e) return { start: ZERO, end: ZERO };
  return { start: s.start, end: e.end };
}

/** The position of `offset` in `text` (for diagnostics at the end of input). */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}
