/** Which lines of a whole file LINE mode reads, as siddhi-io-file picks them, and which of them is the last. */
import type { LineSelection } from './file-source-config.js';

export interface SelectedLine {
  readonly line: string;
  /** The last line read from the file (transport property `eof`). */
  readonly eof: boolean;
}

/**
 * `lines` are the file's lines, empty ones left out. With `read.only.header` only the first is read, with
 * `read.only.trailer` only the last; otherwise the header lines are skipped, and with `skip.trailer` the
 * last line too, so `eof` is on the line before it.
 */
export function selectLines(lines: readonly string[], s: LineSelection): SelectedLine[] {
  if (lines.length === 0) return [];
  if (s.only === 'header') return [{ line: lines[0]!, eof: true }];
  if (s.only === 'trailer') return [{ line: lines[lines.length - 1]!, eof: true }];
  const body = lines.slice(s.headerLines, s.skipTrailer ? lines.length - 1 : lines.length);
  return body.map((line, i) => ({ line, eof: i === body.length - 1 }));
}
